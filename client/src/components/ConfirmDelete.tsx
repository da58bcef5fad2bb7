/** "Delete X?" as a dialog: says what goes with it, runs the delete mutation with `useAction`
 * and shows the server's refusal (e.g. "Vendor Adobe still has 3 products and 12 licenses;
 * archive it or move them first") inside the dialog, which then stays open. */
import type { TypedDocumentNode } from "@apollo/client";
import type { ReactNode } from "react";

import { ActionError, useAction } from "../lib/action";
import { Modal } from "./Modal";
import { Button } from "./ui";

export function ConfirmDelete<TData>({
  document,
  id,
  kind,
  name,
  consequences,
  refetchQueries,
  onClose,
}: {
  document: TypedDocumentNode<TData, { id: string }>;
  id: string;
  /** "vendor", "product", "tag", "team": named in the title and in a CONFLICT message. */
  kind: string;
  name: string;
  /** What else goes, or what stops it, in a sentence. */
  consequences: ReactNode;
  refetchQueries: string[];
  onClose: () => void;
}) {
  const action = useAction(document, { kind, refetchQueries, awaitRefetch: true });
  const confirm = async () => {
    const { ok } = await action.run({ id });
    if (ok) onClose();
  };
  return (
    <Modal
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Delete ${kind} ${name}?`}
      description="Deleting cannot be undone (the audit log keeps a record). Archiving hides it and keeps it."
    >
      <div data-testid="confirm-delete" className="space-y-3 text-sm break-words">
        <p>{consequences}</p>
        <ActionError problem={action.problem} />
        <div className="flex flex-wrap justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="danger" disabled={action.loading} onClick={() => void confirm()}>
            {action.loading ? "Deleting…" : `Delete ${kind}`}
          </Button>
        </div>
      </div>
    </Modal>
  );
}
