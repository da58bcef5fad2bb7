/** Pick a tag by typing part of its name: the server searches (`tags(search, first)`), so it
 * stays quick with hundreds of tags. */
import { useQuery } from "@apollo/client/react";
import { useState } from "react";

import { Combobox, useDebounced, type ComboOption } from "../../components/Combobox";
import { graphql } from "../../gql";

const TagPickerQuery = graphql(`
  query TagPicker($search: String, $first: Int) {
    tags(search: $search, first: $first) {
      id
      name
    }
  }
`);

export const TAG_PICKER_SIZE = 20;

export function TagPicker({
  id,
  initialText = "",
  onPick,
  onClear,
}: {
  id: string;
  /** The chosen tag's name, shown in the box to begin with. */
  initialText?: string;
  onPick: (tag: { id: string; label: string }) => void;
  /** The box was emptied. */
  onClear?: () => void;
}) {
  const [text, setText] = useState(initialText);
  const search = useDebounced(text.trim());
  // Options are asked for once the box is used, not for every picker on a screen's first paint.
  const [used, setUsed] = useState(false);
  const { data, loading } = useQuery(TagPickerQuery, {
    variables: { search: search || null, first: TAG_PICKER_SIZE },
    skip: !used,
  });
  const options: ComboOption[] = (data?.tags ?? []).map((t) => ({ id: t.id, label: t.name }));
  return (
    <Combobox
      id={id}
      text={text}
      options={options}
      loading={used && (loading || search !== text.trim())}
      onFirstUse={() => setUsed(true)}
      placeholder="Any tag"
      emptyText="No tag matches."
      onSearch={(value) => {
        setText(value);
        if (!value.trim()) onClear?.();
      }}
      onSelect={(option) => {
        setText(option.label);
        onPick({ id: option.id, label: option.label });
      }}
    />
  );
}
