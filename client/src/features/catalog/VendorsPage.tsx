/** Vendors and their products; managers and admins create, edit and archive them. */
import { useQuery } from "@apollo/client/react";
import { useState } from "react";

import { ConfirmDelete } from "../../components/ConfirmDelete";
import { Alert, Button, PageHeader, Spinner, inputClass } from "../../components/ui";
import { graphql } from "../../gql";
import type { VendorCard_ProductFragment, VendorCard_VendorFragment } from "../../gql/graphql";
import { ActionError, useAction } from "../../lib/action";
import { describeError } from "../../lib/errors";
import { plural } from "../../lib/plural";
import { useViewerCan } from "../auth/session";
import { ProductDialog, VendorDialog } from "./CatalogDialogs";
import { ProductDeleteMutation, VendorDeleteMutation } from "./deletes";
import {
  ProductArchiveMutation,
  ProductRestoreMutation,
  VENDOR_LISTS,
  VendorArchiveMutation,
  VendorRestoreMutation,
} from "./mutations";
import { VendorCard } from "./VendorCard";

const VendorsPageQuery = graphql(`
  query VendorsPage($includeArchived: Boolean!) {
    vendors(includeArchived: $includeArchived) {
      id
      ...VendorCard_vendor
    }
  }
`);

type Editing =
  | { kind: "vendor"; vendor: VendorCard_VendorFragment | null }
  | { kind: "product"; vendor: VendorCard_VendorFragment; product: VendorCard_ProductFragment | null };

type Deleting =
  { kind: "vendor"; vendor: VendorCard_VendorFragment } | { kind: "product"; product: VendorCard_ProductFragment };

/** What deleting takes with it, or why the server will refuse. */
function vendorConsequences(v: VendorCard_VendorFragment): string {
  const products = plural(v.products.length, "product");
  if (v.licenseCount > 0) {
    return `${v.name} still has ${products} and ${plural(v.licenseCount, "license")}: it cannot be deleted until they are moved. Archive it instead to hide it and keep them.`;
  }
  return v.products.length
    ? `Its ${products} (without licenses) will be deleted with it.`
    : "It has no products and no licenses.";
}

function productConsequences(p: VendorCard_ProductFragment): string {
  return p.licenseCount > 0
    ? `${p.name} still has ${plural(p.licenseCount, "license")}: it cannot be deleted until they are moved. Archive it instead.`
    : "It has no licenses.";
}

export default function VendorsPage() {
  const mayManage = useViewerCan().manageCatalog;
  const [includeArchived, setIncludeArchived] = useState(false);
  const [search, setSearch] = useState("");
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<Deleting | null>(null);
  const vendorOptions = { kind: "vendor", refetchQueries: VENDOR_LISTS };
  const productOptions = { kind: "product", refetchQueries: VENDOR_LISTS };
  const vendorArchive = useAction(VendorArchiveMutation, vendorOptions);
  const vendorRestore = useAction(VendorRestoreMutation, vendorOptions);
  const productArchive = useAction(ProductArchiveMutation, productOptions);
  const productRestore = useAction(ProductRestoreMutation, productOptions);
  const actions = [vendorArchive, vendorRestore, productArchive, productRestore];
  const problem = actions.find((a) => a.problem)?.problem ?? null;
  const busy = actions.some((a) => a.loading);
  const setArchived = (pair: { run: (v: { id: string }) => Promise<unknown> }[], id: string, archived: boolean) => {
    for (const a of actions) a.clear();
    void pair[archived ? 0 : 1]?.run({ id });
  };
  const { data, error, loading } = useQuery(VendorsPageQuery, {
    variables: { includeArchived },
    fetchPolicy: "cache-and-network",
  });

  // Search by vendor or product name, here in the page (the list is the catalog, not the licenses).
  const needle = search.trim().toLowerCase();
  const shown = (vendors: readonly VendorCard_VendorFragment[]) =>
    needle
      ? vendors.filter(
          (v) => v.name.toLowerCase().includes(needle) || v.products.some((p) => p.name.toLowerCase().includes(needle)),
        )
      : vendors;

  return (
    <>
      <PageHeader title="Vendors and products">
        {mayManage && (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
            Show archived
          </label>
        )}
        {mayManage && (
          <Button variant="primary" onClick={() => setEditing({ kind: "vendor", vendor: null })}>
            New vendor
          </Button>
        )}
      </PageHeader>
      {error && (
        <div className="mb-3">
          <Alert>{describeError(error)}</Alert>
        </div>
      )}
      <ActionError problem={problem} className="mb-3" />
      <div className="mb-4 max-w-md">
        <label htmlFor="vendor-search" className="sr-only">
          Search vendors and products
        </label>
        <input
          id="vendor-search"
          type="search"
          className={inputClass}
          placeholder="Search vendors and products…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      {data && shown(data.vendors).length === 0 && (
        <p className="text-sm text-slate-600 dark:text-slate-400">No vendor or product matches “{search.trim()}”.</p>
      )}
      {!data && loading ? (
        <Spinner />
      ) : (
        data && (
          <div className="grid gap-4 lg:grid-cols-2">
            {shown(data.vendors).map((v) => (
              <VendorCard
                key={v.id}
                vendor={v}
                busy={busy}
                onEdit={() => setEditing({ kind: "vendor", vendor: v })}
                onArchive={(archived) => setArchived([vendorArchive, vendorRestore], v.id, archived)}
                onAddProduct={() => setEditing({ kind: "product", vendor: v, product: null })}
                onEditProduct={(p) => setEditing({ kind: "product", vendor: v, product: p })}
                onArchiveProduct={(p, archived) => setArchived([productArchive, productRestore], p.id, archived)}
                onDelete={() => setDeleting({ kind: "vendor", vendor: v })}
                onDeleteProduct={(p) => setDeleting({ kind: "product", product: p })}
              />
            ))}
          </div>
        )
      )}
      {editing?.kind === "vendor" && <VendorDialog vendor={editing.vendor} onClose={() => setEditing(null)} />}
      {editing?.kind === "product" && (
        <ProductDialog vendor={editing.vendor} product={editing.product} onClose={() => setEditing(null)} />
      )}
      {deleting?.kind === "vendor" && (
        <ConfirmDelete
          document={VendorDeleteMutation}
          id={deleting.vendor.id}
          kind="vendor"
          name={deleting.vendor.name}
          consequences={vendorConsequences(deleting.vendor)}
          refetchQueries={VENDOR_LISTS}
          onClose={() => setDeleting(null)}
        />
      )}
      {deleting?.kind === "product" && (
        <ConfirmDelete
          document={ProductDeleteMutation}
          id={deleting.product.id}
          kind="product"
          name={deleting.product.name}
          consequences={productConsequences(deleting.product)}
          refetchQueries={VENDOR_LISTS}
          onClose={() => setDeleting(null)}
        />
      )}
    </>
  );
}
