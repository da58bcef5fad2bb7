/** Add or remove tags on the selected licenses (by id, or all that match the list's filter). */
import { useState } from "react";

import { Modal } from "../../components/Modal";
import { Button, TagChip } from "../../components/ui";
import { ActionError } from "../../lib/action";
import { plural } from "../../lib/plural";
import { targetCount, useTagLicenses, type TagTarget } from "./useTagLicenses";

export function BulkTagDialog({
  open,
  onOpenChange,
  target,
  tags,
  onDone,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  target: TagTarget;
  tags: readonly { id: string; name: string; color?: string | null }[];
  onDone: (message: string) => void;
}) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [tagLicenses, { loading, problem }] = useTagLicenses();
  const n = targetCount(target);
  const all = "matching" in target;

  const apply = async (mode: "add" | "remove") => {
    if (!(await tagLicenses(mode, target, chosen))) return;
    onDone(`${mode === "add" ? "Tagged" : "Untagged"} ${plural(n, "license")}.`);
    setChosen([]);
    onOpenChange(false);
  };

  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      title={`Tag ${plural(n, "license")}`}
      description={
        all
          ? `Choose tags to add to or remove from all ${plural(n, "license")} that match the list's filter (all or nothing: if one may not be changed, none is).`
          : "Choose tags to add to or remove from every selected license."
      }
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
      <ActionError problem={problem} className="mt-3" />
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
