/** Pick a person by typing part of their name or e-mail: the server searches (`users(search,
 * first)`), so it stays quick with hundreds of users. */
import { useQuery } from "@apollo/client/react";
import { useState } from "react";

import { Combobox, useDebounced, type ComboOption } from "../../components/Combobox";
import { graphql } from "../../gql";

const UserPickerQuery = graphql(`
  query UserPicker($search: String, $first: Int) {
    users(includeInactive: false, search: $search, first: $first) {
      id
      name
      email
    }
  }
`);

export const PICKER_SIZE = 20;

export function UserPicker({
  id,
  onPick,
  exclude = [],
  error,
  resetKey,
  initialText = "",
  onClear,
}: {
  id: string;
  onPick: (user: { id: string; label: string } | null) => void;
  /** People not to offer (those who already hold a seat). */
  exclude?: readonly string[];
  error?: string | undefined;
  /** Changing it empties the box (after a successful assignment). */
  resetKey?: number;
  /** The chosen person's name, shown in the box to begin with. */
  initialText?: string;
  /** The box was emptied. */
  onClear?: () => void;
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
  const { data, loading } = useQuery(UserPickerQuery, {
    variables: { search: search || null, first: PICKER_SIZE },
    skip: !used,
  });
  const options: ComboOption[] = (data?.users ?? [])
    .filter((u) => !exclude.includes(u.id))
    .map((u) => ({ id: u.id, label: u.name || u.email || "A user", detail: u.name ? u.email : null }));

  return (
    <Combobox
      id={id}
      text={text}
      options={options}
      loading={used && (loading || search !== text.trim())}
      onFirstUse={() => setUsed(true)}
      placeholder="Type a name or e-mail…"
      emptyText="Nobody matches."
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
