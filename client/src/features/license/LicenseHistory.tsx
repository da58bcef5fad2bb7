/** A license's History: its audit events as sentences. The API answers audit events to those
 * who may read the audit log (`viewerCan.viewAudit`), so the section shows for them. */
import { useQuery } from "@apollo/client/react";

import { Alert, Card, LinkButton, Spinner } from "../../components/ui";
import { graphql } from "../../gql";
import { describeError } from "../../lib/errors";
import { namesFrom } from "../../lib/history";
import { HistoryList } from "../audit/HistoryList";
import { plural } from "../../lib/plural";

const LicenseHistoryQuery = graphql(`
  query LicenseHistory($objectId: String!) {
    auditEvents(first: 30, filter: { objectType: "license", objectId: $objectId }) {
      totalCount
      nodes {
        id
        ...AuditEventList_event
      }
    }
    users(includeInactive: true) {
      id
      name
      email
    }
  }
`);

/** The database id inside a global id (base64 of "License:42"). */
export function pkOf(id: string): string {
  try {
    return atob(id).split(":")[1] ?? "";
  } catch {
    return "";
  }
}

export function LicenseHistory({ licenseId }: { licenseId: string }) {
  const objectId = pkOf(licenseId);
  const { data, loading, error } = useQuery(LicenseHistoryQuery, {
    variables: { objectId },
    fetchPolicy: "cache-and-network",
  });
  const events = data?.auditEvents?.nodes ?? [];
  const total = data?.auditEvents?.totalCount ?? 0;
  return (
    <Card
      title="History"
      actions={
        total > events.length ? (
          <LinkButton to={`/audit?objectType=license&objectId=${objectId}`}>All {plural(total, "event")}</LinkButton>
        ) : undefined
      }
    >
      {error && !data && <Alert>{describeError(error)}</Alert>}
      {!data && loading && <Spinner label="Loading the history…" />}
      {data && <HistoryList events={events} names={namesFrom(data.users ?? [])} />}
    </Card>
  );
}
