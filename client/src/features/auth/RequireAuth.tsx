/** Routes behind sign-in: a signed-out visitor goes to /sign-in, and comes back here after. */
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";

import { Spinner } from "../../components/ui";
import { useSession } from "./session";

export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, signedOut } = useSession();
  const location = useLocation();
  if (status === "loading") return <Spinner label="Checking your session…" />;
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
