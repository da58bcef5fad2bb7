/** One vendor: what it is, its products (each leading to its licenses) and its History, for
 * everyone who may see vendors. */
import { useQuery } from "@apollo/client/react";
import { useParams } from "react-router";

import { Alert, Badge, Card, LinkButton, PageHeader, Spinner } from "../../components/ui";
import { graphql } from "../../gql";
import { describeError } from "../../lib/errors";
import { plural } from "../../lib/plural";
import { VendorHistory } from "../audit/ObjectHistory";
import { VendorDetails } from "./VendorDetails";

const VendorPageQuery = graphql(`
  query VendorPage($id: ID!) {
    vendor(id: $id) {
      id
      name
      website
      notes
      archivedAt
      licenseCount
      products {
        id
        name
        archivedAt
        licenseCount
      }
    }
  }
`);

export default function VendorPage() {
  const { id = "" } = useParams();
  const { data, loading, error } = useQuery(VendorPageQuery, { variables: { id } });
  const vendor = data?.vendor;
  if (!vendor) {
    return (
      <>
        <PageHeader title="Vendor" />
        {loading ? <Spinner /> : <Alert>{error ? describeError(error) : "This vendor does not exist."}</Alert>}
      </>
    );
  }
  const licenses = `/licenses?show=all&vendor=${encodeURIComponent(vendor.id)}`;
  return (
    <>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2 break-words">
            {vendor.name} {vendor.archivedAt && <Badge>Archived</Badge>}
          </span>
        }
        documentTitle={vendor.name}
        subtitle={plural(vendor.licenseCount, "license")}
      >
        <LinkButton to={licenses}>Its licenses</LinkButton>
        <LinkButton to="/vendors">All vendors</LinkButton>
      </PageHeader>
      <div className="grid gap-4 xl:grid-cols-2">
        <Card title="Vendor">
          <div className="min-w-0">
            <VendorDetails vendor={vendor} />
          </div>
        </Card>
        <VendorHistory vendorId={vendor.id} />
      </div>
    </>
  );
}
