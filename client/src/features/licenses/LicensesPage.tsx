/** The licenses table: server-side search, filters, sorting and cursor pages, all in the URL. */
import { useQuery } from "@apollo/client/react";
import type { RowSelectionState } from "@tanstack/react-table";
import { useCallback, useMemo, useState } from "react";
import { useSearchParams } from "react-router";

import { Alert, Button, LinkButton, PageHeader, Spinner } from "../../components/ui";
import { plural } from "../../lib/plural";
import { graphql } from "../../gql";
import { useViewerCan } from "../auth/session";
import { describeError, hasCode } from "../../lib/errors";
import { BulkTagDialog } from "./BulkTagDialog";
import { ExportDialog } from "./ExportDialog";
import { LicenseFilters } from "./LicenseFilters";
import { LicenseTable } from "./LicenseTable";
import {
  DEFAULT_STATE,
  PAGE_SIZES,
  changeListState,
  isFiltered,
  listFilter,
  listSearchParams,
  listVariables,
  parseListState,
  type LicenseListState,
} from "./listState";

const LicensesPageQuery = graphql(`
  query LicensesPage(
    $first: Int
    $after: String
    $last: Int
    $before: String
    $filter: LicenseFilter
    $search: String
    $orderBy: LicenseOrder
    $withCost: Boolean!
    $withUsers: Boolean!
  ) {
    licenses(first: $first, after: $after, last: $last, before: $before, filter: $filter, search: $search, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          id
          ...LicenseTable_license
        }
      }
    }
    ...LicenseFilters_query
  }
`);

export default function LicensesPage() {
  const can = useViewerCan();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseListState(params), [params]);
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [tagOpen, setTagOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const showCost = can.viewEveryCost;

  const { data, previousData, loading, error } = useQuery(LicensesPageQuery, {
    variables: { ...listVariables(state), withCost: showCost, withUsers: can.viewUsers },
    fetchPolicy: "cache-and-network",
  });
  const shown = data ?? previousData;

  const update = useCallback(
    (patch: Partial<LicenseListState>) => {
      setSelection({});
      setNotice(null);
      setParams((current) => listSearchParams(changeListState(parseListState(current), patch)), {
        replace: "q" in patch,
      });
    },
    [setParams],
  );

  const connection = shown?.licenses;
  const rows = useMemo(() => connection?.edges.map((e) => e.node) ?? [], [connection]);
  const selectedIds = Object.keys(selection).filter((id) => selection[id]);
  // Bulk tagging is offered when the server says at least one license here may be changed.
  const mayChange = rows.some((row) => row.viewerCan.change);

  return (
    <>
      <PageHeader
        title="Licenses"
        subtitle={
          connection
            ? isFiltered(state)
              ? `${plural(connection.totalCount, "license")} ${connection.totalCount === 1 ? "matches" : "match"}`
              : `${plural(connection.totalCount, "live license")}, expiring soonest first`
            : // A line held while loading, so the filters do not move down when the count comes.
              "\u00a0"
        }
      >
        {mayChange && selectedIds.length > 0 && (
          <Button onClick={() => setTagOpen(true)}>Tag {selectedIds.length} selected</Button>
        )}
        <Button onClick={() => setExportOpen(true)}>Export</Button>
        {can.createLicense && (
          <LinkButton to="/licenses/new" variant="primary">
            New license
          </LinkButton>
        )}
      </PageHeader>
      <LicenseFilters
        query={shown}
        state={state}
        onChange={update}
        onReset={() => setParams(listSearchParams(DEFAULT_STATE))}
      />
      {notice && (
        <div className="mb-3">
          <Alert tone="success">{notice}</Alert>
        </div>
      )}
      {error && !connection && (
        <Alert title={hasCode(error, "FORBIDDEN") ? "Not allowed" : "Could not load licenses"}>
          {describeError(error)}
        </Alert>
      )}
      {!connection && loading && <Spinner label="Loading licenses…" />}
      {connection && (
        <div aria-busy={loading} className={loading && !data ? "opacity-60 transition-opacity" : ""}>
          {rows.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500 dark:border-slate-700">
              {isFiltered(state) ? "No license matches these filters." : "No licenses yet."}
            </p>
          ) : (
            <LicenseTable
              rows={rows}
              sort={state.sort}
              dir={state.dir}
              onSortChange={(sort, dir) => update({ sort, dir })}
              selection={selection}
              onSelectionChange={setSelection}
              selectable={mayChange}
              showCost={showCost}
            />
          )}
          <nav aria-label="Pages" className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm">
            <label className="flex items-center gap-2">
              Rows per page
              <select
                className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
                value={state.size}
                onChange={(e) => update({ size: Number(e.target.value) })}
              >
                {PAGE_SIZES.map((n) => (
                  <option key={n}>{n}</option>
                ))}
              </select>
            </label>
            <div className="flex gap-2">
              <Button
                disabled={!connection.pageInfo.hasPreviousPage || !connection.pageInfo.startCursor}
                onClick={() => update({ before: connection.pageInfo.startCursor, after: null })}
              >
                ← Previous
              </Button>
              <Button
                disabled={!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor}
                onClick={() => update({ after: connection.pageInfo.endCursor, before: null })}
              >
                Next →
              </Button>
            </div>
          </nav>
        </div>
      )}
      <ExportDialog
        open={exportOpen}
        onOpenChange={setExportOpen}
        filter={listFilter(state)}
        search={state.q || null}
        orderBy={{ field: state.sort, direction: state.dir }}
      />
      {mayChange && (
        <BulkTagDialog
          open={tagOpen}
          onOpenChange={setTagOpen}
          licenseIds={selectedIds}
          tags={shown?.tags ?? []}
          onDone={(message) => {
            setSelection({});
            setNotice(message);
          }}
        />
      )}
    </>
  );
}
