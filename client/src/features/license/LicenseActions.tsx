/** Edit, revoke and archive (or restore), for those who may change the license. */
import { useState } from "react";

import { Modal } from "../../components/Modal";
import { Button, Field, LinkButton, errorProps, inputClass } from "../../components/ui";
import { graphql } from "../../gql";
import type { LicenseActions_LicenseFragment } from "../../gql/graphql";
import { ActionError, useAction } from "../../lib/action";
import { LISTS, LicenseArchiveMutation, LicenseRestoreMutation, LicenseRevokeMutation } from "./mutations";
import { useLicenseVariables } from "./useLicenseVariables";

export const LicenseActionsFragment = graphql(`
  fragment LicenseActions_license on License {
    id
    status
    archivedAt
    seatsUsed
    viewerCan {
      viewCost
    }
  }
`);

export function LicenseActions({
  license,
  onNotice,
}: {
  license: LicenseActions_LicenseFragment;
  onNotice: (message: string, tone?: "success" | "error") => void;
}) {
  const [revokeOpen, setRevokeOpen] = useState(false);
  const archive = useAction(LicenseArchiveMutation, { kind: "license", refetchQueries: LISTS });
  const restore = useAction(LicenseRestoreMutation, { kind: "license", refetchQueries: LISTS });
  const archiving = archive.loading || restore.loading;
  const archived = license.archivedAt != null;
  const problem = archive.problem ?? restore.problem;

  const toggleArchive = async () => {
    archive.clear();
    restore.clear();
    const { ok } = await (archived ? restore : archive).run({ id: license.id });
    if (ok)
      onNotice(
        archived
          ? "The license is back in the lists."
          : "Archived: the license is hidden from lists and the dashboard.",
      );
  };

  return (
    <>
      <LinkButton to={`/licenses/${license.id}/edit`}>Edit</LinkButton>
      {license.status !== "REVOKED" && (
        <Button variant="danger" onClick={() => setRevokeOpen(true)}>
          Revoke
        </Button>
      )}
      <Button disabled={archiving} onClick={() => void toggleArchive()}>
        {archived ? "Restore" : "Archive"}
      </Button>
      <ActionError problem={problem} className="basis-full" />
      <RevokeDialog
        license={license}
        open={revokeOpen}
        onOpenChange={setRevokeOpen}
        onDone={() => onNotice("The license is revoked; all seats have ended.")}
      />
    </>
  );
}

function RevokeDialog({
  license,
  open,
  onOpenChange,
  onDone,
}: {
  license: LicenseActions_LicenseFragment;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDone: () => void;
}) {
  const [reason, setReason] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const vars = useLicenseVariables(license.viewerCan.viewCost);
  const revoke = useAction(LicenseRevokeMutation, { kind: "license", refetchQueries: LISTS, fields: ["reason"] });

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setFieldError(undefined);
    if (!reason.trim()) {
      setFieldError("Say why the license is revoked; it is kept in the audit log.");
      return;
    }
    const { ok, errors } = await revoke.run({ input: { id: license.id, reason: reason.trim() }, ...vars });
    const onReason = errors.find((x) => x.field === "reason");
    if (onReason) setFieldError(onReason.message);
    if (!ok) return;
    setReason("");
    onOpenChange(false);
    onDone();
  };

  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      title="Revoke license"
      description={`Every seat ends now${license.seatsUsed ? ` (${license.seatsUsed} assigned)` : ""} and the status becomes Revoked. This cannot be undone by renewing.`}
    >
      <form onSubmit={(e) => void submit(e)} noValidate className="space-y-3">
        <Field label="Reason" htmlFor="revoke-reason" error={fieldError}>
          <textarea
            id="revoke-reason"
            rows={3}
            className={inputClass}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            {...errorProps("revoke-reason", fieldError)}
          />
        </Field>
        <ActionError problem={revoke.problem} />
        <div className="flex justify-end gap-2">
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button type="submit" variant="danger" disabled={revoke.loading}>
            Revoke
          </Button>
        </div>
      </form>
    </Modal>
  );
}
