/** Pick a tag by typing part of its name (the server searches `tags(search, first)`). */
import { SearchPicker, type Picked, type PickerProps } from "../../components/SearchPicker";
import { graphql } from "../../gql";

const TagPickerQuery = graphql(`
  query TagPicker($search: String, $first: Int) {
    tags(search: $search, first: $first) {
      id
      name
    }
  }
`);

/** `onPick` hears of choices only (a filter keeps its tag while the text is edited). */
export function TagPicker({ onPick, ...props }: Omit<PickerProps, "onPick"> & { onPick: (tag: Picked) => void }) {
  return (
    <SearchPicker
      {...props}
      onPick={(tag) => tag && onPick(tag)}
      query={TagPickerQuery}
      toOptions={(data) => data.tags.map((t) => ({ id: t.id, label: t.name }))}
      placeholder="Any tag"
      emptyText="No tag matches."
    />
  );
}
