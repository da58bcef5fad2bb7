import { ApolloProvider } from "@apollo/client/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./app/App";
import { SessionProvider } from "./features/auth/session";
import { createApolloClient } from "./lib/apollo";
import "./index.css";

const client = createApolloClient();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <SessionProvider>
        <App />
      </SessionProvider>
    </ApolloProvider>
  </StrictMode>,
);
