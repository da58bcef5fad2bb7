#!/usr/bin/env node
// Fails when client/schema.graphql differs from the schema the server builds now.
// LICMAN_PYTHON picks the interpreter (default: ../.venv/bin/python, the checkout's venv).
// `npm run check-schema -- --write` updates the file instead (then run `npm run codegen`).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const clientDir = resolve(here, "..");
const python = process.env.LICMAN_PYTHON ?? resolve(clientDir, "../.venv/bin/python");
const schemaFile = resolve(clientDir, "schema.graphql");

let current;
try {
  current = execFileSync(
    python,
    ["-c", "from licman.schema.root import build_schema; print(build_schema().as_str())"],
    { cwd: resolve(clientDir, ".."), encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
} catch (error) {
  console.error(
    `check-schema: could not run ${python} (set LICMAN_PYTHON): ${error instanceof Error ? error.message : error}`,
  );
  process.exit(2);
}

if (process.argv.includes("--write")) {
  writeFileSync(schemaFile, current);
  console.log("check-schema: wrote schema.graphql; now run `npm run codegen`.");
  process.exit(0);
}

const committed = readFileSync(schemaFile, "utf8");
if (committed === current) {
  console.log("check-schema: client/schema.graphql matches the server's schema.");
  process.exit(0);
}

const a = committed.split("\n");
const b = current.split("\n");
let line = 0;
while (line < a.length && line < b.length && a[line] === b[line]) line++;
console.error("check-schema: client/schema.graphql differs from the server's schema.");
console.error(`  first difference at line ${line + 1}:`);
console.error(`  committed: ${a[line] ?? "<end of file>"}`);
console.error(`  server:    ${b[line] ?? "<end of file>"}`);
console.error("  Update it with `npm run check-schema -- --write && npm run codegen`, then commit both.");
process.exit(1);
