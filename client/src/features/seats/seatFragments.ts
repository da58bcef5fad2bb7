/** The license and seat fields the Seats view and "My licenses" show for a seat: one
 * selection, shared by both pages' queries. */
import { graphql } from "../../gql";

export const SeatLicenseFragment = graphql(`
  fragment SeatLicense on License {
    id
    name
    status
    expiresOn
    product {
      id
      name
    }
    vendor {
      id
      name
    }
  }
`);

export const SeatFieldsFragment = graphql(`
  fragment SeatFields on SeatAssignment {
    id
    assignedAt
    endsOn
    user {
      id
      name
    }
  }
`);
