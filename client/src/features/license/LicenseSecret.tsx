/** The secret, masked until Reveal. Reveal and Copy are offered only when the server says the
 * caller may reveal (`canRevealSecret`); every reveal is recorded in the audit log. The plain
 * text never enters Apollo's cache. */
import { useApolloClient } from "@apollo/client/react";
import { useEffect, useRef, useState } from "react";

import { Button, Card } from "../../components/ui";
import { graphql } from "../../gql";
import type { LicenseSecret_LicenseFragment } from "../../gql/graphql";
import { copyText } from "../../lib/clipboard";
import { ActionError, problemOf, type ActionProblem } from "../../lib/action";

export const LicenseSecretFragment = graphql(`
  fragment LicenseSecret_license on License {
    id
    hasSecret
    canRevealSecret
  }
`);

export const LicenseSecretRevealQuery = graphql(`
  query LicenseSecretReveal($id: ID!) {
    license(id: $id) {
      id
      secret
    }
  }
`);

const MASK = "••••••••••••";

export function LicenseSecret({ license }: { license: LicenseSecret_LicenseFragment }) {
  const client = useApolloClient();
  const [secret, setSecret] = useState<string | null>(null);
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ActionProblem | null>(null);
  const [copied, setCopied] = useState(false);
  const copiedTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => () => clearTimeout(copiedTimer.current), []);
  // A different license (or a changed secret): forget what was revealed.
  const key = `${license.id}:${String(license.hasSecret)}`;
  const [seenKey, setSeenKey] = useState(key);
  if (seenKey !== key) {
    setSeenKey(key);
    setSecret(null);
    setShown(false);
  }

  const fetchSecret = async (): Promise<string | null> => {
    if (secret !== null) return secret;
    setBusy(true);
    setProblem(null);
    try {
      const { data, error } = await client.query({
        query: LicenseSecretRevealQuery,
        variables: { id: license.id },
        fetchPolicy: "no-cache",
      });
      const value = data?.license?.secret ?? null;
      if (error || value === null) {
        setProblem(problemOf(error ?? "The secret could not be read."));
        return null;
      }
      setSecret(value);
      return value;
    } catch (error) {
      setProblem(problemOf(error));
      return null;
    } finally {
      setBusy(false);
    }
  };

  const reveal = async () => {
    if (shown) {
      setShown(false);
      return;
    }
    if ((await fetchSecret()) !== null) setShown(true);
  };

  const copy = async () => {
    const value = await fetchSecret();
    if (value === null) return;
    try {
      await copyText(value);
      setCopied(true);
      clearTimeout(copiedTimer.current);
      copiedTimer.current = setTimeout(() => setCopied(false), 2000);
    } catch (error) {
      setProblem(problemOf(error));
    }
  };

  return (
    <Card title="Secret">
      {!license.hasSecret ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">No secret is stored for this license.</p>
      ) : (
        <>
          <div className="flex flex-wrap items-center gap-2">
            <code
              data-testid="license-secret"
              className="min-w-0 flex-1 rounded-md bg-slate-100 px-3 py-2 font-mono text-sm break-all dark:bg-slate-800"
              aria-label={shown ? "Secret" : "Secret (hidden)"}
            >
              {shown && secret !== null ? secret : MASK}
            </code>
            {license.canRevealSecret && (
              <>
                <Button onClick={() => void reveal()} disabled={busy} aria-pressed={shown}>
                  {shown ? "Hide" : "Reveal"}
                </Button>
                <Button onClick={() => void copy()} disabled={busy}>
                  {copied ? "Copied" : "Copy"}
                </Button>
              </>
            )}
          </div>
          <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
            {license.canRevealSecret
              ? "Revealing or copying the secret is recorded in the audit log, with your name and the time."
              : "You may not reveal this secret."}
          </p>
          <span className="sr-only" role="status">
            {copied ? "Secret copied to the clipboard" : ""}
          </span>
          <ActionError problem={problem} className="mt-2" />
        </>
      )}
    </Card>
  );
}
