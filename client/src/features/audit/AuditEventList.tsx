/** What the audit screens read of each event; shown by HistoryList as sentences. */
import { graphql } from "../../gql";

export const AuditEventListFragment = graphql(`
  fragment AuditEventList_event on AuditEvent {
    id
    occurredAt
    actorKind
    actorLabel
    actorUserId
    ip
    requestId
    action
    objectType
    objectId
    changes
  }
`);
