/** One license: its fields, secret, seats and terms, with the actions the server says the
 * viewer may take on it (`viewerCan`). */
import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { Link, useParams } from "react-router";

import { Alert, Badge, LinkButton, PageHeader, Spinner, StatusBadge } from "../../components/ui";
import { graphql } from "../../gql";
import { describeError, hasCode } from "../../lib/errors";
import { useViewerCan } from "../auth/session";
import { databaseId } from "../audit/logState";
import { licenseTitle } from "../licenses/LicenseTable";
import { LicenseHistory } from "../audit/ObjectHistory";
import { LicenseActions } from "./LicenseActions";
import { LicenseFields } from "./LicenseFields";
import { LicenseGrants } from "./LicenseGrants";
import { LicenseRenewals } from "./LicenseRenewals";
import { LicenseSeats } from "./LicenseSeats";
import { LicenseSecret } from "./LicenseSecret";
import { useLicenseVariables } from "./useLicenseVariables";

const LicenseDetailPageQuery = graphql(`
  query LicenseDetailPage($id: ID!, $withCost: Boolean!, $withUsers: Boolean!) {
    license(id: $id) {
      id
      name
      status
      archivedAt
      product {
        id
        name
      }
      viewerCan {
        change
        assign
        viewCost
        manageGrants
      }
      ...LicenseFields_license
      ...LicenseSecret_license
      ...LicenseSeats_license
      ...LicenseRenewals_license
      ...LicenseActions_license
      ...LicenseGrants_license
    }
  }
`);

export default function LicenseDetailPage() {
  const { id = "" } = useParams();
  const can = useViewerCan();
  // Costs of this license, if the server says the viewer may see them (a change grant)
  // though not every license's: asked for again once the first answer says so.
  const [costsOf, setCostsOf] = useState<string | null>(null);
  const vars = useLicenseVariables(costsOf === id);
  const [notice, setNotice] = useState<{ message: string; tone: "success" | "error" } | null>(null);
  const { data, loading, error } = useQuery(LicenseDetailPageQuery, {
    variables: { id, ...vars },
    fetchPolicy: "cache-and-network",
  });
  const license = data?.license;
  const moreCosts = license != null && license.viewerCan.viewCost && !vars.withCost;
  if (moreCosts && costsOf !== license.id) setCostsOf(license.id);

  if (!license) {
    if (loading) return <Spinner label="Loading the license…" />;
    return (
      <>
        <PageHeader title="License not found" />
        {error && !hasCode(error, "NOT_FOUND") && !hasCode(error, "INVALID") ? (
          <Alert>{describeError(error)}</Alert>
        ) : (
          <p className="text-sm">
            There is no such license, or you may not see it.{" "}
            <Link to="/licenses" className="text-indigo-600 underline dark:text-indigo-400">
              Back to licenses
            </Link>
          </p>
        )}
      </>
    );
  }

  const mayChange = license.viewerCan.change;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link to="/licenses" className="text-indigo-600 hover:underline dark:text-indigo-400">
          ← All licenses
        </Link>
      </nav>
      <PageHeader
        documentTitle={licenseTitle(license)}
        title={
          <span className="flex flex-wrap items-center gap-2">
            {licenseTitle(license)} <StatusBadge status={license.status} />
            {license.archivedAt && <Badge>Archived</Badge>}
          </span>
        }
      >
        {can.viewAudit && (
          <LinkButton to={`/audit?objectType=license&objectId=${encodeURIComponent(databaseId(license.id))}`}>
            Audit events
          </LinkButton>
        )}
        {mayChange && (
          <LicenseActions license={license} onNotice={(message, tone = "success") => setNotice({ message, tone })} />
        )}
      </PageHeader>
      {notice && (
        <div className="mb-4">
          <Alert tone={notice.tone}>{notice.message}</Alert>
        </div>
      )}
      <div className="grid gap-4 xl:grid-cols-2">
        <div className="space-y-4">
          <LicenseFields license={license} showCost={vars.withCost} />
          {license.viewerCan.manageGrants && <LicenseGrants license={license} withUsers={vars.withUsers} />}
        </div>
        <div className="space-y-4">
          <LicenseSecret license={license} />
          <LicenseSeats license={license} mayAssign={license.viewerCan.assign} />
          <LicenseRenewals license={license} showCost={vars.withCost} mayRenew={mayChange} />
          <LicenseHistory licenseId={license.id} />
        </div>
      </div>
    </>
  );
}
