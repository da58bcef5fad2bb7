/** Variables that keep fields the role may not read out of license queries and mutations, so
 * a member's page is not littered with FORBIDDEN errors for costs and e-mail addresses. */
import { can } from "../../lib/permissions";
import { useCurrentUser } from "../auth/session";

export function useLicenseVariables(): { withCost: boolean; withUsers: boolean } {
  const { role } = useCurrentUser();
  return { withCost: can(role, "license.view_cost"), withUsers: can(role, "user.view") };
}
