/** Who is signed in and what they may do: asks `me` and `viewerCan` at start and after
 * signing in, signs in and out through /auth/*, and ends the session in the interface when
 * any request comes back UNAUTHENTICATED. What the user may do always comes from the
 * server's answer (`viewerCan`), never from their role. */
import { useApolloClient } from "@apollo/client/react";
import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from "react";

import { graphql } from "../../gql";
import type { MeQuery as MeResult, Role } from "../../gql/graphql";
import { onSessionExpired } from "../../lib/auth-events";
import { csrfToken } from "../../lib/cookies";
import { hasCode } from "../../lib/errors";

/** What the signed-in user may do anywhere (object-level answers come with each object). */
export type Abilities = MeResult["viewerCan"];

export interface SessionUser {
  id: string;
  email: string | null;
  name: string;
  /** For display only: decisions use `can`. */
  role: Role;
  can: Abilities;
  /** Offered the GraphQL explorer: those who manage users (admins) or hold an API token. */
  usesApi: boolean;
}

type Status = "loading" | "signed-in" | "signed-out" | "error";

export type SignInResult =
  { ok: true } | { ok: false; message: string; field?: "email" | "password"; retryAfter?: number };

interface SessionValue {
  status: Status;
  user: SessionUser | null;
  /** The last session ended on its own (timeout), not by signing out. */
  expired: boolean;
  /** The user signed out here (no point in coming back to the same page after signing in). */
  signedOut: boolean;
  signIn(email: string, password: string): Promise<SignInResult>;
  signOut(): Promise<void>;
  /** Ask for the session again (after status "error"). */
  retry(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

export const MeQuery = graphql(`
  query Me {
    me {
      id
      email
      name
      role
    }
    viewerCan {
      createLicense
      changeEveryLicense
      viewEveryCost
      manageCatalog
      deleteCatalog
      viewUsers
      viewEmails
      manageUsers
      manageGrants
      viewAudit
      manageAccount
    }
    myApiTokens {
      id
    }
  }
`);

/** The session's `Me` answer the server put in the page for a signed-in browser
 * (licman/web/boot.py): it spares the first screen a round trip. Read once, then removed. */
let inPage: { data: MeResult | undefined } | null = null;
export function sessionInPage(): MeResult | undefined {
  if (inPage) return inPage.data;
  inPage = { data: undefined };
  const element = document.getElementById("licman-session");
  if (!element) return undefined;
  element.remove();
  try {
    const data = JSON.parse(element.textContent || "null") as MeResult | null;
    if (data?.me && data.viewerCan && Array.isArray(data.myApiTokens)) inPage.data = data;
  } catch {
    // a damaged block: ask the server as without one
  }
  return inPage.data;
}

/** Runs `run` once the browser has painted the current frame (or soon, in a hidden tab). */
export function afterFirstPaint(run: () => void) {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    run();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 500); // no frames in a hidden tab
}

function sessionUser(data: MeResult | undefined): SessionUser | null {
  return data?.me
    ? { ...data.me, can: data.viewerCan, usesApi: data.viewerCan.manageUsers || data.myApiTokens.length > 0 }
    : null;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  // The page may carry the session already; without the CSRF cookie there is none to ask about.
  const [inPage] = useState(() => (csrfToken() ? sessionUser(sessionInPage()) : null));
  const [status, setStatus] = useState<Status>(() => (csrfToken() ? "loading" : "signed-out"));
  const [user, setUser] = useState<SessionUser | null>(null);
  const [expired, setExpired] = useState(false);
  const [signedOut, setSignedOut] = useState(false);
  // Bumped by retry(): asks for the session again after a server or network error.
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (status !== "loading") return;
    let cancelled = false;
    if (inPage && attempt === 0) {
      // Signed in already: the screen is shown once the first frame (a spinner) is painted,
      // so its code does not hold up that first paint.
      afterFirstPaint(() => {
        if (cancelled) return;
        setUser(inPage);
        setStatus("signed-in");
      });
      return () => {
        cancelled = true;
      };
    }
    client
      .query({ query: MeQuery, fetchPolicy: "network-only" })
      .then(({ data, error }) => {
        if (cancelled) return;
        const signedIn = sessionUser(data);
        if (signedIn) {
          setUser(signedIn);
          setStatus("signed-in");
        } else if (error && !hasCode(error, "UNAUTHENTICATED")) {
          setStatus("error"); // the server failed: say so, not "sign in"
        } else {
          setStatus("signed-out");
        }
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        setStatus(hasCode(error, "UNAUTHENTICATED") ? "signed-out" : "error");
      });
    return () => {
      cancelled = true;
    };
    // `status` is read only to start when loading; `attempt` asks again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, attempt, inPage]);

  const retry = useCallback(() => {
    setStatus("loading");
    setAttempt((n) => n + 1);
  }, []);

  useEffect(
    () =>
      onSessionExpired(() => {
        setStatus((current) => {
          if (current === "signed-in") {
            setExpired(true);
            void client.clearStore();
          }
          return "signed-out";
        });
        setUser(null);
      }),
    [client],
  );

  const signIn = useCallback(
    async (email: string, password: string): Promise<SignInResult> => {
      let response: Response;
      try {
        response = await fetch("/auth/login", {
          method: "POST",
          headers: { "content-type": "application/json" },
          credentials: "same-origin",
          body: JSON.stringify({ email, password }),
        });
      } catch {
        return { ok: false, message: "Licman cannot be reached. Check your connection and try again." };
      }
      if (response.ok) {
        await client.clearStore();
        // The sign-in answer names the user; what they may do is the API's to say.
        let signedIn: SessionUser | null = null;
        try {
          signedIn = sessionUser((await client.query({ query: MeQuery, fetchPolicy: "network-only" })).data);
        } catch {
          // reported below
        }
        if (!signedIn) return { ok: false, message: "Signed in, but Licman could not load your account. Try again." };
        setUser(signedIn);
        setExpired(false);
        setSignedOut(false);
        setStatus("signed-in");
        return { ok: true };
      }
      if (response.status === 429) {
        const retryAfter = Number(response.headers.get("retry-after") ?? "60");
        return {
          ok: false,
          retryAfter,
          message: `Too many failed sign-ins. Try again in ${retryAfter} seconds.`,
        };
      }
      if (response.status === 401) return { ok: false, message: "Wrong e-mail address or password." };
      let message = `Sign-in failed (${response.status}).`;
      try {
        const body = (await response.json()) as { error?: { message?: string } };
        if (body.error?.message) message = body.error.message;
      } catch {
        // keep the generic message
      }
      return { ok: false, message };
    },
    [client],
  );

  const signOut = useCallback(async () => {
    const token = csrfToken();
    try {
      await fetch("/auth/logout", {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json", ...(token ? { "X-CSRF-Token": token } : {}) },
      });
    } finally {
      await client.clearStore();
      setUser(null);
      setExpired(false);
      setSignedOut(true);
      setStatus("signed-out");
    }
  }, [client]);

  const value = useMemo(
    () => ({ status, user, expired, signedOut, signIn, signOut, retry }),
    [status, user, expired, signedOut, signIn, signOut, retry],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionValue {
  const value = use(SessionContext);
  if (!value) throw new Error("useSession needs a SessionProvider");
  return value;
}

/** What the signed-in user may do anywhere; only for components under RequireAuth. */
export function useViewerCan(): Abilities {
  return useCurrentUser().can;
}

/** The signed-in user; only for components under RequireAuth. */
export function useCurrentUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error("useCurrentUser outside RequireAuth");
  return user;
}
