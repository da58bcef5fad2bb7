/** A secret shown the one time it exists (API token, client secret, generated password,
 * calendar address): a warning, the value, Copy, and Done when the caller closes it. */
import { useState, type ReactNode } from "react";

import { ActionError, problemOf, type ActionProblem } from "../lib/action";
import { copyText } from "../lib/clipboard";
import { Alert, Button } from "./ui";

export function ShownOnce({
  value,
  testId,
  title = "Copy it now",
  children,
  onDone,
}: {
  value: string;
  /** data-testid of the value's box. */
  testId: string;
  title?: string;
  /** Why it is shown only now, and what to do with it. */
  children: ReactNode;
  onDone?: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const [problem, setProblem] = useState<ActionProblem | null>(null);
  const onCopy = async () => {
    setProblem(null);
    try {
      await copyText(value);
      setCopied(true);
    } catch (error) {
      setProblem(problemOf(error));
    }
  };
  return (
    <div className="grid gap-3">
      <Alert tone="warning" title={title}>
        {children}
      </Alert>
      <code
        data-testid={testId}
        className="block rounded bg-slate-100 p-2 font-mono text-sm break-all dark:bg-slate-800"
      >
        {value}
      </code>
      <ActionError problem={problem} />
      <div className={`flex gap-2 ${onDone ? "justify-end" : ""}`}>
        <Button onClick={() => void onCopy()}>{copied ? "Copied" : "Copy"}</Button>
        {onDone && (
          <Button variant="primary" onClick={onDone}>
            Done
          </Button>
        )}
      </div>
    </div>
  );
}
