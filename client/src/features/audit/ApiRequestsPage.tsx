/** The API request log for admins and auditors: ApiRequestFilter's fields in the URL, cursor pages. */
import { useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";

import {
  Alert,
  Badge,
  Button,
  Field,
  LinkButton,
  PageHeader,
  Spinner,
  inputClass,
  titleCase,
} from "../../components/ui";
import { graphql } from "../../gql";
import type { ApiRequestOutcome } from "../../gql/graphql";
import { formatDateTime } from "../../lib/dates";
import { describeError } from "../../lib/errors";
import { useViewerCan } from "../auth/session";
import { LogPager } from "./LogPager";
import { dayToIso, useCursorStack, useUrlFilters } from "./logState";

export const ApiRequestRowFragment = graphql(`
  fragment ApiRequestRow_request on ApiRequest {
    id
    occurredAt
    principalKind
    userId
    ip
    userAgent
    requestId
    operationName
    operationType
    durationMs
    outcome
    statusCode
  }
`);

const ApiRequestsPageQuery = graphql(`
  query ApiRequestsPage($first: Int!, $after: String, $filter: ApiRequestFilter) {
    apiRequests(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        ...ApiRequestRow_request
      }
    }
    users(includeInactive: true) {
      id
      email
      name
    }
  }
`);

const KEYS = ["operation", "outcome", "user", "from", "to"] as const;
const OUTCOMES: readonly ApiRequestOutcome[] = ["OK", "ERROR", "DENIED", "INVALID"];
const OUTCOME_TONES: Record<ApiRequestOutcome, string> = {
  OK: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/60 dark:text-emerald-200",
  ERROR: "bg-red-100 text-red-800 dark:bg-red-900/60 dark:text-red-200",
  DENIED: "bg-amber-100 text-amber-800 dark:bg-amber-900/60 dark:text-amber-200",
  INVALID: "bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200",
};
const PAGE_SIZE = 50;

export default function ApiRequestsPage() {
  const allowed = useViewerCan().viewAudit;
  const [filters, setFilters] = useUrlFilters(KEYS);
  const [draft, setDraft] = useState(filters);
  const pages = useCursorStack(JSON.stringify(filters));
  const outcome = (OUTCOMES as readonly string[]).includes(filters.outcome)
    ? (filters.outcome as ApiRequestOutcome)
    : null;
  const { data, error, loading } = useQuery(ApiRequestsPageQuery, {
    skip: !allowed,
    fetchPolicy: "cache-and-network",
    variables: {
      first: PAGE_SIZE,
      after: pages.after,
      filter: {
        operationName: filters.operation || null,
        outcome,
        userId: filters.user || null,
        occurredAfter: dayToIso(filters.from),
        occurredBefore: dayToIso(filters.to, true),
      },
    },
  });

  if (!allowed) {
    return (
      <>
        <PageHeader title="API requests" />
        <Alert>You do not have permission to see the API request log.</Alert>
      </>
    );
  }

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const set = (key: (typeof KEYS)[number]) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: e.target.value });
  const connection = data?.apiRequests;
  const userLabel = new Map(data?.users.map((u) => [u.id, u.email ?? u.name]) ?? []);

  return (
    <>
      <PageHeader title="API requests" subtitle="One row per GraphQL request, newest first.">
        <LinkButton to="/audit">Audit log</LinkButton>
      </PageHeader>
      <form
        onSubmit={apply}
        className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-3 lg:grid-cols-5 dark:border-slate-800 dark:bg-slate-900"
        aria-label="Filters"
      >
        <Field label="Operation" htmlFor="requests-operation">
          <input id="requests-operation" className={inputClass} value={draft.operation} onChange={set("operation")} />
        </Field>
        <Field label="Outcome" htmlFor="requests-outcome">
          <select id="requests-outcome" className={inputClass} value={draft.outcome} onChange={set("outcome")}>
            <option value="">Any</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {titleCase(o)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="User" htmlFor="requests-user">
          <select id="requests-user" className={inputClass} value={draft.user} onChange={set("user")}>
            <option value="">Anyone</option>
            {data?.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.email ?? u.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="From" htmlFor="requests-from">
          <input id="requests-from" type="date" className={inputClass} value={draft.from} onChange={set("from")} />
        </Field>
        <Field label="To" htmlFor="requests-to">
          <input id="requests-to" type="date" className={inputClass} value={draft.to} onChange={set("to")} />
        </Field>
        <div className="flex gap-2 sm:col-span-3 lg:col-span-5">
          <Button type="submit" variant="primary">
            Apply filters
          </Button>
          <Button
            onClick={() => {
              const empty = { operation: "", outcome: "", user: "", from: "", to: "" };
              setDraft(empty);
              setFilters(empty);
            }}
          >
            Clear
          </Button>
        </div>
      </form>
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
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
              <table className="w-full text-left text-sm" aria-label="API requests">
                <thead className="text-xs text-slate-500 uppercase dark:text-slate-400">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      When
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Operation
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Outcome
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Who
                    </th>
                    <th scope="col" className="px-3 py-2">
                      IP
                    </th>
                    <th scope="col" className="px-3 py-2 text-right">
                      ms
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                  {connection.nodes.map((r) => (
                    <tr key={r.id} title={`${r.userAgent} · request ${r.requestId}`}>
                      <td className="px-3 py-1.5 whitespace-nowrap">{formatDateTime(r.occurredAt)}</td>
                      <td className="px-3 py-1.5 font-mono text-xs">
                        {r.operationType} {r.operationName || "—"}
                      </td>
                      <td className="px-3 py-1.5">
                        <Badge tone={OUTCOME_TONES[r.outcome]}>
                          {titleCase(r.outcome)} {r.statusCode}
                        </Badge>
                      </td>
                      <td className="px-3 py-1.5">{(r.userId && userLabel.get(r.userId)) ?? r.principalKind}</td>
                      <td className="px-3 py-1.5">{r.ip}</td>
                      <td className="px-3 py-1.5 text-right tabular-nums">{r.durationMs}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
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
