/** The audit log for admins and auditors: AuditEventFilter's fields in the URL, cursor pages. */
import { useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";

import { Alert, Button, Field, LinkButton, PageHeader, Spinner, inputClass } from "../../components/ui";
import { graphql } from "../../gql";
import { describeError } from "../../lib/errors";
import { useViewerCan } from "../auth/session";
import { namesFrom } from "../../lib/history";
import { HistoryList } from "./HistoryList";
import { ObjectSearch } from "./ObjectSearch";
import { LogPager } from "./LogPager";
import { SignedReport } from "./SignedReport";
import { dayToIso, useCursorStack, useUrlFilters } from "./logState";

const AuditPageQuery = graphql(`
  query AuditPage($first: Int!, $after: String, $filter: AuditEventFilter) {
    auditEvents(first: $first, after: $after, filter: $filter) {
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
        email
      }
    }
    users(includeInactive: true) {
      id
      email
      name
    }
  }
`);

/** The kinds of change to filter by: one action, or every action under a prefix. */
const KINDS: [string, string][] = [
  ["license.", "Any license change"],
  ["license.create", "License created"],
  ["license.update", "License changed"],
  ["license.assign", "Seat assigned"],
  ["license.unassign", "Seat taken back"],
  ["license.renew", "License renewed"],
  ["license.revoke", "License revoked"],
  ["license.reveal", "Secret revealed"],
  ["license.archive", "License archived"],
  ["license.restore", "License restored"],
  ["grant.", "Grants"],
  ["vendor.", "Any vendor change"],
  ["vendor.create", "Vendor created"],
  ["vendor.update", "Vendor changed"],
  ["product.", "Products"],
  ["tag.", "Tags"],
  ["user.", "Users"],
  ["team.", "Teams"],
];

const KEYS = ["action", "objectType", "objectId", "actor", "from", "to"] as const;
const PAGE_SIZE = 50;

export default function AuditPage() {
  const allowed = useViewerCan().viewAudit;
  const [filters, setFilters] = useUrlFilters(KEYS);
  const [draft, setDraft] = useState(filters);
  const pages = useCursorStack(JSON.stringify(filters));
  const filter = {
    action: filters.action || null,
    objectType: filters.objectType || null,
    objectId: filters.objectId || null,
    actorUserId: filters.actor || null,
    occurredAfter: dayToIso(filters.from),
    occurredBefore: dayToIso(filters.to, true),
  };
  const { data, error, loading } = useQuery(AuditPageQuery, {
    skip: !allowed,
    fetchPolicy: "cache-and-network",
    variables: { first: PAGE_SIZE, after: pages.after, filter },
  });

  if (!allowed) {
    return (
      <>
        <PageHeader title="Audit log" />
        <Alert>You do not have permission to see the audit log.</Alert>
      </>
    );
  }

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const set = (key: (typeof KEYS)[number]) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: e.target.value });
  const connection = data?.auditEvents;

  return (
    <>
      <PageHeader title="Audit log" subtitle="Every change and secret reveal, newest first.">
        <LinkButton to="/audit/requests">API requests</LinkButton>
      </PageHeader>
      <form
        onSubmit={apply}
        className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-3 lg:grid-cols-6 dark:border-slate-800 dark:bg-slate-900"
        aria-label="Filters"
      >
        <Field label="Kind of change" htmlFor="audit-action">
          <select id="audit-action" className={inputClass} value={draft.action} onChange={set("action")}>
            <option value="">Any</option>
            {KINDS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
            {draft.action && !KINDS.some(([value]) => value === draft.action) && (
              <option value={draft.action}>{draft.action}</option>
            )}
          </select>
        </Field>
        <ObjectSearch
          objectType={draft.objectType}
          objectId={draft.objectId}
          onChange={(objectType, objectId) => setDraft({ ...draft, objectType, objectId })}
        />
        <Field label="Person" htmlFor="audit-actor">
          <select id="audit-actor" className={inputClass} value={draft.actor} onChange={set("actor")}>
            <option value="">Anyone</option>
            {data?.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name ? `${u.name}${u.email ? ` (${u.email})` : ""}` : u.email}
              </option>
            ))}
          </select>
        </Field>
        <Field label="From" htmlFor="audit-from">
          <input id="audit-from" type="date" className={inputClass} value={draft.from} onChange={set("from")} />
        </Field>
        <Field label="To" htmlFor="audit-to">
          <input id="audit-to" type="date" className={inputClass} value={draft.to} onChange={set("to")} />
        </Field>
        <div className="flex gap-2 sm:col-span-3 lg:col-span-6">
          <Button type="submit" variant="primary">
            Apply filters
          </Button>
          <Button
            onClick={() => {
              const empty = { action: "", objectType: "", objectId: "", actor: "", from: "", to: "" };
              setDraft(empty);
              setFilters(empty);
            }}
          >
            Clear
          </Button>
        </div>
      </form>
      <SignedReport filter={filter} />
      {error && (
        <div className="mb-3">
          <Alert>{describeError(error)}</Alert>
        </div>
      )}
      {!connection && loading ? (
        <Spinner />
      ) : (
        connection && (
          <>
            <HistoryList
              events={connection.nodes}
              names={namesFrom([...connection.people, ...(data?.users ?? [])])}
              raw
            />
            <LogPager
              page={pages.page}
              total={connection.totalCount}
              hasOlder={connection.pageInfo.hasNextPage}
              onNewer={pages.newer}
              onOlder={() => connection.pageInfo.endCursor && pages.older(connection.pageInfo.endCursor)}
            />
          </>
        )
      )}
    </>
  );
}
