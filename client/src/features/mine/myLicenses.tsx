/** A person's own licenses: the seats they hold and the licenses they own, from the
 * `licenses` query filtered by `assigneeId` and `ownerId` (the API shows each only what the
 * viewer may see). Used by the "My licenses" page and the member's dashboard. */
import { useQuery } from "@apollo/client/react";
import { Link } from "react-router";

import { Card, StatusBadge } from "../../components/ui";
import { graphql } from "../../gql";
import type { MyLicensesQuery } from "../../gql/graphql";
import { daysUntil, describeExpiry, formatDate, formatDateTime, todayIso } from "../../lib/dates";
import { plural } from "../../lib/plural";
import { useCurrentUser } from "../auth/session";
import "../seats/seatFragments";

export const MyLicensesDocument = graphql(`
  query MyLicenses($me: ID!) {
    held: licenses(first: 100, filter: { assigneeId: $me }, orderBy: { field: EXPIRY, direction: ASC }) {
      totalCount
      nodes {
        ...SeatLicense
        assignments {
          ...SeatFields
        }
      }
    }
    owned: licenses(first: 100, filter: { ownerId: $me }, orderBy: { field: EXPIRY, direction: ASC }) {
      totalCount
      nodes {
        ...SeatLicense
        seats
        seatsUsed
      }
    }
  }
`);

type Held = MyLicensesQuery["held"]["nodes"][number];
type Owned = MyLicensesQuery["owned"]["nodes"][number];
type Any = { id: string; name: string; status: string; expiresOn?: string | null; product: { name: string } };

const SOON_DAYS = 30;

export function useMyLicenses() {
  const me = useCurrentUser();
  return useQuery(MyLicensesDocument, { variables: { me: me.id }, fetchPolicy: "cache-and-network" });
}

function title(l: { name: string; product: { name: string } }) {
  return l.name || l.product.name;
}

/** Mine (held or owned), live, expiring within 30 days (or already past), soonest first. */
export function expiringSoon(held: readonly Held[], owned: readonly Owned[], today = todayIso()): Any[] {
  const byId = new Map<string, Any>();
  for (const l of [...held, ...owned]) byId.set(l.id, l);
  return [...byId.values()]
    .filter((l) => l.status !== "CANCELLED" && l.status !== "REVOKED" && l.expiresOn)
    .filter((l) => daysUntil(l.expiresOn as string, today) <= SOON_DAYS)
    .sort((a, b) => (a.expiresOn as string).localeCompare(b.expiresOn as string));
}

function LicenseLink({ license }: { license: { id: string; name: string; product: { name: string } } }) {
  return (
    <Link
      className="font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300"
      to={`/licenses/${license.id}`}
    >
      {title(license)}
    </Link>
  );
}

export function MineExpiring({ held, owned }: { held: readonly Held[]; owned: readonly Owned[] }) {
  const soon = expiringSoon(held, owned);
  return (
    <Card title={`Mine expiring within ${SOON_DAYS} days`}>
      {soon.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Nothing of yours expires in the next {SOON_DAYS} days.
        </p>
      ) : (
        <ul
          className="divide-y divide-slate-100 text-sm dark:divide-slate-800"
          aria-label="Mine expiring soon"
          data-testid="mine-expiring"
        >
          {soon.map((l) => (
            <li key={l.id} className="flex flex-wrap items-baseline justify-between gap-2 py-1.5">
              <LicenseLink license={l} />
              <span className="text-amber-800 dark:text-amber-200">{describeExpiry(l.expiresOn)}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function SeatsIHold({ held, userId }: { held: readonly Held[]; userId: string }) {
  return (
    <Card title={`Seats I hold (${held.length})`}>
      {held.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">You hold no seat.</p>
      ) : (
        <table className="w-full text-left text-sm" aria-label="Seats I hold" data-testid="seats-i-hold">
          <thead className="text-xs text-slate-600 uppercase dark:text-slate-400">
            <tr>
              <th scope="col" className="py-1 pr-3">
                License
              </th>
              <th scope="col" className="py-1 pr-3">
                Vendor
              </th>
              <th scope="col" className="py-1 pr-3">
                Since
              </th>
              <th scope="col" className="py-1 pr-3">
                Until
              </th>
              <th scope="col" className="py-1">
                Expires
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {held.map((l) => {
              const seat = l.assignments.find((a) => a.user.id === userId);
              return (
                <tr key={l.id}>
                  <td className="py-1.5 pr-3">
                    <LicenseLink license={l} />
                  </td>
                  <td className="py-1.5 pr-3">{l.vendor.name}</td>
                  <td className="py-1.5 pr-3">{seat ? formatDateTime(seat.assignedAt) : "—"}</td>
                  <td className="py-1.5 pr-3">{seat?.endsOn ? formatDate(seat.endsOn) : "No end date"}</td>
                  <td className="py-1.5">{l.expiresOn ? formatDate(l.expiresOn) : "No expiry"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Card>
  );
}

export function LicensesIOwn({ owned }: { owned: readonly Owned[] }) {
  return (
    <Card title={`Licenses I own (${owned.length})`}>
      {owned.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">You own no license.</p>
      ) : (
        <table className="w-full text-left text-sm" aria-label="Licenses I own" data-testid="licenses-i-own">
          <thead className="text-xs text-slate-600 uppercase dark:text-slate-400">
            <tr>
              <th scope="col" className="py-1 pr-3">
                License
              </th>
              <th scope="col" className="py-1 pr-3">
                Status
              </th>
              <th scope="col" className="py-1 pr-3">
                Seats
              </th>
              <th scope="col" className="py-1">
                Expires
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {owned.map((l) => (
              <tr key={l.id}>
                <td className="py-1.5 pr-3">
                  <LicenseLink license={l} />
                </td>
                <td className="py-1.5 pr-3">
                  <StatusBadge status={l.status} />
                </td>
                <td className="py-1.5 pr-3 tabular-nums">
                  {l.seatsUsed} / {l.seats ?? "∞"}
                </td>
                <td className="py-1.5">{l.expiresOn ? formatDate(l.expiresOn) : "No expiry"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

export function mineSummary(data: MyLicensesQuery | undefined): string {
  if (!data) return "";
  return `${plural(data.held.totalCount, "seat")} held · ${plural(data.owned.totalCount, "license")} owned`;
}
