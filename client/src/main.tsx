import { ApolloProvider } from "@apollo/client/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App, preloadScreen } from "./app/App";
import { SessionProvider, afterFirstPaint, sessionInPage, type Abilities } from "./features/auth/session";
import { createApolloClient } from "./lib/apollo";
import { csrfToken } from "./lib/cookies";
import "./index.css";

const client = createApolloClient();

// Signed in already (the page carries the session): the frame's and the screen's code and
// the licenses screen's query start together once the first frame (a spinner) is painted: on
// a slow phone a request started before it would count towards the first paint. The
// dashboard's query is not started early: measured with Lighthouse on a phone, its early
// answer let the chart chunk start sooner and moved the largest paint later (70 -> 59-63).
const session = csrfToken() ? sessionInPage() : undefined;
if (session) afterFirstPaint(() => startScreen(session.viewerCan));

function startScreen(can: Abilities) {
  preloadScreen(location.pathname);
  const screen = location.pathname === "/licenses" ? import("./features/licenses/pageQuery") : null;
  void screen?.then((m) => m.prefetch(client, can, new URLSearchParams(location.search)));
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <SessionProvider>
        <App />
      </SessionProvider>
    </ApolloProvider>
  </StrictMode>,
);
