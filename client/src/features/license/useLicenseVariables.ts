/** Variables that keep fields the viewer may not read out of license queries and mutations,
 * so a member's page is not littered with FORBIDDEN errors for costs and e-mail addresses.
 * Both come from the server's answers: `viewerCan` for the viewer, and for one license its
 * own `viewerCan.viewCost` (a change grant shows that license's costs). */
import { useViewerCan } from "../auth/session";

export function useLicenseVariables(licenseViewCost = false): { withCost: boolean; withUsers: boolean } {
  const can = useViewerCan();
  return { withCost: can.viewEveryCost || licenseViewCost, withUsers: can.viewUsers };
}
