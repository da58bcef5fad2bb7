/** Every field of a license, custom fields included. */
import type { ReactNode } from "react";
import { Link } from "react-router";

import { Card, TagChip, titleCase } from "../../components/ui";
import { graphql } from "../../gql";
import type { LicenseFields_LicenseFragment } from "../../gql/graphql";
import { expiryNote, formatDate, formatDateTime } from "../../lib/dates";
import { formatMoney } from "../../lib/money";

export const LicenseFieldsFragment = graphql(`
  fragment LicenseFields_license on License {
    id
    name
    kind
    status
    version
    seats
    seatsUsed
    seatsFree
    cost @include(if: $withCost)
    currency
    billingPeriod
    purchasedOn
    startsOn
    expiresOn
    cancelBy
    autoRenew
    remindSeatHolders
    notes
    metadata
    externalId
    archivedAt
    createdAt
    updatedAt
    product {
      id
      name
    }
    vendor {
      id
      name
    }
    owner {
      id
      name
      email @include(if: $withUsers)
    }
    tags {
      id
      name
      color
    }
  }
`);

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="py-2 sm:grid sm:grid-cols-3 sm:gap-3">
      <dt className="text-sm text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="text-sm [overflow-wrap:anywhere] sm:col-span-2">{children}</dd>
    </div>
  );
}

/** Custom fields as the server keeps them: a flat JSON object. */
export function customFields(metadata: unknown): [string, string][] {
  if (!metadata || typeof metadata !== "object" || Array.isArray(metadata)) return [];
  return Object.entries(metadata as Record<string, unknown>).map(([k, v]) => [
    k,
    typeof v === "string" ? v : JSON.stringify(v),
  ]);
}

const NOTE_TONE: Record<NonNullable<ReturnType<typeof expiryNote>>["state"], string> = {
  expired: "text-red-700 dark:text-red-300",
  soon: "text-amber-700 dark:text-amber-300",
  cancelled: "text-slate-600 dark:text-slate-300",
  revoked: "text-rose-700 dark:text-rose-300",
  later: "",
  none: "",
};

export function LicenseFields({ license, showCost }: { license: LicenseFields_LicenseFragment; showCost: boolean }) {
  const note = expiryNote(license.expiresOn, license.status);
  const extra = customFields(license.metadata);
  return (
    <Card title="Details">
      <dl className="divide-y divide-slate-100 dark:divide-slate-800">
        <Item label="Vendor">
          <Link className="text-indigo-700 underline dark:text-indigo-300" to={`/vendors/${license.vendor.id}`}>
            {license.vendor.name}
          </Link>
        </Item>
        <Item label="Product">{license.product.name}</Item>
        <Item label="Kind">{titleCase(license.kind)}</Item>
        <Item label="Expires">
          {formatDate(license.expiresOn)}
          {note && (
            <span
              data-testid="expiry-note"
              data-expiry={note.state}
              className={`ml-2 text-xs font-medium ${NOTE_TONE[note.state]}`}
            >
              {note.text}
            </span>
          )}
        </Item>
        <Item label="Starts">{formatDate(license.startsOn)}</Item>
        <Item label="Purchased">{formatDate(license.purchasedOn)}</Item>
        <Item label="Cancel by">{formatDate(license.cancelBy)}</Item>
        <Item label="Renews automatically">{license.autoRenew ? "Yes" : "No"}</Item>
        <Item label="Seat holders reminded">{license.remindSeatHolders ? "Yes" : "No"}</Item>
        {showCost && (
          <Item label="Cost">
            {formatMoney(license.cost, license.currency)}
            {license.billingPeriod && (
              <span className="text-slate-500 dark:text-slate-400"> · {titleCase(license.billingPeriod)}</span>
            )}
          </Item>
        )}
        {!showCost && license.billingPeriod && <Item label="Billing">{titleCase(license.billingPeriod)}</Item>}
        <Item label="Seats">
          {license.seats == null ? "Unlimited" : `${license.seatsUsed} of ${license.seats} used`}
        </Item>
        <Item label="Owner">{license.owner ? license.owner.name || license.owner.email || "—" : "—"}</Item>
        <Item label="Tags">
          {license.tags.length ? (
            <span className="flex flex-wrap gap-1">
              {license.tags.map((t) => (
                <TagChip key={t.id} name={t.name} color={t.color} />
              ))}
            </span>
          ) : (
            "—"
          )}
        </Item>
        <Item label="External id">{license.externalId ?? "—"}</Item>
        <Item label="Notes">{license.notes ? <span className="whitespace-pre-wrap">{license.notes}</span> : "—"}</Item>
        <Item label="Created">{formatDateTime(license.createdAt)}</Item>
        <Item label="Updated">{formatDateTime(license.updatedAt)}</Item>
      </dl>
      <h3 className="mt-4 border-t border-slate-200 pt-3 text-sm font-semibold dark:border-slate-700">Custom fields</h3>
      {extra.length === 0 ? (
        <p className="py-2 text-sm text-slate-500 dark:text-slate-400">None.</p>
      ) : (
        <dl className="divide-y divide-slate-100 dark:divide-slate-800">
          {extra.map(([key, value]) => (
            <Item key={key} label={key}>
              <span data-testid={`custom-field-${key}`}>{value}</span>
            </Item>
          ))}
        </dl>
      )}
    </Card>
  );
}
