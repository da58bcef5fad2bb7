/** Edit, revoke and archive (or restore), for those who may change the license. */
import { useState } from "react";

import { Modal } from "../../components/Modal";
import { Alert, Button, Field, LinkButton, errorProps, inputClass } from "../../components/ui";
import { graphql } from "../../gql";
import type { LicenseActions_LicenseFragment } from "../../gql/graphql";
import { describeError, userErrorMessage } from "../../lib/errors";
import { useArchiveLicense, useRevokeLicense } from "./mutations";

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
  const [setArchived, { loading: archiving }] = useArchiveLicense();
  const archived = license.archivedAt != null;

  const toggleArchive = async () => {
    try {
      const { errors } = await setArchived(license.id, !archived);
      if (errors.length) onNotice(errors.map(userErrorMessage).join(" "), "error");
      else
        onNotice(
          archived
            ? "The license is back in the lists."
            : "Archived: the license is hidden from lists and the dashboard.",
        );
    } catch (error) {
      onNotice(describeError(error), "error");
    }
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
  const [problem, setProblem] = useState<string | null>(null);
  const [revoke, { loading }] = useRevokeLicense(license.viewerCan.viewCost);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setFieldError(undefined);
    if (!reason.trim()) {
      setFieldError("Say why the license is revoked; it is kept in the audit log.");
      return;
    }
    try {
      const { errors } = await revoke({ id: license.id, reason: reason.trim() });
      const onReason = errors.find((x) => x.field === "reason");
      if (onReason) setFieldError(onReason.message);
      const rest = errors.filter((x) => x !== onReason);
      if (rest.length) setProblem(rest.map(userErrorMessage).join(" "));
      if (errors.length) return;
      setReason("");
      onOpenChange(false);
      onDone();
    } catch (error) {
      setProblem(describeError(error));
    }
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
        {problem && <Alert>{problem}</Alert>}
        <div className="flex justify-end gap-2">
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button type="submit" variant="danger" disabled={loading}>
            Revoke
          </Button>
        </div>
      </form>
    </Modal>
  );
}
