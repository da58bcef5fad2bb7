/** Pick one of many (a tag, a person) by typing part of it: the server searches with the
 * text (`query(search, first)`), so the picker stays quick with hundreds to choose from. The
 * tag and person pickers are this with their own query and wording. */
import type { TypedDocumentNode } from "@apollo/client";
import { useQuery } from "@apollo/client/react";
import { useState } from "react";

import { Combobox, useDebounced, type ComboOption } from "./Combobox";

export const PICKER_SIZE = 20;

export interface Picked {
  id: string;
  label: string;
}

/** What a page gives a picker (the query and wording are the picker's own). */
export interface PickerProps {
  id: string;
  /** A choice, or null once the text is changed after one. */
  onPick: (picked: Picked | null) => void;
  /** Ids not to offer (people who already hold a seat). */
  exclude?: readonly string[];
  error?: string | undefined;
  /** Changing it empties the box (after a successful assignment). */
  resetKey?: number;
  /** The chosen one's label, shown in the box to begin with. */
  initialText?: string;
  /** The box was emptied. */
  onClear?: () => void;
}

export function SearchPicker<TData>({
  query,
  toOptions,
  placeholder,
  emptyText,
  id,
  onPick,
  exclude = [],
  error,
  resetKey,
  initialText = "",
  onClear,
}: PickerProps & {
  query: TypedDocumentNode<TData, { search?: string | null; first?: number | null }>;
  toOptions: (data: TData) => ComboOption[];
  placeholder: string;
  emptyText: string;
}) {
  const [text, setText] = useState(initialText);
  const [seenKey, setSeenKey] = useState(resetKey);
  if (seenKey !== resetKey) {
    setSeenKey(resetKey);
    setText("");
  }
  const search = useDebounced(text.trim());
  // Options are asked for once the box is used, not for every picker on a screen's first paint.
  const [used, setUsed] = useState(false);
  const { data, loading } = useQuery(query, {
    variables: { search: search || null, first: PICKER_SIZE },
    skip: !used,
  });
  const options = (data ? toOptions(data as TData) : []).filter((o) => !exclude.includes(o.id));
  return (
    <Combobox
      id={id}
      text={text}
      options={options}
      loading={used && (loading || search !== text.trim())}
      onFirstUse={() => setUsed(true)}
      placeholder={placeholder}
      emptyText={emptyText}
      error={error}
      onSearch={(value) => {
        setText(value);
        onPick(null);
        if (!value.trim()) onClear?.();
      }}
      onSelect={(option) => {
        setText(option.label);
        onPick({ id: option.id, label: option.label });
      }}
    />
  );
}
