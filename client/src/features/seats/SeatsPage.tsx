/** Who holds what: the seats of one product (`/seats?product=ID`) or of one person
 * (`/seats?person=ID`), each with since when and until when, exportable (the seats export
 * with the same filter). Read through the `licenses` list, so it shows exactly the licenses
 * the viewer may see, and e-mail addresses only where the API allows them. */
import { useQuery } from "@apollo/client/react";
import { useId, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";

import { Alert, Button, Field, PageHeader, Spinner, StatusBadge, inputClass } from "../../components/ui";
import { graphql } from "../../gql";
import type { LicenseFilter, SeatsPageQuery as SeatsPageResult } from "../../gql/graphql";
import { formatDate } from "../../lib/dates";
import { describeError } from "../../lib/errors";
import { plural } from "../../lib/plural";
import { useCurrentUser, useViewerCan } from "../auth/session";
import { UserPicker } from "../license/UserPicker";
import { ExportDialog } from "../licenses/ExportDialog";
import { PersonLink } from "./PersonLink";
import "./seatFragments";

type SeatLicense = SeatsPageResult["licenses"]["nodes"][number];
type Seat = SeatLicense["assignments"][number] & { endedAt?: string | null; endNote?: string | null };
type Row = { license: SeatLicense; seat: Seat; ended: boolean };

/** The seats one person holds (the license's order) and then those they held, latest first. */
export function personRows(licenses: readonly SeatLicense[], person: string): Row[] {
  const held: Row[] = [];
  const ended: Row[] = [];
  for (const license of licenses) {
    for (const seat of license.assignments) if (seat.user.id === person) held.push({ license, seat, ended: false });
    for (const seat of license.pastAssignments ?? [])
      if (seat.user.id === person) ended.push({ license, seat, ended: true });
  }
  ended.sort((a, b) => (b.seat.endedAt ?? "").localeCompare(a.seat.endedAt ?? ""));
  return [...held, ...ended];
}

/** Licenses read for the view (with their seats, held and ended: the API's cost limit counts
 * both); more are in the export. */
export const SEATS_PAGE = 50;

const SeatsPageQuery = graphql(`
  query SeatsPage($filter: LicenseFilter!, $first: Int!, $withUsers: Boolean!, $withPast: Boolean!) {
    licenses(first: $first, filter: $filter, orderBy: { field: PRODUCT }) {
      totalCount
      nodes {
        ...SeatLicense
        seats
        seatsUsed
        assignments {
          ...SeatFields
          user {
            id
            email @include(if: $withUsers)
          }
        }
        pastAssignments @include(if: $withPast) {
          ...SeatFields
          endedAt
          endNote
        }
      }
    }
  }
`);

const SeatsCatalogQuery = graphql(`
  query SeatsCatalog {
    products {
      id
      name
      vendorId
    }
    vendors {
      id
      name
    }
  }
`);

export default function SeatsPage() {
  const id = useId();
  const can = useViewerCan();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const product = params.get("product");
  const person = product ? null : params.get("person");
  const [exportOpen, setExportOpen] = useState(false);
  const filter: LicenseFilter | null = useMemo(
    () => (product ? { productIds: [product] } : person ? { heldById: person } : null),
    [product, person],
  );
  const { data, previousData, loading, error } = useQuery(SeatsPageQuery, {
    variables: {
      filter: filter ?? { productIds: [] },
      first: SEATS_PAGE,
      withUsers: can.viewUsers,
      withPast: person !== null,
    },
    skip: filter === null,
    fetchPolicy: "cache-and-network",
  });
  const shown = data ?? previousData;
  const { data: catalog } = useQuery(SeatsCatalogQuery);
  const products = catalog?.products ?? [];
  const vendorNames = new Map((catalog?.vendors ?? []).map((v) => [v.id, v.name]));

  const [pickedName, setPickedName] = useState<string | null>(null);
  const rows: Row[] = useMemo(() => {
    const licenses = filter ? (shown?.licenses.nodes ?? []) : [];
    if (person) return personRows(licenses, person);
    return licenses.flatMap((license) => license.assignments.map((seat) => ({ license, seat, ended: false })));
  }, [shown, filter, person]);
  const heldNow = rows.filter((r) => !r.ended).length;
  const productName = product ? products.find((p) => p.id === product)?.name : undefined;
  const personName =
    person === me.id
      ? "you"
      : rows[0]
        ? rows[0].seat.user.name || rows[0].seat.user.email || "this person"
        : (pickedName ?? "this person");
  const title = product ? `Seats of ${productName ?? "a product"}` : person ? `Seats held by ${personName}` : "Seats";
  const total = shown?.licenses.totalCount ?? 0;
  const pageSize = SEATS_PAGE;

  return (
    <>
      <PageHeader
        title={title}
        subtitle={
          filter && shown
            ? person
              ? `${plural(heldNow, "seat")} held now, ${rows.length - heldNow} ended`
              : `${plural(rows.length, "seat")} on ${plural(total, "license")}`
            : "Who holds what, since when"
        }
      >
        {filter && <Button onClick={() => setExportOpen(true)}>Export</Button>}
        {product && (
          <Link
            to={`/licenses?product=${encodeURIComponent(product)}&show=all`}
            className="text-sm text-indigo-700 underline dark:text-indigo-300"
          >
            Licenses of this product
          </Link>
        )}
      </PageHeader>
      <form
        aria-label="Choose whose seats"
        className="mb-4 grid gap-3 sm:grid-cols-2"
        onSubmit={(e) => e.preventDefault()}
      >
        <Field label="Product" htmlFor={`${id}-product`}>
          <select
            id={`${id}-product`}
            className={inputClass}
            value={product ?? ""}
            onChange={(e) => setParams(e.target.value ? { product: e.target.value } : {})}
          >
            <option value="">Choose a product…</option>
            {products.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({vendorNames.get(p.vendorId) ?? "?"})
              </option>
            ))}
          </select>
        </Field>
        {can.viewUsers ? (
          <Field label="Or a person" htmlFor={`${id}-person`}>
            <UserPicker
              id={`${id}-person`}
              onPick={(u) => {
                if (!u) return;
                setPickedName(u.label);
                setParams({ person: u.id });
              }}
            />
          </Field>
        ) : (
          <div className="self-end">
            <Button onClick={() => setParams({ person: me.id })}>My seats</Button>
          </div>
        )}
      </form>
      {error && !shown && <Alert>{describeError(error)}</Alert>}
      {filter && !shown && loading && <Spinner label="Loading seats…" />}
      {filter && shown && (
        <>
          {total > pageSize && (
            <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">
              Showing the seats of the first {pageSize} of {plural(total, "license")}; the export has them all.
            </p>
          )}
          {rows.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500 dark:border-slate-700">
              {person ? "No seat held, now or before." : "Nobody holds a seat here."}
            </p>
          ) : (
            <div className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
              {person ? <PersonSeats rows={rows} /> : <ProductSeats rows={rows} />}
            </div>
          )}
        </>
      )}
      {filter && (
        <ExportDialog
          open={exportOpen}
          onOpenChange={setExportOpen}
          filter={filter}
          search={null}
          orderBy={{ field: "PRODUCT", direction: "ASC" }}
          kinds={["SEATS"]}
        />
      )}
    </>
  );
}

const headClass =
  "border-b border-slate-200 bg-slate-50 text-xs text-slate-600 uppercase dark:border-slate-800 dark:bg-slate-800/50 dark:text-slate-300";
const subtle = "text-xs text-slate-500 dark:text-slate-400";

function Head({ names }: { names: string[] }) {
  return (
    <thead className={headClass}>
      <tr>
        {names.map((name) => (
          <th key={name} scope="col" className="px-3 py-2">
            {name}
          </th>
        ))}
      </tr>
    </thead>
  );
}

function LicenseCell({ license }: { license: SeatLicense }) {
  return (
    <>
      <Link to={`/licenses/${license.id}`} className="text-indigo-700 hover:underline dark:text-indigo-300">
        {license.name || license.product.name}
      </Link>{" "}
      <StatusBadge status={license.status} />
    </>
  );
}

/** Until when a seat runs: its end date, else the license's expiry, else none. */
function Until({ license, seat }: { license: SeatLicense; seat: Seat }) {
  if (seat.endsOn) return <>{formatDate(seat.endsOn)}</>;
  if (license.expiresOn)
    return (
      <span>
        {formatDate(license.expiresOn)} <span className={subtle}>(license expiry)</span>
      </span>
    );
  return <>No end date</>;
}

function ProductSeats({ rows }: { rows: Row[] }) {
  return (
    <table className="w-full text-left text-sm" data-testid="seats-table">
      <Head names={["Person", "License", "Since", "Until"]} />
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {rows.map(({ license, seat }) => (
          <tr key={seat.id} data-testid="seat-row">
            <td className="px-3 py-2 break-words">
              <PersonLink user={seat.user} />
              {seat.user.email && seat.user.name && <div className={subtle}>{seat.user.email}</div>}
            </td>
            <td className="px-3 py-2 break-words">
              <LicenseCell license={license} />
              <div className={subtle}>
                {license.vendor.name} · {license.product.name}
              </div>
            </td>
            <td className="px-3 py-2 whitespace-nowrap">{formatDate(seat.assignedAt.slice(0, 10))}</td>
            <td className="px-3 py-2">
              <Until license={license} seat={seat} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One person's seats: those held now, then those that ended (with when and why). */
function PersonSeats({ rows }: { rows: Row[] }) {
  return (
    <table className="w-full text-left text-sm" data-testid="seats-table">
      <Head names={["License", "Product", "Vendor", "Since", "Until"]} />
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {rows.map(({ license, seat, ended }) => (
          <tr key={seat.id} data-testid="seat-row" data-ended={ended || undefined}>
            <td className="px-3 py-2 break-words">
              <LicenseCell license={license} />
            </td>
            <td className="px-3 py-2 break-words">{license.product.name}</td>
            <td className="px-3 py-2 break-words">{license.vendor.name}</td>
            <td className="px-3 py-2 whitespace-nowrap">{formatDate(seat.assignedAt.slice(0, 10))}</td>
            <td className="px-3 py-2">
              {ended ? (
                <span>
                  Ended {formatDate(seat.endedAt?.slice(0, 10))}
                  {seat.endNote && <span className={`block ${subtle} break-words`}>{seat.endNote}</span>}
                </span>
              ) : (
                <Until license={license} seat={seat} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
