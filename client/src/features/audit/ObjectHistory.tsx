/** The History section of a license or a vendor: the object's own audit events
 * (`License.history`, `Vendor.history`), for everyone who may see the object, as sentences
 * with the people named and linked. Older events a page at a time. */
import { useQuery } from "@apollo/client/react";
import { useEffect, useRef } from "react";

import { Alert, Button, Card, LinkButton, Spinner } from "../../components/ui";
import { graphql } from "../../gql";
import type { ObjectHistory_PageFragment } from "../../gql/graphql";
import { describeError } from "../../lib/errors";
import { namesFrom } from "../../lib/history";
import { useViewerCan } from "../auth/session";
import { HistoryList } from "./HistoryList";

const PAGE_SIZE = 20;

export const ObjectHistoryPageFragment = graphql(`
  fragment ObjectHistory_page on AuditEventConnection {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      ...AuditEventList_event
    }
    people {
      id
      name
      email @include(if: $withEmails)
    }
  }
`);

const LicenseHistoryQuery = graphql(`
  query LicenseHistory($id: ID!, $first: Int!, $after: String, $withEmails: Boolean!) {
    license(id: $id) {
      id
      version
      seatsUsed
      status
      archivedAt
      history(first: $first, after: $after) {
        ...ObjectHistory_page
      }
    }
  }
`);

const VendorHistoryQuery = graphql(`
  query VendorHistory($id: ID!, $first: Int!, $after: String, $withEmails: Boolean!) {
    vendor(id: $id) {
      id
      version
      archivedAt
      history(first: $first, after: $after) {
        ...ObjectHistory_page
      }
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

/** Calls `refetch` when `state` changes after its first value (not on the first load). */
function useRefetchOnChange(state: string | null, refetch: () => unknown) {
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (state === null) return;
    if (seen.current !== null && seen.current !== state) void refetch();
    seen.current = state;
  }, [state, refetch]);
}

/** Pages appended: the older page's events after the newer ones, its people added. */
function merge(
  previous: ObjectHistory_PageFragment | null | undefined,
  next: ObjectHistory_PageFragment | null | undefined,
): ObjectHistory_PageFragment | null | undefined {
  if (!previous || !next) return next ?? previous;
  const seen = new Set(previous.people.map((p) => p.id));
  return {
    ...next,
    nodes: [...previous.nodes, ...next.nodes],
    people: [...previous.people, ...next.people.filter((p) => !seen.has(p.id))],
  };
}

function HistoryCard({
  page,
  loading,
  error,
  auditLink,
  onOlder,
}: {
  page: ObjectHistory_PageFragment | null | undefined;
  loading: boolean;
  error: unknown;
  auditLink: string | null;
  onOlder: () => void;
}) {
  return (
    <Card
      title="History"
      actions={
        auditLink && page && page.totalCount > 0 ? <LinkButton to={auditLink}>In the audit log</LinkButton> : undefined
      }
    >
      <div data-testid="object-history">
        {error != null && !page && <Alert>{describeError(error)}</Alert>}
        {!page && loading && <Spinner label="Loading the history…" />}
        {page && <HistoryList events={page.nodes} names={namesFrom(page.people)} />}
        {page?.pageInfo.hasNextPage && (
          <Button className="mt-2" disabled={loading} onClick={onOlder}>
            Show older events ({page.totalCount - page.nodes.length} more)
          </Button>
        )}
      </div>
    </Card>
  );
}

export function LicenseHistory({ licenseId }: { licenseId: string }) {
  const can = useViewerCan();
  const { data, loading, error, fetchMore, refetch } = useQuery(LicenseHistoryQuery, {
    variables: { id: licenseId, first: PAGE_SIZE, after: null, withEmails: can.viewEmails },
    fetchPolicy: "cache-and-network",
    notifyOnNetworkStatusChange: true,
  });
  const page = data?.license?.history;
  // A change made on the page (edit, seat, renewal, archive) updates the cached license: the
  // history is read again to tell of it.
  const l = data?.license;
  useRefetchOnChange(l ? `${l.version}:${l.seatsUsed}:${l.status}:${l.archivedAt ?? ""}` : null, refetch);
  return (
    <HistoryCard
      page={page}
      loading={loading}
      error={error}
      auditLink={null /* the page header links to the audit log already */}
      onOlder={() =>
        void fetchMore({
          variables: { after: page?.pageInfo.endCursor ?? null },
          updateQuery: (prev, { fetchMoreResult }) =>
            fetchMoreResult?.license && prev.license
              ? {
                  ...fetchMoreResult,
                  license: {
                    ...fetchMoreResult.license,
                    history: merge(prev.license.history, fetchMoreResult.license.history) ?? null,
                  },
                }
              : prev,
        })
      }
    />
  );
}

export function VendorHistory({ vendorId }: { vendorId: string }) {
  const can = useViewerCan();
  const { data, loading, error, fetchMore, refetch } = useQuery(VendorHistoryQuery, {
    variables: { id: vendorId, first: PAGE_SIZE, after: null, withEmails: can.viewEmails },
    fetchPolicy: "cache-and-network",
    notifyOnNetworkStatusChange: true,
  });
  const page = data?.vendor?.history;
  const v = data?.vendor;
  useRefetchOnChange(v ? `${v.version}:${v.archivedAt ?? ""}` : null, refetch);
  return (
    <HistoryCard
      page={page}
      loading={loading}
      error={error}
      auditLink={can.viewAudit ? `/audit?objectType=vendor&objectId=${pkOf(vendorId)}` : null}
      onOlder={() =>
        void fetchMore({
          variables: { after: page?.pageInfo.endCursor ?? null },
          updateQuery: (prev, { fetchMoreResult }) =>
            fetchMoreResult?.vendor && prev.vendor
              ? {
                  ...fetchMoreResult,
                  vendor: {
                    ...fetchMoreResult.vendor,
                    history: merge(prev.vendor.history, fetchMoreResult.vendor.history) ?? null,
                  },
                }
              : prev,
        })
      }
    />
  );
}
