/** The Apollo Client: cookie session + X-CSRF-Token on every request, and an UNAUTHENTICATED
 * answer anywhere ends the session in the interface (the user is sent to sign in and back). */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { ErrorLink } from "@apollo/client/link/error";
import { tap } from "rxjs";

import { sessionExpired } from "./auth-events";
import { csrfToken } from "./cookies";
import { errorCodes, payloadErrorCodes } from "./errors";

export function createApolloClient(uri = "/graphql"): ApolloClient {
  const csrf = new SetContextLink((prev) => {
    const token = csrfToken();
    return { headers: { ...prev["headers"], ...(token ? { "X-CSRF-Token": token } : {}) } };
  });
  const expiry = new ErrorLink(({ error }) => {
    if (errorCodes(error).includes("UNAUTHENTICATED")) sessionExpired();
  });
  // A mutation refused in its payload (`errors { code: UNAUTHENTICATED }`) ends it too: the
  // answer is HTTP 200 without GraphQL errors, so the ErrorLink above never sees it.
  const payloadExpiry = new ApolloLink((operation, forward) =>
    forward(operation).pipe(
      tap((result) => {
        if (payloadErrorCodes(result.data).includes("UNAUTHENTICATED")) sessionExpired();
      }),
    ),
  );
  const http = new HttpLink({ uri, credentials: "same-origin" });
  return new ApolloClient({
    link: ApolloLink.from([expiry, payloadExpiry, csrf, http]),
    cache: new InMemoryCache({
      typePolicies: {
        // Singletons without an id: keep them inside their parent.
        Dashboard: { keyFields: false },
        PageInfo: { keyFields: false },
        License: {
          fields: {
            // A new list replaces the old one (seats and terms come back whole).
            assignments: { merge: false },
            renewals: { merge: false },
            tags: { merge: false },
          },
        },
      },
    }),
    defaultOptions: {
      watchQuery: { errorPolicy: "all" },
      query: { errorPolicy: "all" },
    },
  });
}
