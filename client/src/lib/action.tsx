/** The one way screens run a mutation: `useAction(Document, { kind })` runs it, reads the
 * payload's typed `errors`, keeps what to tell the person (`problem`), and `<ActionError>`
 * shows it. A payload UNAUTHENTICATED ends the session in the Apollo link (lib/apollo.ts). */
import type { OperationVariables, TypedDocumentNode } from "@apollo/client";
import { useMutation } from "@apollo/client/react";
import { useCallback, useState } from "react";

import { Alert, Button } from "../components/ui";
import { describeError, splitUserErrors, userErrorMessage, type UserErrorLike } from "./errors";

export interface ActionProblem {
  message: string;
  /** A stale `version`: someone else saved first. */
  conflict: boolean;
}

export interface ActionResult<TData> {
  ok: boolean;
  data: TData | undefined;
  /** Every payload error (empty on success), fields included. */
  errors: readonly UserErrorLike[];
}

export interface ActionOptions {
  /** What the mutation changes, in words ("license", "vendor"): named in the CONFLICT message. */
  kind: string;
  /** Named queries that a success may change (refetched when shown). */
  refetchQueries?: string[];
  /** Payload errors on these fields belong beside the form's fields, not in `problem`. */
  fields?: readonly string[];
  /** Wait for `refetchQueries` before `run` resolves (the next step needs their answer). */
  awaitRefetch?: boolean;
}

/** A problem from a thrown error (network, GraphQL, clipboard) or a sentence of our own. */
export function problemOf(error: unknown): ActionProblem {
  return { message: typeof error === "string" ? error : describeError(error), conflict: false };
}

/** The `errors` list of the payload (the data's one top-level field). */
export function payloadErrors(data: unknown): UserErrorLike[] {
  if (!data || typeof data !== "object") return [];
  for (const payload of Object.values(data as Record<string, unknown>)) {
    const errors = payload && typeof payload === "object" ? (payload as { errors?: unknown }).errors : undefined;
    if (Array.isArray(errors)) return errors as UserErrorLike[];
  }
  return [];
}

export function useAction<TData, TVariables extends OperationVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  { kind, refetchQueries, fields = [], awaitRefetch = false }: ActionOptions,
) {
  const [mutate, { loading }] = useMutation(
    document,
    refetchQueries ? { refetchQueries, awaitRefetchQueries: awaitRefetch } : {},
  );
  const [problem, setProblem] = useState<ActionProblem | null>(null);
  const fieldList = fields.join(",");

  const run = useCallback(
    async (variables: TVariables): Promise<ActionResult<TData>> => {
      setProblem(null);
      try {
        // Apollo's options type cannot be narrowed for a generic document; the variables are.
        const { data } = await (mutate as (options: { variables: TVariables }) => ReturnType<typeof mutate>)({
          variables,
        });
        const errors = payloadErrors(data);
        const shownByFields = fieldList.split(",");
        const general = errors.filter((e) => !e.field || !shownByFields.includes(e.field));
        if (general.length) {
          setProblem({
            message: general.map((e) => userErrorMessage(e, kind)).join(" "),
            conflict: general.some((e) => e.code === "CONFLICT"),
          });
        }
        return { ok: errors.length === 0, data: data ?? undefined, errors };
      } catch (error) {
        setProblem(problemOf(error));
        return { ok: false, data: undefined, errors: [] };
      }
    },
    [mutate, kind, fieldList],
  );
  const clear = useCallback(() => setProblem(null), []);
  return { run, loading, problem, clear, setProblem };
}

/** What went wrong with an action, as one alert; a CONFLICT offers `onReload` when given. */
export function ActionError({
  problem,
  onReload,
  className = "",
}: {
  problem: ActionProblem | null;
  onReload?: () => void;
  className?: string;
}) {
  if (!problem) return null;
  return (
    <div className={className}>
      {problem.conflict ? (
        <Alert tone="warning" title="Changed by someone else">
          <p>{problem.message}</p>
          {onReload && (
            <Button className="mt-2" onClick={onReload}>
              Load the latest version (discards your edits)
            </Button>
          )}
        </Alert>
      ) : (
        <Alert>{problem.message}</Alert>
      )}
    </div>
  );
}

/** Puts payload errors that name one of `fields` beside that field of a react-hook-form form. */
export function showFieldErrors<F extends string>(
  errors: readonly UserErrorLike[],
  fields: readonly F[],
  setError: (field: F, error: { type: string; message: string }) => void,
): void {
  const { byField } = splitUserErrors(errors, fields);
  for (const [field, message] of Object.entries(byField) as [F, string][]) setError(field, { type: "server", message });
}
