/** Add or remove tags on the selected licenses. */
import { useState } from "react";

import { Modal } from "../../components/Modal";
import { Button, TagChip } from "../../components/ui";
import { ActionError, useAction } from "../../lib/action";
import { plural } from "../../lib/plural";
import { LICENSE_LISTS, LicensesTagMutation, LicensesUntagMutation } from "./mutations";

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
  const options = { kind: "license", refetchQueries: LICENSE_LISTS };
  const tag = useAction(LicensesTagMutation, options);
  const untag = useAction(LicensesUntagMutation, options);
  const loading = tag.loading || untag.loading;

  const apply = async (mode: "add" | "remove") => {
    (mode === "add" ? untag : tag).clear();
    const input = { licenseIds, tagIds: chosen };
    const { ok } = await (mode === "add" ? tag.run({ input }) : untag.run({ input }));
    if (!ok) return;
    const n = licenseIds.length;
    onDone(`${mode === "add" ? "Tagged" : "Untagged"} ${plural(n, "license")}.`);
    setChosen([]);
    onOpenChange(false);
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
      <ActionError problem={tag.problem ?? untag.problem} className="mt-3" />
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
