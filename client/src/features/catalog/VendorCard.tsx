/** One vendor with its products, and the actions the server says the viewer may take on it
 * (`viewerCan`): edit, add products and (un)archive; see and manage the vendor's grants. */
import { useState } from "react";
import { Link } from "react-router";

import { Badge, Button, Card } from "../../components/ui";
import { graphql } from "../../gql";
import type { VendorCard_ProductFragment, VendorCard_VendorFragment } from "../../gql/graphql";
import { Grants } from "../license/LicenseGrants";
import { VendorDetails } from "./VendorDetails";

export const VendorCardProductFragment = graphql(`
  fragment VendorCard_product on Product {
    id
    name
    notes
    version
    archivedAt
    licenseCount
  }
`);

export const VendorCardFragment = graphql(`
  fragment VendorCard_vendor on Vendor {
    id
    name
    website
    notes
    version
    archivedAt
    licenseCount
    viewerCan {
      change
      delete
      manageGrants
    }
    products {
      id
      ...VendorCard_product
    }
  }
`);

export function VendorCard({
  vendor,
  busy,
  onEdit,
  onArchive,
  onAddProduct,
  onEditProduct,
  onArchiveProduct,
  onDelete,
  onDeleteProduct,
}: {
  vendor: VendorCard_VendorFragment;
  busy: boolean;
  onEdit: () => void;
  onArchive: (archived: boolean) => void;
  onAddProduct: () => void;
  onEditProduct: (product: VendorCard_ProductFragment) => void;
  onArchiveProduct: (product: VendorCard_ProductFragment, archived: boolean) => void;
  /** Asks to delete the vendor (with a confirmation); absent: no Delete buttons. */
  onDelete?: () => void;
  onDeleteProduct?: (product: VendorCard_ProductFragment) => void;
}) {
  const [showGrants, setShowGrants] = useState(false);
  const mayManage = vendor.viewerCan.change;
  // A grant on a vendor covers all its licenses, present and future.
  const mayGrant = vendor.viewerCan.manageGrants;
  const mayDelete = vendor.viewerCan.delete;
  return (
    <Card
      title={
        <span className="flex items-center gap-2">
          <Link className="hover:underline" to={`/vendors/${vendor.id}`}>
            {vendor.name}
          </Link>{" "}
          {vendor.archivedAt && <Badge>Archived</Badge>}
        </span>
      }
      actions={
        mayManage && (
          <span className="flex gap-1">
            <Button variant="ghost" onClick={onEdit} aria-label={`Edit ${vendor.name}`}>
              Edit
            </Button>
            <Button
              variant="ghost"
              disabled={busy}
              onClick={() => onArchive(!vendor.archivedAt)}
              aria-label={`${vendor.archivedAt ? "Restore" : "Archive"} ${vendor.name}`}
            >
              {vendor.archivedAt ? "Restore" : "Archive"}
            </Button>
            {mayDelete && onDelete && (
              <Button variant="ghost" disabled={busy} onClick={onDelete} aria-label={`Delete ${vendor.name}`}>
                Delete
              </Button>
            )}
          </span>
        )
      }
    >
      <div data-testid="vendor-card" data-vendor={vendor.name}>
        <VendorDetails
          vendor={vendor}
          actions={(p) =>
            mayManage && (
              <span className="flex gap-1">
                <Button variant="ghost" onClick={() => onEditProduct(p)} aria-label={`Edit ${p.name}`}>
                  Edit
                </Button>
                <Button
                  variant="ghost"
                  disabled={busy}
                  onClick={() => onArchiveProduct(p, !p.archivedAt)}
                  aria-label={`${p.archivedAt ? "Restore" : "Archive"} ${p.name}`}
                >
                  {p.archivedAt ? "Restore" : "Archive"}
                </Button>
                {mayDelete && onDeleteProduct && (
                  <Button
                    variant="ghost"
                    disabled={busy}
                    onClick={() => onDeleteProduct(p)}
                    aria-label={`Delete ${p.name}`}
                  >
                    Delete
                  </Button>
                )}
              </span>
            )
          }
        />
        {mayManage && !vendor.archivedAt && (
          <Button className="mt-2" onClick={onAddProduct}>
            Add product
          </Button>
        )}
        {mayGrant && (
          <div className="mt-3">
            <Button
              variant="ghost"
              aria-expanded={showGrants}
              onClick={() => setShowGrants(!showGrants)}
              aria-label={`${showGrants ? "Hide" : "Show"} grants on ${vendor.name}`}
            >
              {showGrants ? "Hide grants" : "Grants"}
            </Button>
            {showGrants && (
              <div className="mt-2">
                <Grants
                  target={{ vendorId: vendor.id }}
                  withUsers
                  title={`Grants on ${vendor.name}`}
                  note="A grant on a vendor covers all that vendor's licenses."
                />
              </div>
            )}
          </div>
        )}
      </div>
    </Card>
  );
}
