/** What a vendor is, shown the same on the Vendors page's cards and on a vendor's own page:
 * its website, notes and products, each product with links to its licenses and seats and,
 * where the viewer may act on it, the buttons `actions` gives. */
import type { ReactNode } from "react";
import { Link } from "react-router";

import { Badge } from "../../components/ui";
import { plural } from "../../lib/plural";

export interface VendorDetailsProduct {
  id: string;
  name: string;
  archivedAt?: string | null;
  licenseCount: number;
}

export function VendorDetails<P extends VendorDetailsProduct>({
  vendor,
  actions,
}: {
  vendor: { name: string; website?: string | null; notes?: string | null; products: readonly P[] };
  /** The buttons beside a product, if any. */
  actions?: (product: P) => ReactNode;
}) {
  return (
    <>
      {vendor.website && (
        <a
          href={vendor.website}
          target="_blank"
          rel="noreferrer"
          className="text-sm break-words text-indigo-700 underline dark:text-indigo-300"
        >
          {vendor.website}
        </a>
      )}
      {vendor.notes && (
        <p className="mt-1 text-sm break-words whitespace-pre-line text-slate-700 dark:text-slate-300">
          {vendor.notes}
        </p>
      )}
      <h3 className="mt-3 text-xs font-semibold text-slate-600 uppercase dark:text-slate-400">Products</h3>
      {vendor.products.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No products.</p>
      ) : (
        <ul
          className="divide-y divide-slate-100 text-sm dark:divide-slate-800"
          aria-label={`Products of ${vendor.name}`}
        >
          {vendor.products.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
              <span className={`min-w-0 break-words ${p.archivedAt ? "text-slate-500 dark:text-slate-400" : ""}`}>
                {p.name}{" "}
                <span className="text-xs text-slate-600 dark:text-slate-400">
                  ·{" "}
                  <Link
                    to={`/licenses?product=${encodeURIComponent(p.id)}&show=all`}
                    className="text-indigo-700 underline dark:text-indigo-300"
                    aria-label={`${plural(p.licenseCount, "license")} of ${p.name}`}
                  >
                    {plural(p.licenseCount, "license")}
                  </Link>{" "}
                  ·{" "}
                  <Link
                    to={`/seats?product=${encodeURIComponent(p.id)}`}
                    className="text-indigo-700 underline dark:text-indigo-300"
                    aria-label={`Seats of ${p.name}`}
                  >
                    seats
                  </Link>
                </span>{" "}
                {p.archivedAt && <Badge>Archived</Badge>}
              </span>
              {actions?.(p)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
