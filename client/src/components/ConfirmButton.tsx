/** The one "ask, then act" control of every row that revokes, deletes or deactivates something
 * (API tokens, authorised apps, OAuth clients, users): a button, a confirm dialog naming what
 * happens, and the action's button busy while it runs. */
import { useState, type ReactNode } from "react";

import { Modal } from "./Modal";
import { Button } from "./ui";

export function ConfirmButton({
  children,
  label,
  title,
  description,
  confirm,
  onConfirm,
  disabled = false,
  tone = "danger",
}: {
  /** The row's button text ("Revoke"). */
  children: ReactNode;
  /** The row button's accessible name, naming the object ("Revoke CI token"). */
  label: string;
  /** The dialog's title ("Revoke API token"). */
  title: string;
  /** What happens, in a sentence. */
  description: ReactNode;
  /** The dialog's action button ("Revoke token"). */
  confirm: string;
  /** Runs the action; the dialog closes when it settles (its error is the caller's to show). */
  onConfirm: () => Promise<unknown>;
  disabled?: boolean;
  tone?: "danger" | "primary";
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const act = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };
  return (
    <>
      <Button variant="ghost" disabled={disabled} onClick={() => setOpen(true)} aria-label={label}>
        {children}
      </Button>
      <Modal open={open} onOpenChange={setOpen} title={title} description={description}>
        <div className="flex justify-end gap-2">
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button variant={tone} disabled={busy} onClick={() => void act()}>
            {confirm}
          </Button>
        </div>
      </Modal>
    </>
  );
}
