/** Importing licenses: drop a file, map its columns (with a preview of the first rows), check
 * it (a dry run with a progress bar and every problem by row), then apply. */
import { useQuery } from "@apollo/client/react";
import { useState, type DragEvent } from "react";

import { Alert, Button, Card, PageHeader } from "../../components/ui";
import { graphql } from "../../gql";
import type { ImportFormat, ImportMatch } from "../../gql/graphql";
import { ActionError, problemOf, useAction, type ActionProblem } from "../../lib/action";
import { userErrorMessage } from "../../lib/errors";
import { JobProgress, RowErrors, isFinished, useJob, type ImportCounts } from "./JobProgress";
import { uploadFile, type UploadResult } from "./upload";

const ImportFieldsQuery = graphql(`
  query ImportFields {
    importFields {
      name
      label
      description
    }
  }
`);

const LicensesImportMutation = graphql(`
  mutation LicensesImport($input: LicensesImportInput!) {
    licensesImport(input: $input) {
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

type Upload = NonNullable<UploadResult["upload"]>;

const FORMATS: { value: ImportFormat | ""; label: string }[] = [
  { value: "", label: "Guess from the file" },
  { value: "CSV", label: "CSV" },
  { value: "JSON", label: "JSON" },
  { value: "SNIPEIT", label: "Snipe-IT (import or export file)" },
];

function Counts({ result }: { result: ImportCounts }) {
  const would = result.dryRun ? "would be " : "";
  return (
    <ul className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-5" aria-label="Counts">
      <li>
        <strong>{result.created ?? 0}</strong> {would}created
      </li>
      <li>
        <strong>{result.updated ?? 0}</strong> {would}updated
      </li>
      <li>
        <strong>{result.unchanged ?? 0}</strong> unchanged
      </li>
      <li>
        <strong>{result.errors ?? 0}</strong> with problems
      </li>
      {!result.dryRun && (
        <li>
          <strong>{result.skipped ?? 0}</strong> skipped
        </li>
      )}
    </ul>
  );
}

export default function ImportPage() {
  const [format, setFormat] = useState<ImportFormat | "">("");
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  /** What went wrong with the upload (the start of an import is `start.problem`). */
  const [problem, setProblem] = useState<ActionProblem | null>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [matchBy, setMatchBy] = useState<ImportMatch>("EXTERNAL_ID");
  const [skipBad, setSkipBad] = useState(false);
  const [currency, setCurrency] = useState("");
  const [dayFirst, setDayFirst] = useState(false);
  const [checkId, setCheckId] = useState<string | null>(null);
  const [applyId, setApplyId] = useState<string | null>(null);
  const { data: fields } = useQuery(ImportFieldsQuery);
  const start = useAction(LicensesImportMutation, { kind: "import" });
  const check = useJob(checkId);
  const applied = useJob(applyId);

  const receive = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    setBusy(true);
    setCheckId(null);
    setApplyId(null);
    try {
      const answer = await uploadFile(file, format || null);
      if (answer.errors.length) {
        setProblem(problemOf(answer.errors.map((e) => userErrorMessage(e, "import")).join(" ")));
      } else if (answer.upload?.problem) {
        setProblem(problemOf(answer.upload.problem));
      } else if (answer.upload) {
        setUpload(answer.upload);
        const chosen: Record<string, string> = {};
        for (const m of answer.upload.suggestedMapping) chosen[m.column] ??= m.field; // the first field shown
        setMapping(chosen);
        setMatchBy(answer.upload.suggestedMatch);
      }
    } catch (e) {
      setProblem(problemOf(e));
    } finally {
      setBusy(false);
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    void receive(event.dataTransfer.files[0]);
  };

  const run = async (apply: boolean) => {
    if (!upload) return;
    setProblem(null);
    const pairs = upload.columns.flatMap((column) => {
      const chosen = mapping[column] ?? "";
      // The suggestion may send one column to two fields (Snipe-IT's item name).
      const suggested = upload.suggestedMapping.filter((m) => m.column === column).map((m) => m.field);
      const fieldsFor = suggested.length > 1 && suggested.includes(chosen) ? suggested : [chosen];
      return fieldsFor.map((field) => ({ column, field }));
    });
    const { ok, data } = await start.run({
      input: {
        uploadId: upload.id,
        format: upload.format,
        mapping: pairs,
        matchBy,
        apply,
        skipBadRows: skipBad,
        defaultCurrency: currency.trim() || null,
        dateOrder: dayFirst ? "DAY_FIRST" : "MONTH_FIRST",
      },
    });
    const payload = data?.licensesImport;
    if (!ok || !payload?.job) return; // start.problem says why
    if (apply) setApplyId(payload.job.id);
    else {
      setCheckId(payload.job.id);
      setApplyId(null);
    }
  };

  const checkResult = (check?.result ?? {}) as ImportCounts;
  const applyResult = (applied?.result ?? {}) as ImportCounts;
  const mayApply = check?.status === "SUCCEEDED" && (!checkResult.errors || skipBad) && !applyId;
  const toFix = (applied ?? check)?.files.find((f) => f.role === "rows_to_fix");

  return (
    <>
      <PageHeader
        title="Import licenses"
        subtitle="CSV, JSON, or the files Snipe-IT exports. Nothing changes until you apply."
      />
      <ActionError problem={problem ?? start.problem} className="mb-3" />
      <div className="space-y-4">
        <Card title="1. The file">
          <div className="mb-3 flex flex-wrap items-center gap-3 text-sm">
            <label htmlFor="import-format">Format</label>
            <select
              id="import-format"
              className="rounded border px-2 py-1 dark:bg-slate-900"
              value={format}
              onChange={(e) => setFormat(e.target.value as ImportFormat | "")}
            >
              {FORMATS.map((f) => (
                <option key={f.label} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </div>
          <div
            data-testid="drop-zone"
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            className={`rounded-lg border-2 border-dashed p-8 text-center text-sm ${dragging ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-950" : "border-slate-300 dark:border-slate-700"}`}
          >
            <p className="mb-2">{busy ? "Uploading…" : "Drop a file here, or"}</p>
            <label className="cursor-pointer text-indigo-600 underline dark:text-indigo-400">
              choose a file
              <input
                type="file"
                className="sr-only"
                accept=".csv,.json,.txt,text/csv,application/json"
                aria-label="File to import"
                onChange={(e) => void receive(e.target.files?.[0])}
              />
            </label>
            {upload && (
              <p className="mt-2">
                {upload.name} ({upload.size.toLocaleString()} bytes, {upload.format})
              </p>
            )}
          </div>
        </Card>

        {upload && (
          <Card title="2. Columns">
            <p className="mb-2 text-sm">
              Each column of the file fills a field of the license; the first rows are shown under their column.
            </p>
            <div className="overflow-x-auto">
              <table className="text-left text-sm" aria-label="Column mapping">
                <thead>
                  <tr>
                    {upload.columns.map((column) => (
                      <th key={column} scope="col" className="px-2 py-1 whitespace-nowrap">
                        {column}
                      </th>
                    ))}
                  </tr>
                  <tr>
                    {upload.columns.map((column) => (
                      <td key={column} className="px-2 py-1">
                        <select
                          aria-label={`Field for ${column}`}
                          className="rounded border px-1 py-0.5 dark:bg-slate-900"
                          value={mapping[column] ?? ""}
                          onChange={(e) => setMapping({ ...mapping, [column]: e.target.value })}
                        >
                          <option value="">(ignore)</option>
                          {fields?.importFields.map((f) => (
                            <option key={f.name} value={f.name} title={f.description}>
                              {f.label}
                            </option>
                          ))}
                          {(mapping[column] ?? "").includes(":") && (
                            <option value={mapping[column]}>{mapping[column]}</option>
                          )}
                        </select>
                      </td>
                    ))}
                  </tr>
                </thead>
                <tbody aria-label="Preview">
                  {upload.previewRows.map((row, i) => (
                    <tr key={i} className="border-t border-slate-100 dark:border-slate-800">
                      {row.map((cell, j) => (
                        <td key={j} className="max-w-48 truncate px-2 py-1" title={cell}>
                          {cell}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="mt-3 flex flex-wrap items-center gap-4 text-sm">
              <label className="flex items-center gap-2">
                Match rows on
                <select
                  className="rounded border px-1 py-0.5 dark:bg-slate-900"
                  value={matchBy}
                  onChange={(e) => setMatchBy(e.target.value as ImportMatch)}
                >
                  <option value="EXTERNAL_ID">external id</option>
                  <option value="NATURAL">vendor, product, name and secret</option>
                </select>
              </label>
              <label className="flex items-center gap-2">
                Default currency
                <input
                  className="w-20 rounded border px-1 py-0.5 dark:bg-slate-900"
                  value={currency}
                  onChange={(e) => setCurrency(e.target.value)}
                  placeholder="USD"
                />
              </label>
              <label className="flex items-center gap-2">
                <input type="checkbox" checked={dayFirst} onChange={(e) => setDayFirst(e.target.checked)} /> Dates are
                day first (31/12/25)
              </label>
              <label className="flex items-center gap-2">
                <input type="checkbox" checked={skipBad} onChange={(e) => setSkipBad(e.target.checked)} /> Skip rows
                with problems
              </label>
              <Button variant="primary" onClick={() => void run(false)} disabled={!!checkId && !isFinished(check)}>
                Check the file
              </Button>
            </div>
          </Card>
        )}

        {check && (
          <Card title="3. Check">
            <JobProgress job={check} label="Checking every row" />
            {check.status === "SUCCEEDED" && (
              <div className="mt-3 space-y-3">
                <Counts result={checkResult} />
                <RowErrors job={check} />
                {checkResult.errors ? (
                  <Alert tone="warning">
                    {skipBad
                      ? "Rows with problems will be skipped and come back as a file to fix."
                      : "Fix the rows with problems, or choose to skip them, before applying."}
                  </Alert>
                ) : null}
                <Button variant="primary" onClick={() => void run(true)} disabled={!mayApply}>
                  Apply
                </Button>
              </div>
            )}
          </Card>
        )}

        {applied && (
          <Card title="4. Import">
            <JobProgress job={applied} label="Importing" />
            {isFinished(applied) && (
              <div className="mt-3 space-y-3">
                {applied.status === "SUCCEEDED" && (
                  <Alert tone="success" title="Imported">
                    The licenses are in.
                  </Alert>
                )}
                <Counts result={applyResult} />
                <RowErrors job={applied} />
              </div>
            )}
          </Card>
        )}
        {toFix && (
          <p className="text-sm">
            <a className="text-indigo-600 underline dark:text-indigo-400" href={toFix.url} download>
              Download the rows to fix ({toFix.name})
            </a>
          </p>
        )}
      </div>
    </>
  );
}
