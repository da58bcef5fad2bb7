/** Vendors and their products; managers and admins create, edit and archive them. */
import { useQuery } from "@apollo/client/react";
import { useState } from "react";

import { Alert, Button, PageHeader, Spinner } from "../../components/ui";
import { graphql } from "../../gql";
import type { VendorCard_ProductFragment, VendorCard_VendorFragment } from "../../gql/graphql";
import { describeError, userErrorMessage, type UserErrorLike } from "../../lib/errors";
import { useViewerCan } from "../auth/session";
import { ProductDialog, VendorDialog } from "./CatalogDialogs";
import { useArchiveProduct, useArchiveVendor } from "./mutations";
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

export default function VendorsPage() {
  const mayManage = useViewerCan().manageCatalog;
  const [includeArchived, setIncludeArchived] = useState(false);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [archiveVendor, { loading: a1 }] = useArchiveVendor();
  const [archiveProduct, { loading: a2 }] = useArchiveProduct();
  const { data, error, loading } = useQuery(VendorsPageQuery, {
    variables: { includeArchived },
    fetchPolicy: "cache-and-network",
  });

  const run = async (action: () => Promise<{ errors: readonly UserErrorLike[] }>) => {
    setProblem(null);
    try {
      const { errors } = await action();
      if (errors.length) setProblem(errors.map(userErrorMessage).join(" "));
    } catch (e) {
      setProblem(describeError(e));
    }
  };

  return (
    <>
      <PageHeader title="Vendors and products">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
          Show archived
        </label>
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
      {problem && (
        <div className="mb-3">
          <Alert>{problem}</Alert>
        </div>
      )}
      {!data && loading ? (
        <Spinner />
      ) : (
        data && (
          <div className="grid gap-4 lg:grid-cols-2">
            {data.vendors.map((v) => (
              <VendorCard
                key={v.id}
                vendor={v}
                busy={a1 || a2}
                onEdit={() => setEditing({ kind: "vendor", vendor: v })}
                onArchive={(archived) => void run(() => archiveVendor(v.id, archived))}
                onAddProduct={() => setEditing({ kind: "product", vendor: v, product: null })}
                onEditProduct={(p) => setEditing({ kind: "product", vendor: v, product: p })}
                onArchiveProduct={(p, archived) => void run(() => archiveProduct(p.id, archived))}
              />
            ))}
          </div>
        )
      )}
      {editing?.kind === "vendor" && <VendorDialog vendor={editing.vendor} onClose={() => setEditing(null)} />}
      {editing?.kind === "product" && (
        <ProductDialog vendor={editing.vendor} product={editing.product} onClose={() => setEditing(null)} />
      )}
    </>
  );
}
