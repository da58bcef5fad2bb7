/** A signed report of the audit events the filters select (the `auditReport` job): a
 * progress bar while it runs, then the file to download. `licman audit verify-report FILE`
 * checks it (docs/keys.md). */
import { useState } from "react";

import { Button } from "../../components/ui";
import { graphql } from "../../gql";
import type { AuditEventFilter, AuditReportFormat } from "../../gql/graphql";
import { ActionError, useAction } from "../../lib/action";
import { JobProgress, useJob } from "../import/JobProgress";
import { plural } from "../../lib/plural";

const AuditReportMutation = graphql(`
  mutation AuditReport($input: AuditReportInput!) {
    auditReport(input: $input) {
      job {
        id
      }
      errors {
        code
        field
        message
      }
    }
  }
`);

export function SignedReport({ filter }: { filter: AuditEventFilter }) {
  const start = useAction(AuditReportMutation, { kind: "audit report" });
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const file = job?.files.find((f) => f.role === "audit_report");

  const begin = async (format: AuditReportFormat) => {
    setJobId(null);
    const { data } = await start.run({ input: { format, filter } });
    const started = data?.auditReport.job;
    if (started) setJobId(started.id);
  };

  return (
    <section
      aria-label="Signed report"
      className="mb-4 space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-center gap-2">
        <span>A signed report of these events, which anyone can check was not altered:</span>
        <Button disabled={start.loading} onClick={() => void begin("CSV")}>
          Signed report (CSV)
        </Button>
        <Button disabled={start.loading} onClick={() => void begin("JSON")}>
          Signed report (JSON)
        </Button>
      </div>
      <ActionError problem={start.problem} />
      {job && !file && <JobProgress job={job} label="Writing the signed report" />}
      {file && (
        <p>
          <a
            className="font-medium text-indigo-700 underline dark:text-indigo-300"
            href={file.url}
            download={file.name}
          >
            Download {file.name}
          </a>{" "}
          ({plural((job?.result as { events?: number } | null)?.events ?? 0, "event")}). Check it with{" "}
          <code>licman audit verify-report {file.name} --public-key licman-public.pem</code>.
        </p>
      )}
    </section>
  );
}
