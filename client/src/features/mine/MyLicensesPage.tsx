/** "My licenses": the seats I hold, the licenses I own, and what of mine expires soon. */
import { Alert, PageHeader, Spinner } from "../../components/ui";
import { describeError } from "../../lib/errors";
import { useCurrentUser } from "../auth/session";
import { LicensesIOwn, MineExpiring, SeatsIHold, mineSummary, useMyLicenses } from "./myLicenses";

export default function MyLicensesPage() {
  const me = useCurrentUser();
  const { data, loading, error } = useMyLicenses();
  return (
    <>
      <PageHeader title="My licenses" subtitle={mineSummary(data)} />
      {error && !data && <Alert title="Could not load your licenses">{describeError(error)}</Alert>}
      {!data && loading && <Spinner label="Loading your licenses…" />}
      {data && (
        <div className="grid gap-4" data-testid="my-licenses">
          <MineExpiring held={data.held.nodes} owned={data.owned.nodes} />
          <SeatsIHold held={data.held.nodes} userId={me.id} />
          <LicensesIOwn owned={data.owned.nodes} />
        </div>
      )}
    </>
  );
}
