/** Reading Licman's two kinds of refusal: GraphQL errors with `extensions.code`, and the
 * typed `errors { field code message }` list that every mutation payload carries. */
import { CombinedGraphQLErrors, ServerError } from "@apollo/client";

export type ErrorCode =
  | "INVALID"
  | "NOT_FOUND"
  | "CONFLICT"
  | "DUPLICATE"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "NO_SEATS_LEFT"
  | "ALREADY_ASSIGNED"
  | "IN_USE"
  | "CSRF_FAILED"
  | "TOO_LARGE";

export interface UserErrorLike {
  field?: string | null;
  code: string;
  message: string;
}

/** Every `extensions.code` in an Apollo error (GraphQL errors or a JSON error body). */
export function errorCodes(error: unknown): string[] {
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.map((e) => e.extensions?.["code"]).filter((c): c is string => typeof c === "string");
  }
  if (ServerError.is(error)) {
    const codes: string[] = [];
    try {
      const body = JSON.parse(error.bodyText) as { errors?: { extensions?: { code?: unknown } }[] };
      for (const e of body.errors ?? []) {
        if (typeof e.extensions?.code === "string") codes.push(e.extensions.code);
      }
    } catch {
      // not JSON: fall through to the status code
    }
    if (error.statusCode === 401 && !codes.includes("UNAUTHENTICATED")) codes.push("UNAUTHENTICATED");
    return codes;
  }
  return [];
}

/** The codes of every mutation payload's `errors` list in a result's data (top-level fields). */
export function payloadErrorCodes(data: unknown): string[] {
  if (!data || typeof data !== "object") return [];
  const codes: string[] = [];
  for (const payload of Object.values(data as Record<string, unknown>)) {
    const errors = payload && typeof payload === "object" ? (payload as { errors?: unknown }).errors : undefined;
    if (!Array.isArray(errors)) continue;
    for (const e of errors as { code?: unknown }[]) if (typeof e?.code === "string") codes.push(e.code);
  }
  return codes;
}

export function hasCode(error: unknown, code: ErrorCode): boolean {
  return errorCodes(error).includes(code);
}

/** A sentence for the person in front of the screen. */
export function describeError(error: unknown): string {
  if (hasCode(error, "FORBIDDEN")) return "You do not have permission to do that.";
  if (hasCode(error, "UNAUTHENTICATED")) return "Your session has ended. Please sign in again.";
  if (hasCode(error, "CSRF_FAILED")) return "The request was refused for safety. Reload the page and try again.";
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => e.message).join(" ");
  if (ServerError.is(error)) return `The server answered ${error.statusCode}. Try again in a moment.`;
  if (error instanceof Error) {
    return error.message.includes("fetch") ? "Licman cannot be reached. Check your connection." : error.message;
  }
  return "Something went wrong.";
}

/** Split payload errors into those that name a form field we show, and the rest. */
export function splitUserErrors<F extends string>(
  errors: readonly UserErrorLike[],
  fields: readonly F[],
): { byField: Partial<Record<F, string>>; general: UserErrorLike[] } {
  const byField: Partial<Record<F, string>> = {};
  const general: UserErrorLike[] = [];
  for (const error of errors) {
    const field = error.field as F | null | undefined;
    if (field && (fields as readonly string[]).includes(field)) {
      byField[field] = byField[field] ? `${byField[field]} ${error.message}` : error.message;
    } else {
      general.push(error);
    }
  }
  return { byField, general };
}

/** The message to show for a refusal that names no field (or one we do not display). */
export function userErrorMessage(error: UserErrorLike, kind = "license"): string {
  switch (error.code) {
    case "CONFLICT":
      return `Someone else changed this ${kind} after you opened it, so your changes were not saved. Load the latest version, then make yours again.`;
    case "NO_SEATS_LEFT":
      return `No seats left: ${error.message}`;
    case "ALREADY_ASSIGNED":
      return `Already assigned: ${error.message}`;
    case "FORBIDDEN":
      return "You do not have permission to do that.";
    case "IN_USE":
      return `This ${kind} is still in use: ${error.message}`;
    default:
      return error.message;
  }
}
