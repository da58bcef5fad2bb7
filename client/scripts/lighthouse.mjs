// Lighthouse over sign-in, dashboard and licenses, mobile (cold cache, throttled) and desktop,
// against a fresh Licman seeded like the browser tests (tests/e2e/harness.mjs, seed.mjs) and
// Debian's chromium. Prints performance, accessibility and layout shift per page; the figures
// are recorded in client/README.md. Not run in CI (performance depends on the machine's load).
//   node scripts/lighthouse.mjs            (needs `npm run build` first, and network for npx)
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

import { CHROMIUM, Licman } from "../../tests/e2e/harness.mjs";
import { seed } from "../../tests/e2e/seed.mjs";

const run = promisify(execFile);
const LIGHTHOUSE = process.env.LICMAN_LIGHTHOUSE ?? "lighthouse@13";

const licman = await Licman.start({ users: [{ email: "m@x.io", password: "member-password-123" }] });
try {
  await seed(licman, "m@x.io");
  const login = await fetch(`${licman.url}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: licman.email, password: licman.password }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const out = mkdtempSync(join(tmpdir(), "licman-lighthouse-"));
  const rows = [];
  for (const [page, path, signedIn] of [
    ["sign-in", "/sign-in", false],
    ["dashboard", "/", true],
    ["licenses", "/licenses", true],
  ]) {
    for (const form of ["mobile", "desktop"]) {
      const report = join(out, `${page}-${form}.json`);
      const args = [
        "--yes",
        LIGHTHOUSE,
        `${licman.url}${path}`,
        `--chrome-path=${CHROMIUM}`,
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        "--only-categories=performance,accessibility",
        "--output=json",
        `--output-path=${report}`,
        "--quiet",
        ...(form === "desktop" ? ["--preset=desktop"] : []),
        ...(signedIn ? [`--extra-headers=${JSON.stringify({ Cookie: cookie })}`] : []),
      ];
      await run("npx", args, { maxBuffer: 64 * 1024 * 1024 });
      const r = JSON.parse(readFileSync(report, "utf8"));
      rows.push({
        page,
        form,
        performance: Math.round(r.categories.performance.score * 100),
        accessibility: Math.round(r.categories.accessibility.score * 100),
        cls: r.audits["cumulative-layout-shift"].numericValue.toFixed(3),
        lcp_ms: Math.round(r.audits["largest-contentful-paint"].numericValue),
      });
    }
  }
  console.table(rows);
} finally {
  await licman.stop();
}
