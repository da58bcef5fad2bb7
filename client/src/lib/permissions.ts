/** What a role may do everywhere, mirroring the server's ROLE_ACTIONS (licman/security/
 * permissions.py). The interface only offers these; the server still decides, and grants or
 * ownership can allow more on single licenses (such as `canRevealSecret`). */
import type { Role } from "../gql/graphql";

export type Capability =
  | "license.create"
  | "license.change"
  | "license.assign"
  | "license.delete"
  | "license.view_cost"
  | "user.view"
  | "audit.view"
  | "user.manage"
  | "catalog.manage";

const ALL: readonly Capability[] = [
  "license.create",
  "license.change",
  "license.assign",
  "license.delete",
  "license.view_cost",
  "user.view",
  "audit.view",
  "user.manage",
  "catalog.manage",
];

const BY_ROLE: Record<Role, readonly Capability[]> = {
  ADMIN: ALL,
  MANAGER: ALL.filter((c) => c !== "audit.view" && c !== "user.manage"),
  AUDITOR: ["license.view_cost", "user.view", "audit.view"],
  MEMBER: [],
};

export function can(role: Role | null | undefined, capability: Capability): boolean {
  return role != null && BY_ROLE[role].includes(capability);
}
