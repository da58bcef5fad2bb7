/** Add or remove tags on the selected licenses (by id, or all that match the list's filter).
 * A search box finds tags on the server (`tags(search, first)`), so the list stays short with
 * hundreds of tags. */
import { useQuery } from "@apollo/client/react";
import { useState } from "react";

import { useDebounced } from "../../components/Combobox";
import { Modal } from "../../components/Modal";
import { Button, TagChip, inputClass } from "../../components/ui";
import { graphql } from "../../gql";
import { ActionError, useAction } from "../../lib/action";
import { plural } from "../../lib/plural";
import { LICENSE_LISTS, LicensesTagMutation, LicensesUntagMutation, targetCount, type TagTarget } from "./mutations";

const TagSearchQuery = graphql(`
  query TagSearch($search: String, $first: Int!) {
    tags(search: $search, first: $first) {
      id
      name
      color
    }
  }
`);

/** Tags a search lists at most. */
export const TAG_SEARCH_SIZE = 50;

export function BulkTagDialog({
  open,
  onOpenChange,
  target,
  onDone,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  target: TagTarget;
  onDone: (message: string) => void;
}) {
  const [chosen, setChosen] = useState<string[]>([]);
  const options = { kind: "license", refetchQueries: LICENSE_LISTS };
  const tag = useAction(LicensesTagMutation, options);
  const untag = useAction(LicensesUntagMutation, options);
  const loading = tag.loading || untag.loading;
  const [text, setText] = useState("");
  const search = useDebounced(text.trim());
  const found = useQuery(TagSearchQuery, {
    variables: { search: search || null, first: TAG_SEARCH_SIZE },
    skip: !open,
  });
  // The server's first tags by name, or its matches for the search (never every tag).
  const listed = (found.data ?? found.previousData)?.tags ?? [];
  const noTags = !search && !!found.data && found.data.tags.length === 0;
  const n = targetCount(target);
  const all = "matching" in target;

  const apply = async (mode: "add" | "remove") => {
    (mode === "add" ? untag : tag).clear();
    const input =
      "licenseIds" in target
        ? { licenseIds: target.licenseIds, tagIds: chosen }
        : { matching: target.matching, tagIds: chosen };
    const { ok } = await (mode === "add" ? tag.run({ input }) : untag.run({ input }));
    if (!ok) return;
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
      {!noTags && (
        <div className="mb-2">
          <label htmlFor="bulk-tag-search" className="sr-only">
            Find tags
          </label>
          <input
            id="bulk-tag-search"
            type="search"
            className={inputClass}
            placeholder="Find tags…"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-controls="bulk-tag-list"
          />
        </div>
      )}
      {noTags ? (
        <p className="text-sm">There are no tags yet.</p>
      ) : listed.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400" role="status">
          {found.loading || search !== text.trim() ? "Searching…" : "No tag matches."}
        </p>
      ) : (
        <fieldset id="bulk-tag-list" className="max-h-64 space-y-1 overflow-y-auto" aria-busy={found.loading}>
          <legend className="sr-only">Tags</legend>
          {listed.map((t) => (
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
