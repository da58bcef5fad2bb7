/** Search box and filters above the licenses table; every change goes into the URL. */
import { useQuery } from "@apollo/client/react";
import { useEffect, useId, useState } from "react";

import { Button, inputClass, titleCase } from "../../components/ui";
import { graphql } from "../../gql";
import type { LicenseFilters_QueryFragment } from "../../gql/graphql";
import { EXPIRING_WINDOWS, STATUSES, isFiltered, type LicenseListState } from "./listState";
import { plural } from "../../lib/plural";
import { UserPicker } from "../license/UserPicker";
import { TagPicker } from "./TagPicker";

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
  }
`);

/** The names of the chosen tag and assignee (the URL has only their ids). */
const FilterChoicesQuery = graphql(`
  query LicenseFilterChoices($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Tag {
        id
        name
      }
      ... on User {
        id
        name
        email
      }
    }
  }
`);

const selectClass = `${inputClass} sm:w-auto`;
const labelClass = "mb-0.5 block text-xs font-medium text-slate-600 dark:text-slate-400";

export function LicenseFilters({
  query,
  state,
  onChange,
  onReset,
  withUsers,
}: {
  query: LicenseFilters_QueryFragment | undefined;
  /** Whether the viewer may search people (the assignee filter). */
  withUsers: boolean;
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

  const chosenIds = [state.tag[0], withUsers ? state.assignee : null].filter((x): x is string => !!x);
  const choices = useQuery(FilterChoicesQuery, { variables: { ids: chosenIds }, skip: chosenIds.length === 0 });
  const names = new Map<string, string>();
  for (const node of choices.data?.nodes ?? []) {
    if (node && "id" in node && node.id)
      names.set(node.id, ("email" in node && !node.name ? node.email : node.name) ?? "");
  }
  // undefined while the names load; a chosen id that is not found shows as "?"
  const pending = choices.loading && !choices.data;
  const nameOf = (chosen: string | null | undefined) =>
    chosen ? (names.get(chosen) ?? (pending ? undefined : "?")) : "";
  const tagName = nameOf(state.tag[0]);
  const assigneeName = nameOf(state.assignee);

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
        <div className="min-w-40">
          <label htmlFor={`${id}-tag`} className={labelClass}>
            Tag
          </label>
          {tagName === undefined ? (
            <input id={`${id}-tag`} className={inputClass} disabled value="…" readOnly />
          ) : (
            <TagPicker
              key={`${state.tag[0] ?? ""}:${tagName}`}
              id={`${id}-tag`}
              initialText={tagName}
              onPick={(t) => onChange({ tag: [t.id] })}
              onClear={() => state.tag.length && onChange({ tag: [] })}
            />
          )}
        </div>
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
        {withUsers && (
          <div className="min-w-48">
            <label htmlFor={`${id}-assignee`} className={labelClass}>
              Assignee
            </label>
            {assigneeName === undefined ? (
              <input id={`${id}-assignee`} className={inputClass} disabled value="…" readOnly />
            ) : (
              <UserPicker
                key={`${state.assignee ?? ""}:${assigneeName}`}
                id={`${id}-assignee`}
                initialText={assigneeName}
                onPick={(u) => u && onChange({ assignee: u.id })}
                onClear={() => state.assignee && onChange({ assignee: null })}
              />
            )}
          </div>
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
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select id={id} className={selectClass} value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </div>
  );
}
