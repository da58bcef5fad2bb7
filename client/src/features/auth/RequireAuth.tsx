/** Routes behind sign-in: a signed-out visitor goes to /sign-in, and comes back here after. */
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";

import { Alert, Button, Spinner } from "../../components/ui";
import { useSession } from "./session";

export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, signedOut, retry } = useSession();
  const location = useLocation();
  if (status === "loading") return <Spinner label="Checking your session…" />;
  if (status === "error") {
    // The server (or the network) failed: the session may well be fine, so no sign-in page.
    return (
      <main className="mx-auto max-w-lg p-6">
        <Alert title="Licman could not load your session">
          <p>The server did not answer as expected. Your work is not lost; try again in a moment.</p>
          <Button className="mt-2" onClick={retry}>
            Retry
          </Button>
        </Alert>
      </main>
    );
  }
  if (status === "signed-out") {
    const next = location.pathname + location.search;
    const to = signedOut || next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`;
    return <Navigate to={to} replace />;
  }
  return children;
}

/** Only same-site paths, so a crafted link cannot send someone elsewhere after signing in. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}
