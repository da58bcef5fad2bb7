/** Search box and filters above the licenses table; every change goes into the URL. */
import { useEffect, useId, useState } from "react";

import { Button, inputClass, titleCase } from "../../components/ui";
import { graphql } from "../../gql";
import type { LicenseFilters_QueryFragment } from "../../gql/graphql";
import { EXPIRING_WINDOWS, STATUSES, isFiltered, type LicenseListState } from "./listState";
import { plural } from "../../lib/plural";

export const LicenseFiltersFragment = graphql(`
  fragment LicenseFilters_query on Query {
    vendors {
      id
      name
    }
    products {
      id
      name
      vendorId
    }
    tags {
      id
      name
      color
    }
    users(includeInactive: false) @include(if: $withUsers) {
      id
      name
      email
    }
  }
`);

const selectClass = `${inputClass} sm:w-auto`;

export function LicenseFilters({
  query,
  state,
  onChange,
  onReset,
}: {
  query: LicenseFilters_QueryFragment | undefined;
  state: LicenseListState;
  onChange: (patch: Partial<LicenseListState>) => void;
  onReset: () => void;
}) {
  const id = useId();
  const [text, setText] = useState(state.q);
  const [open, setOpen] = useState(false); // phones: the filters fold away under a button

  // Typing updates the URL after a pause; a URL change (back button) updates the box.
  const [seenQ, setSeenQ] = useState(state.q);
  if (seenQ !== state.q) {
    setSeenQ(state.q);
    setText(state.q);
  }
  useEffect(() => {
    if (text.trim() === state.q) return;
    const timer = setTimeout(() => onChange({ q: text.trim() }), 300);
    return () => clearTimeout(timer);
  }, [text, state.q, onChange]);

  const expiryValue = state.expired ? "expired" : state.expiring ? String(state.expiring) : "";
  const active = [
    state.vendor.length,
    state.product.length,
    state.tag.length,
    state.status.length || state.all,
    state.assignee,
    state.expiring || state.expired,
    state.archived,
  ].filter(Boolean).length;
  const filterClass = open ? "contents" : "hidden sm:contents";
  const vendorNames = new Map((query?.vendors ?? []).map((v) => [v.id, v.name]));
  // With a vendor chosen, only its products; the chosen product stays offered whatever it is.
  const products = (query?.products ?? []).filter(
    (p) => !state.vendor.length || state.vendor.includes(p.vendorId) || state.product.includes(p.id),
  );

  return (
    <form
      role="search"
      aria-label="Search and filter licenses"
      className="mb-4 grid grid-cols-1 gap-2 sm:grid-cols-2 lg:flex lg:flex-wrap lg:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ q: text.trim() });
      }}
    >
      <div className="sm:col-span-2 lg:min-w-64 lg:flex-1">
        <label htmlFor={`${id}-q`} className="sr-only">
          Search licenses
        </label>
        <input
          id={`${id}-q`}
          type="search"
          placeholder="Search name, product, vendor, notes, tags…"
          className={inputClass}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <Button
        className="sm:hidden"
        aria-expanded={open}
        aria-controls={`${id}-filters`}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? "Hide filters" : `Filters${active ? ` (${active})` : ""}`}
      </Button>
      <div id={`${id}-filters`} className={filterClass}>
        <FilterSelect
          label="Vendor"
          id={`${id}-vendor`}
          value={state.vendor[0] ?? ""}
          onChange={(v) => onChange({ vendor: v ? [v] : [], product: [] })}
        >
          <option value="">All vendors</option>
          {query?.vendors.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          label="Product"
          id={`${id}-product`}
          value={state.product[0] ?? ""}
          onChange={(v) => onChange({ product: v ? [v] : [] })}
        >
          <option value="">All products</option>
          {products.map((p) => (
            <option key={p.id} value={p.id}>
              {state.vendor.length ? p.name : `${p.name} (${vendorNames.get(p.vendorId) ?? "?"})`}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          label="Tag"
          id={`${id}-tag`}
          value={state.tag[0] ?? ""}
          onChange={(v) => onChange({ tag: v ? [v] : [] })}
        >
          <option value="">All tags</option>
          {query?.tags.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          label="Status"
          id={`${id}-status`}
          value={state.status[0] ?? (state.all ? "all" : "")}
          onChange={(v) =>
            onChange(
              v === "all"
                ? { status: [], all: true }
                : { status: v ? [v as (typeof STATUSES)[number]] : [], all: false },
            )
          }
        >
          <option value="">Live (active, trial, suspended)</option>
          <option value="all">All, with expired and cancelled</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {titleCase(s)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          label="Expiry"
          id={`${id}-expiry`}
          value={expiryValue}
          onChange={(v) =>
            onChange(
              v === "expired" ? { expired: true, expiring: null } : { expired: false, expiring: v ? Number(v) : null },
            )
          }
        >
          <option value="">Any expiry</option>
          {EXPIRING_WINDOWS.map((d) => (
            <option key={d} value={d}>
              Expiring within {plural(d, "day")}
            </option>
          ))}
          {state.expiring && !(EXPIRING_WINDOWS as readonly number[]).includes(state.expiring) && (
            <option value={state.expiring}>Expiring within {plural(state.expiring, "day")}</option>
          )}
          <option value="expired">Expired</option>
        </FilterSelect>
        {query?.users && (
          <FilterSelect
            label="Assignee"
            id={`${id}-assignee`}
            value={state.assignee ?? ""}
            onChange={(v) => onChange({ assignee: v || null })}
          >
            <option value="">Anyone</option>
            {query.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name || u.email}
              </option>
            ))}
          </FilterSelect>
        )}
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-4"
            checked={state.archived}
            onChange={(e) => onChange({ archived: e.target.checked })}
          />
          Archived only
        </label>
      </div>
      {isFiltered(state) && (
        <Button variant="ghost" onClick={onReset}>
          Clear filters
        </Button>
      )}
    </form>
  );
}

function FilterSelect({
  label,
  id,
  value,
  onChange,
  children,
}: {
  label: string;
  id: string;
  value: string;
  onChange: (value: string) => void;
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="mb-0.5 block text-xs font-medium text-slate-600 dark:text-slate-400">
        {label}
      </label>
      <select id={id} className={selectClass} value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </div>
  );
}
