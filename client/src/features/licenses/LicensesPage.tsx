/** The licenses table: server-side search, filters, sorting and cursor pages, all in the URL. */
import { useQuery } from "@apollo/client/react";
import type { RowSelectionState } from "@tanstack/react-table";
import { useCallback, useDeferredValue, useMemo, useState } from "react";
import { useSearchParams } from "react-router";

import { Alert, Button, LinkButton, PageHeader, Spinner } from "../../components/ui";
import { plural, pluralWord } from "../../lib/plural";
import { useViewerCan } from "../auth/session";
import { describeError, hasCode } from "../../lib/errors";
import { usePrefetchedPolicy } from "../../lib/prefetch";
import { BulkTagDialog } from "./BulkTagDialog";
import { ExportDialog } from "./ExportDialog";
import { LicenseFilters } from "./LicenseFilters";
import { LicenseTable } from "./LicenseTable";
import { LicensesPageQuery, licensesPageVariables } from "./pageQuery";
import {
  DEFAULT_STATE,
  PAGE_SIZES,
  changeListState,
  isFiltered,
  listFilter,
  listSearchParams,
  parseListState,
  type LicenseListState,
} from "./listState";

/** List changes that only page: the selection survives them. */
const PAGING_KEYS = new Set(["after", "before", "size"]);
/** The server's cap on "select all N matching" (licensesTag's `matching`). */
const MAX_MATCHING = 1000;

export default function LicensesPage() {
  const can = useViewerCan();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseListState(params), [params]);
  // Selected license ids, kept across pages; or every license matching the filter.
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [allMatching, setAllMatching] = useState(false);
  const [tagOpen, setTagOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const showCost = can.viewEveryCost;

  const { data, previousData, loading, error } = useQuery(LicensesPageQuery, {
    variables: licensesPageVariables(state, can),
    ...usePrefetchedPolicy(LicensesPageQuery),
  });
  // The page of rows renders in a deferred (interruptible) pass: Apollo's answer arrives
  // through a store React must render at once, which made the table's first render one long
  // task on a slow phone; deferred, React renders it in slices and yields in between.
  const shown = useDeferredValue(data ?? previousData);

  const update = useCallback(
    (patch: Partial<LicenseListState>) => {
      // Paging keeps the selection; another filter, search or order starts a new one.
      if (!Object.keys(patch).every((key) => PAGING_KEYS.has(key))) {
        setSelection({});
        setAllMatching(false);
      }
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
  const total = connection?.totalCount ?? 0;
  const selectedCount = allMatching ? total : selectedIds.length;
  const clearSelection = () => {
    setSelection({});
    setAllMatching(false);
  };

  // Past 10,000 matches the server estimates the count (on PostgreSQL) and says so.
  const about = connection?.totalCountIsEstimate ? "about " : "";
  return (
    <>
      <PageHeader
        title="Licenses"
        subtitle={
          connection
            ? isFiltered(state)
              ? `${about}${plural(connection.totalCount, "license")} ${pluralWord(connection.totalCount, "matches", "match")}`
              : `${about}${plural(connection.totalCount, "live license")}, expiring soonest first`
            : // A line held while loading, so the filters do not move down when the count comes.
              "\u00a0"
        }
      >
        {mayChange && selectedCount > 0 && (
          <Button onClick={() => setTagOpen(true)}>Tag {selectedCount} selected</Button>
        )}
        {state.product.length === 1 && (
          <LinkButton to={`/seats?product=${encodeURIComponent(state.product[0] ?? "")}`}>
            Seats of this product
          </LinkButton>
        )}
        {state.assignee && !state.product.length && (
          <LinkButton to={`/seats?person=${encodeURIComponent(state.assignee)}`}>Seats of this person</LinkButton>
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
        withUsers={can.viewUsers}
        state={state}
        onChange={update}
        onReset={() => setParams(listSearchParams(DEFAULT_STATE))}
      />
      {mayChange && selectedCount > 0 && (
        <p
          className="mb-3 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md bg-indigo-50 px-3 py-2 text-sm dark:bg-indigo-950/40"
          data-testid="selection-bar"
        >
          <span>
            {allMatching
              ? `All ${plural(total, "license")} that match are selected.`
              : `${plural(selectedIds.length, "license")} selected (on any page).`}
          </span>
          {!allMatching && total > selectedIds.length && total <= MAX_MATCHING && (
            <Button variant="ghost" onClick={() => setAllMatching(true)}>
              Select all {plural(total, "license")} matching
            </Button>
          )}
          {!allMatching && total > MAX_MATCHING && (
            <span className="text-slate-600 dark:text-slate-400">
              (at most {MAX_MATCHING.toLocaleString("en-US")} at once: narrow the filter to select all)
            </span>
          )}
          <Button variant="ghost" onClick={clearSelection}>
            Clear selection
          </Button>
        </p>
      )}
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
              selection={
                allMatching
                  ? Object.fromEntries(rows.filter((r) => r.viewerCan.change).map((r) => [r.id, true as const]))
                  : selection
              }
              onSelectionChange={(next) => {
                setAllMatching(false);
                setSelection(next);
              }}
              selectable={mayChange}
              showCost={showCost}
            />
          )}
          {/* No pager for a list that fits on the smallest page. */}
          {(connection.pageInfo.hasNextPage ||
            connection.pageInfo.hasPreviousPage ||
            connection.totalCount > PAGE_SIZES[0]) && (
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
          )}
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
          target={
            allMatching
              ? { matching: { filter: listFilter(state), search: state.q || null }, count: total }
              : { licenseIds: selectedIds }
          }
          onDone={(message) => {
            clearSelection();
            setNotice(message);
          }}
        />
      )}
    </>
  );
}
