/** Who holds what: the seats of one product (`/seats?product=ID`) or of one person
 * (`/seats?person=ID`), each with since when and until when, exportable (the seats export
 * with the same filter). Read through the `licenses` list, so it shows exactly the licenses
 * the viewer may see, and e-mail addresses only where the API allows them. */
import { useQuery } from "@apollo/client/react";
import { useId, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";

import { Alert, Button, Field, PageHeader, Spinner, StatusBadge, inputClass } from "../../components/ui";
import { graphql } from "../../gql";
import type { LicenseFilter } from "../../gql/graphql";
import { formatDate } from "../../lib/dates";
import { describeError } from "../../lib/errors";
import { plural } from "../../lib/plural";
import { useCurrentUser, useViewerCan } from "../auth/session";
import { UserPicker } from "../license/UserPicker";
import { ExportDialog } from "../licenses/ExportDialog";

/** Licenses read for the view; more are in the export. */
export const SEATS_PAGE = 100;

const SeatsPageQuery = graphql(`
  query SeatsPage($filter: LicenseFilter!, $first: Int!, $withUsers: Boolean!) {
    licenses(first: $first, filter: $filter, orderBy: { field: PRODUCT }) {
      totalCount
      nodes {
        id
        name
        status
        expiresOn
        seats
        seatsUsed
        product {
          id
          name
        }
        vendor {
          id
          name
        }
        assignments {
          id
          assignedAt
          endsOn
          user {
            id
            name
            email @include(if: $withUsers)
          }
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
    () => (product ? { productIds: [product] } : person ? { assigneeId: person } : null),
    [product, person],
  );
  const { data, previousData, loading, error } = useQuery(SeatsPageQuery, {
    variables: { filter: filter ?? { productIds: [] }, first: SEATS_PAGE, withUsers: can.viewUsers },
    skip: filter === null,
    fetchPolicy: "cache-and-network",
  });
  const shown = data ?? previousData;
  const { data: catalog } = useQuery(SeatsCatalogQuery);
  const products = catalog?.products ?? [];
  const vendorNames = new Map((catalog?.vendors ?? []).map((v) => [v.id, v.name]));

  const rows = useMemo(
    () =>
      (filter ? (shown?.licenses.nodes ?? []) : []).flatMap((license) =>
        license.assignments.filter((a) => !person || a.user.id === person).map((seat) => ({ license, seat })),
      ),
    [shown, filter, person],
  );
  const productName = product ? products.find((p) => p.id === product)?.name : undefined;
  const personName =
    person === me.id
      ? "you"
      : rows[0]
        ? rows[0].seat.user.name || rows[0].seat.user.email || "this person"
        : "this person";
  const title = product ? `Seats of ${productName ?? "a product"}` : person ? `Seats held by ${personName}` : "Seats";
  const total = shown?.licenses.totalCount ?? 0;

  return (
    <>
      <PageHeader
        title={title}
        subtitle={
          filter && shown
            ? `${plural(rows.length, "seat")} on ${plural(total, "license")}`
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
            <UserPicker id={`${id}-person`} onPick={(u) => u && setParams({ person: u.id })} />
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
          {total > SEATS_PAGE && (
            <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">
              Showing the seats of the first {SEATS_PAGE} of {plural(total, "license")}; the export has them all.
            </p>
          )}
          {rows.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500 dark:border-slate-700">
              Nobody holds a seat here.
            </p>
          ) : (
            <div className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
              <table className="w-full text-left text-sm" data-testid="seats-table">
                <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600 uppercase dark:border-slate-800 dark:bg-slate-800/50 dark:text-slate-300">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      Person
                    </th>
                    <th scope="col" className="px-3 py-2">
                      License
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Since
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Until
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                  {rows.map(({ license, seat }) => (
                    <tr key={seat.id} data-testid="seat-row">
                      <td className="px-3 py-2 break-words">
                        <Link
                          to={`/seats?person=${encodeURIComponent(seat.user.id)}`}
                          className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                        >
                          {seat.user.name || seat.user.email || "A user"}
                        </Link>
                        {seat.user.email && seat.user.name && (
                          <div className="text-xs text-slate-500 dark:text-slate-400">{seat.user.email}</div>
                        )}
                      </td>
                      <td className="px-3 py-2 break-words">
                        <Link
                          to={`/licenses/${license.id}`}
                          className="text-indigo-700 hover:underline dark:text-indigo-300"
                        >
                          {license.name || license.product.name}
                        </Link>{" "}
                        <StatusBadge status={license.status} />
                        <div className="text-xs text-slate-500 dark:text-slate-400">
                          {license.vendor.name} · {license.product.name}
                        </div>
                      </td>
                      <td className="px-3 py-2 whitespace-nowrap">{formatDate(seat.assignedAt.slice(0, 10))}</td>
                      <td className="px-3 py-2">
                        {seat.endsOn ? (
                          formatDate(seat.endsOn)
                        ) : license.expiresOn ? (
                          <span>
                            {formatDate(license.expiresOn)}{" "}
                            <span className="text-xs text-slate-500 dark:text-slate-400">(license expiry)</span>
                          </span>
                        ) : (
                          "No end date"
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
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
