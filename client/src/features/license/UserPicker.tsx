/** Pick a person by typing part of their name or e-mail (the server searches `users(search,
 * first)`, active people only). */
import { SearchPicker, type PickerProps } from "../../components/SearchPicker";
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

export function UserPicker(props: PickerProps) {
  return (
    <SearchPicker
      {...props}
      query={UserPickerQuery}
      toOptions={(data) =>
        data.users.map((u) => ({ id: u.id, label: u.name || u.email || "A user", detail: u.name ? u.email : null }))
      }
      placeholder="Type a name or e-mail…"
      emptyText="Nobody matches."
    />
  );
}
