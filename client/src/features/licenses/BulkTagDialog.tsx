/** Add or remove tags on the selected licenses. */
import { useState } from "react";

import { Modal } from "../../components/Modal";
import { Alert, Button, TagChip } from "../../components/ui";
import { describeError, userErrorMessage } from "../../lib/errors";
import { useTagLicenses } from "./useTagLicenses";
import { plural } from "../../lib/plural";

export function BulkTagDialog({
  open,
  onOpenChange,
  licenseIds,
  tags,
  onDone,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  licenseIds: string[];
  tags: readonly { id: string; name: string; color?: string | null }[];
  onDone: (message: string) => void;
}) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [tagLicenses, { loading }] = useTagLicenses();

  const apply = async (mode: "add" | "remove") => {
    setProblem(null);
    try {
      const errors = await tagLicenses(mode, licenseIds, chosen);
      if (errors.length) {
        setProblem(errors.map((e) => userErrorMessage(e)).join(" "));
        return;
      }
      const n = licenseIds.length;
      onDone(`${mode === "add" ? "Tagged" : "Untagged"} ${plural(n, "license")}.`);
      setChosen([]);
      onOpenChange(false);
    } catch (error) {
      setProblem(describeError(error));
    }
  };

  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      title={`Tag ${plural(licenseIds.length, "license")}`}
      description="Choose tags to add to or remove from every selected license."
    >
      {tags.length === 0 ? (
        <p className="text-sm">There are no tags yet.</p>
      ) : (
        <fieldset className="max-h-64 space-y-1 overflow-y-auto">
          <legend className="sr-only">Tags</legend>
          {tags.map((t) => (
            <label
              key={t.id}
              className="flex items-center gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50 dark:hover:bg-slate-800"
            >
              <input
                type="checkbox"
                className="size-4"
                checked={chosen.includes(t.id)}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...c, t.id] : c.filter((x) => x !== t.id)))}
              />
              <TagChip name={t.name} color={t.color} />
            </label>
          ))}
        </fieldset>
      )}
      {problem && (
        <div className="mt-3">
          <Alert>{problem}</Alert>
        </div>
      )}
      <div className="mt-4 flex flex-wrap justify-end gap-2">
        <Button disabled={loading || chosen.length === 0} onClick={() => void apply("remove")}>
          Remove tags
        </Button>
        <Button variant="primary" disabled={loading || chosen.length === 0} onClick={() => void apply("add")}>
          Add tags
        </Button>
      </div>
    </Modal>
  );
}
