/** A job's progress bar, polled while the job runs (every half second), then its counts,
 * its problems by row and its files. */
import { useQuery } from "@apollo/client/react";
import { useEffect } from "react";

import { Alert } from "../../components/ui";
import { graphql } from "../../gql";
import type { ImportJob_JobFragment } from "../../gql/graphql";

export const ImportJobFragment = graphql(`
  fragment ImportJob_job on Job {
    id
    kind
    status
    progressDone
    progressTotal
    percent
    error
    result
    attempts
    files {
      id
      name
      role
      size
      url
    }
    rowErrors(first: 200) {
      totalCount
      nodes {
        row
        column
        code
        message
      }
    }
  }
`);

const ImportJobQuery = graphql(`
  query ImportJob($id: ID!) {
    job(id: $id) {
      id
      ...ImportJob_job
    }
  }
`);

export function isFinished(job: { status: string } | null | undefined): boolean {
  return job?.status === "SUCCEEDED" || job?.status === "FAILED";
}

export function useJob(id: string | null): ImportJob_JobFragment | null {
  const { data, stopPolling } = useQuery(ImportJobQuery, {
    variables: { id: id ?? "" },
    skip: !id,
    pollInterval: 500,
    fetchPolicy: "network-only",
    notifyOnNetworkStatusChange: false,
  });
  const job = data?.job ?? null;
  const finished = isFinished(job);
  useEffect(() => {
    if (finished) stopPolling();
  }, [finished, stopPolling]);
  return job;
}

export interface ImportCounts {
  total?: number;
  created?: number;
  updated?: number;
  unchanged?: number;
  errors?: number;
  skipped?: number;
  dryRun?: boolean;
  applied?: boolean;
}

export function JobProgress({ job, label }: { job: ImportJob_JobFragment; label: string }) {
  const percent = job.percent ?? 0;
  return (
    <div className="space-y-2">
      <div className="flex justify-between text-sm">
        <span>{label}</span>
        <span aria-live="polite">{job.status === "QUEUED" ? "Waiting for a worker…" : `${Math.round(percent)}%`}</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent)}
        className="h-3 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800"
      >
        <div className="h-3 bg-indigo-600 transition-all" style={{ width: `${percent}%` }} />
      </div>
      {job.status === "FAILED" && <Alert title="The job did not finish">{job.error}</Alert>}
    </div>
  );
}

export function RowErrors({ job }: { job: ImportJob_JobFragment }) {
  const { totalCount, nodes } = job.rowErrors;
  if (!totalCount) return null;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="w-full text-left text-sm" aria-label="Problems by row">
        <thead className="text-xs text-slate-500 uppercase">
          <tr>
            <th scope="col" className="px-3 py-2">
              Row
            </th>
            <th scope="col" className="px-3 py-2">
              Column
            </th>
            <th scope="col" className="px-3 py-2">
              Problem
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {nodes.map((e, i) => (
            <tr key={`${e.row}-${i}`}>
              <td className="px-3 py-1 tabular-nums">{e.row}</td>
              <td className="px-3 py-1">{e.column || "—"}</td>
              <td className="px-3 py-1">{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {totalCount > nodes.length && (
        <p className="px-3 py-2 text-sm">… and {totalCount - nodes.length} more (download the rows to fix).</p>
      )}
    </div>
  );
}
