// Lighthouse's accessibility score in CI: 100 on sign-in, dashboard and licenses, signed in
// through the real form (client/scripts/lighthouse.mjs, accessibility only, so it does not
// depend on the machine's load the way performance does; the performance figures are recorded
// in client/README.md). Lighthouse is a pinned devDependency of the client (package-lock.json,
// or $LICMAN_LIGHTHOUSE), run through npx like the script; axe-core in people.test.mjs covers every other screen.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";

import { clientDir } from "./harness.mjs";

const run = promisify(execFile);

test(
  "Lighthouse scores accessibility 100 on sign-in, dashboard and licenses",
  { timeout: 240_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "licman-lighthouse-test-"));
    try {
      const json = join(dir, "figures.json");
      await run(
        "node",
        [
          "scripts/lighthouse.mjs",
          "--categories=accessibility",
          "--forms=mobile",
          `--json=${json}`,
        ],
        {
          cwd: clientDir,
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      const { rows } = JSON.parse(readFileSync(json, "utf8"));
      assert.deepEqual(
        rows.map((r) => r.page),
        ["sign-in", "dashboard", "licenses"],
      );
      for (const r of rows)
        assert.equal(
          r.accessibility,
          100,
          `${r.page} (${r.form}): ${r.flagged}`,
        );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
