/** The page of licenses as a table (TanStack Table, server-side sorting): row selection for
 * bulk actions (only rows the server says the viewer may change), and expired or
 * soon-expiring rows marked in colour and in words. */
import {
  createColumnHelper,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type RowSelectionState,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import { useMemo } from "react";
import { Link } from "react-router";

import { StatusBadge, TagChip } from "../../components/ui";
import { graphql } from "../../gql";
import type { LicenseOrderField, LicenseTable_LicenseFragment, OrderDirection } from "../../gql/graphql";
import { describeExpiry, expiryState, formatDate } from "../../lib/dates";
import { formatMoney } from "../../lib/money";
import { PersonLink } from "../seats/PersonLink";

export const LicenseTableFragment = graphql(`
  fragment LicenseTable_license on License {
    id
    name
    status
    expiresOn
    seats
    seatsUsed
    cost @include(if: $withCost)
    costConverted @include(if: $withCost) {
      currency
      amount
    }
    currency
    archivedAt
    product {
      id
      name
    }
    vendor {
      id
      name
    }
    tags {
      id
      name
      color
    }
    assignments {
      id
      user {
        id
        name
        email @include(if: $withUsers)
      }
    }
    viewerCan {
      change
    }
  }
`);

/** Seat holders shown in a row before "+N more" (the license page lists them all). */
const HOLDERS_SHOWN = 3;

type Row = LicenseTable_LicenseFragment;

const features = tableFeatures({ rowSortingFeature, rowSelectionFeature });
const column = createColumnHelper<typeof features, Row>();

/** Column id → the server's sort field. */
const SORTABLE: Record<string, LicenseOrderField> = {
  product: "PRODUCT",
  vendor: "VENDOR",
  expiresOn: "EXPIRY",
  cost: "COST",
};

export function licenseTitle(row: { name: string; product: { name: string } }): string {
  return row.name || row.product.name;
}

/** Columns left out on narrow screens (the license cell repeats the vendor there). */
const WIDE_ONLY = new Set(["vendor", "seatsUsed", "cost", "tags"]);
const cellClass = (columnId: string) => (WIDE_ONLY.has(columnId) ? "hidden md:table-cell" : "");

/** What a row needs: expired (red), expiring within 30 days (amber), cancelled (grey, its own
 * word: a cancelled license is not "expired") or revoked (rose). */
type RowState = ReturnType<typeof expiryState> | "cancelled" | "revoked";

export function rowState(row: { expiresOn?: string | null; status: string }): RowState {
  if (row.status === "CANCELLED") return "cancelled";
  if (row.status === "REVOKED") return "revoked";
  return expiryState(row.expiresOn, row.status);
}

const ROW_TONE: Record<RowState, string> = {
  expired: "bg-red-50 dark:bg-red-950/40",
  soon: "bg-amber-50 dark:bg-amber-950/40",
  cancelled: "bg-slate-100 dark:bg-slate-800/60",
  revoked: "bg-rose-50 dark:bg-rose-950/40",
  later: "",
  none: "",
};

const NOTE: Partial<Record<RowState, { tone: string; text: (expiresOn: string | null | undefined) => string }>> = {
  expired: {
    tone: "text-red-700 dark:text-red-300",
    text: (on) => (on ? describeExpiry(on) : "Expired"),
  },
  soon: { tone: "text-amber-800 dark:text-amber-200", text: (on) => describeExpiry(on) },
  cancelled: { tone: "text-slate-700 dark:text-slate-300", text: () => "Cancelled: will not renew" },
  revoked: { tone: "text-rose-700 dark:text-rose-300", text: () => "Revoked: seats ended" },
};

export function LicenseTable({
  rows,
  sort,
  dir,
  onSortChange,
  selection,
  onSelectionChange,
  selectable,
  showCost,
}: {
  rows: readonly Row[];
  sort: LicenseOrderField;
  dir: OrderDirection;
  onSortChange: (sort: LicenseOrderField, dir: OrderDirection) => void;
  selection: RowSelectionState;
  onSelectionChange: (selection: RowSelectionState) => void;
  selectable: boolean;
  showCost: boolean;
}) {
  const columns = useMemo(
    () =>
      column.columns([
        ...(selectable
          ? [
              column.display({
                id: "select",
                header: ({ table }) => (
                  <input
                    type="checkbox"
                    aria-label="Select all licenses on this page"
                    className="size-4"
                    checked={table.getIsAllRowsSelected()}
                    ref={(el) => {
                      if (el) el.indeterminate = table.getIsSomeRowsSelected() && !table.getIsAllRowsSelected();
                    }}
                    onChange={table.getToggleAllRowsSelectedHandler()}
                  />
                ),
                cell: ({ row }) =>
                  row.getCanSelect() && (
                    <input
                      type="checkbox"
                      aria-label={`Select ${licenseTitle(row.original)}`}
                      className="size-4"
                      checked={row.getIsSelected()}
                      onChange={row.getToggleSelectedHandler()}
                    />
                  ),
              }),
            ]
          : []),
        column.accessor((r) => licenseTitle(r), {
          id: "product",
          header: "License",
          cell: ({ row }) => (
            <div className="min-w-40">
              <Link
                to={`/licenses/${row.original.id}`}
                className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
              >
                {licenseTitle(row.original)}
              </Link>
              {row.original.name && (
                <div className="text-xs text-slate-500 dark:text-slate-400">{row.original.product.name}</div>
              )}
              <div className="text-xs text-slate-500 md:hidden dark:text-slate-400">{row.original.vendor.name}</div>
            </div>
          ),
        }),
        column.accessor((r) => r.vendor.name, { id: "vendor", header: "Vendor" }),
        column.accessor("status", {
          header: "Status",
          enableSorting: false,
          cell: ({ getValue }) => <StatusBadge status={getValue()} />,
        }),
        column.accessor("expiresOn", {
          header: "Expires",
          cell: ({ row }) => {
            const note = NOTE[rowState(row.original)];
            return (
              <div className="whitespace-nowrap">
                {formatDate(row.original.expiresOn)}
                {note && (
                  <div className={`text-xs font-medium ${note.tone}`} data-testid="row-state">
                    {note.text(row.original.expiresOn)}
                  </div>
                )}
              </div>
            );
          },
        }),
        column.accessor("seatsUsed", {
          header: "Seats",
          enableSorting: false,
          cell: ({ row }) => (
            <span className="whitespace-nowrap tabular-nums">
              {row.original.seatsUsed} / {row.original.seats ?? "∞"}
            </span>
          ),
        }),
        column.accessor("assignments", {
          header: "Seat holders",
          enableSorting: false,
          cell: ({ getValue }) => {
            const holders = getValue();
            if (!holders.length) return <span className="text-slate-500 dark:text-slate-400">—</span>;
            const more = holders.length - HOLDERS_SHOWN;
            return (
              <span className="break-words" data-testid="seat-holders">
                {holders.slice(0, HOLDERS_SHOWN).map((a, i) => (
                  <span key={a.id}>
                    {i > 0 && ", "}
                    <PersonLink user={a.user} className="text-indigo-700 hover:underline dark:text-indigo-300" />
                  </span>
                ))}
                {more > 0 && <span className="text-slate-500 dark:text-slate-400"> +{more} more</span>}
              </span>
            );
          },
        }),
        ...(showCost
          ? [
              column.accessor((r) => r.cost ?? null, {
                id: "cost",
                header: "Cost",
                cell: ({ row }) => <CostCell row={row.original} />,
              }),
            ]
          : []),
        column.accessor("tags", {
          header: "Tags",
          enableSorting: false,
          cell: ({ getValue }) => (
            <div className="flex flex-wrap gap-1">
              {getValue().map((t) => (
                <TagChip key={t.id} name={t.name} color={t.color} />
              ))}
            </div>
          ),
        }),
      ]),
    [selectable, showCost],
  );

  const sorting: SortingState = useMemo(() => {
    const id = Object.keys(SORTABLE).find((key) => SORTABLE[key] === sort);
    return id ? [{ id, desc: dir === "DESC" }] : [];
  }, [sort, dir]);

  const table = useTable({
    features,
    columns,
    data: rows as Row[],
    getRowId: (row) => row.id,
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { sorting, rowSelection: selection },
    enableRowSelection: (row) => row.original.viewerCan.change,
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      if (first && SORTABLE[first.id]) onSortChange(SORTABLE[first.id]!, first.desc ? "DESC" : "ASC");
    },
    onRowSelectionChange: (updater: Updater<RowSelectionState>) => {
      onSelectionChange(typeof updater === "function" ? updater(selection) : updater);
    },
  });

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full text-left text-sm" data-testid="licenses-table">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600 uppercase dark:border-slate-800 dark:bg-slate-800/50 dark:text-slate-300">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const canSort = header.column.id in SORTABLE;
                const sorted = header.column.getIsSorted();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={`px-3 py-2 font-semibold whitespace-nowrap ${cellClass(header.column.id)}`}
                    aria-sort={
                      sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : canSort ? "none" : undefined
                    }
                  >
                    {header.isPlaceholder ? null : canSort ? (
                      <button
                        type="button"
                        className="inline-flex items-center gap-1 uppercase hover:text-slate-900 dark:hover:text-white"
                        onClick={header.column.getToggleSortingHandler()}
                      >
                        <table.FlexRender header={header} />
                        <span aria-hidden className="text-[0.6rem]">
                          {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                        </span>
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {table.getRowModel().rows.map((row) => {
            const state = rowState(row.original);
            return (
              <tr
                key={row.id}
                data-expiry={state}
                data-license-id={row.original.id}
                className={`${ROW_TONE[state]} ${row.getIsSelected() ? "outline-2 -outline-offset-2 outline-indigo-400" : ""}`}
              >
                {row.getAllCells().map((cell) => (
                  <td
                    key={cell.id}
                    data-col={cell.column.id}
                    className={`px-3 py-2 align-top ${cellClass(cell.column.id)}`}
                  >
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The cost in the default currency where a rate converts it, the original amount below it;
 * a cost in a currency without a rate stays in its own currency, marked "not converted"
 * (never shown as if it were in the default currency). */
export function CostCell({ row }: { row: Pick<Row, "cost" | "currency" | "costConverted"> }) {
  const original = formatMoney(row.cost, row.currency);
  if (row.cost == null) return <span className="tabular-nums">{original}</span>;
  const converted = row.costConverted;
  if (converted && converted.currency === row.currency)
    return <span className="whitespace-nowrap tabular-nums">{original}</span>;
  if (converted) {
    const shown = formatMoney(converted.amount, converted.currency);
    return (
      <span
        className="tabular-nums"
        title={`${original} converted to ${converted.currency}`}
        data-testid="cost-converted"
      >
        <span className="whitespace-nowrap">{shown}</span>
        <span className="block text-xs whitespace-nowrap text-slate-500 dark:text-slate-400">{original}</span>
      </span>
    );
  }
  return (
    <span
      className="tabular-nums"
      title={`No rate converts ${row.currency ?? "this currency"}`}
      data-testid="cost-apart"
    >
      <span className="whitespace-nowrap">{original}</span>
      <span className="block text-xs whitespace-nowrap text-amber-800 dark:text-amber-200">not converted</span>
    </span>
  );
}
