/** Export the licenses table as it is filtered now (search, filters, order): the licenses,
 * their seat holders or the renewal calendar, as CSV, JSON or XLSX. Runs as a job: a progress
 * bar, then a download link. Secrets are offered only when the server says the viewer may
 * reveal every license in the export (`licenseExportCheck.mayIncludeSecrets`). */
import { useQuery } from "@apollo/client/react";
import { useState } from "react";

import { Modal } from "../../components/Modal";
import { Alert, Button } from "../../components/ui";
import { graphql } from "../../gql";
import type { ExportFormat, ExportKind, LicenseFilter, LicenseOrder } from "../../gql/graphql";
import { ActionError, useAction } from "../../lib/action";
import { JobProgress, useJob } from "../import/JobProgress";
import { plural, pluralWord } from "../../lib/plural";

const ExportCheckQuery = graphql(`
  query LicenseExportCheck($filter: LicenseFilter, $search: String) {
    licenseExportCheck(filter: $filter, search: $search) {
      licenses
      maySecrets: mayIncludeSecrets
    }
  }
`);

const LicenseExportMutation = graphql(`
  mutation LicenseExport(
    $format: ExportFormat!
    $kind: ExportKind!
    $filter: LicenseFilter
    $search: String
    $orderBy: LicenseOrder
    $includeSecrets: Boolean!
  ) {
    licenseExport(format: $format, kind: $kind, filter: $filter, search: $search, orderBy: $orderBy, includeSecrets: $includeSecrets) {
      job {
        id
        ...ImportJob_job
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const KINDS: { value: ExportKind; label: string }[] = [
  { value: "LICENSES", label: "Licenses" },
  { value: "SEATS", label: "Seat holders per product" },
  { value: "RENEWALS", label: "Renewal calendar (expiries and cancel-by dates)" },
];
const FORMATS: ExportFormat[] = ["CSV", "XLSX", "JSON"];

export function ExportDialog({
  open,
  onOpenChange,
  filter,
  search,
  orderBy,
  kinds = KINDS.map((k) => k.value),
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  filter: LicenseFilter;
  search: string | null;
  orderBy: LicenseOrder;
  /** What may be exported from here (the Seats view offers only seat holders). */
  kinds?: readonly ExportKind[];
}) {
  const [kind, setKind] = useState<ExportKind>(kinds[0] ?? "LICENSES");
  const [format, setFormat] = useState<ExportFormat>("CSV");
  const [secrets, setSecrets] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const check = useQuery(ExportCheckQuery, { variables: { filter, search }, skip: !open, fetchPolicy: "network-only" });
  const start = useAction(LicenseExportMutation, { kind: "export" });
  const loading = start.loading;
  const job = useJob(jobId);
  const count = check.data?.licenseExportCheck.licenses;
  const maySecrets = kind === "LICENSES" && Boolean(check.data?.licenseExportCheck.maySecrets) && (count ?? 0) > 0;
  const download =
    job?.status === "SUCCEEDED" ? (job.result as { download?: string; file?: string; rows?: number } | null) : null;

  const close = (next: boolean) => {
    if (!next) {
      setJobId(null);
      start.clear();
      setSecrets(false);
    }
    onOpenChange(next);
  };

  const run = async () => {
    setJobId(null);
    const { data } = await start.run({
      format,
      kind,
      filter,
      search,
      orderBy,
      includeSecrets: maySecrets && secrets,
    });
    const started = data?.licenseExport.job;
    if (started) setJobId(started.id);
  };

  return (
    <Modal
      open={open}
      onOpenChange={close}
      title="Export"
      description={
        count === undefined
          ? "With the table's current search, filters and order."
          : `${plural(count, "license")} ${pluralWord(count, "matches", "match")} the table's current search and filters.`
      }
    >
      <div className="space-y-4 text-sm">
        <fieldset className="space-y-1">
          <legend className="font-medium">What</legend>
          {KINDS.filter((k) => kinds.includes(k.value)).map((k) => (
            <label key={k.value} className="flex items-center gap-2">
              <input type="radio" name="export-kind" checked={kind === k.value} onChange={() => setKind(k.value)} />
              {k.label}
            </label>
          ))}
        </fieldset>
        <fieldset className="flex flex-wrap gap-4">
          <legend className="mb-1 font-medium">Format</legend>
          {FORMATS.map((f) => (
            <label key={f} className="flex items-center gap-2">
              <input type="radio" name="export-format" checked={format === f} onChange={() => setFormat(f)} />
              {f}
            </label>
          ))}
        </fieldset>
        {maySecrets && (
          <label className="flex items-start gap-2">
            <input
              type="checkbox"
              className="mt-0.5 size-4"
              checked={secrets}
              onChange={(e) => setSecrets(e.target.checked)}
            />
            <span>
              Include secrets
              <span className="block text-slate-500">
                Each secret written is recorded in the audit log as a reveal.
              </span>
            </span>
          </label>
        )}
        <ActionError problem={start.problem} />
        {job && <JobProgress job={job} label="Exporting" />}
        {download?.download && (
          <Alert tone="success" title="Export ready">
            {plural(download.rows ?? 0, "row")}.{" "}
            <a
              className="text-indigo-600 underline dark:text-indigo-400"
              href={download.download}
              download={download.file}
            >
              Download {download.file}
            </a>
          </Alert>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={() => close(false)}>Close</Button>
          <Button
            variant="primary"
            disabled={loading || (job !== null && job.status !== "SUCCEEDED" && job.status !== "FAILED")}
            onClick={() => void run()}
          >
            Export
          </Button>
        </div>
      </div>
    </Modal>
  );
}
