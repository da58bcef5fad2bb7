// Lighthouse over sign-in, dashboard and licenses, mobile (cold cache, throttled) and desktop,
// against a fresh Licman seeded like the browser tests (tests/e2e/harness.mjs, seed.mjs) and
// Debian's chromium. Prints performance, accessibility, layout shift and LCP per page; the
// figures are recorded in client/README.md. Not run in CI (performance depends on the load).
//   node scripts/lighthouse.mjs [--only=sign-in,dashboard,licenses] [--forms=mobile,desktop]
//                               [--categories=performance,accessibility] [--json=FILE] [--reports=DIR]
// (needs `npm run build` first; lighthouse is a pinned devDependency, run through npx).
//
// Signing in: Lighthouse's own "extra headers" cannot do it (the client reads the CSRF cookie
// from document.cookie, which a Cookie header leaves empty, so the pages measured the sign-in
// redirect). Instead, one chromium runs with a DevTools port: playwright-core signs in through
// the real form in its default context, and `lighthouse --port` opens its tabs in that same
// browser, so they carry the session cookies. Lighthouse clears the HTTP cache before each run
// (a cold load) but keeps cookies. Each report's final URL is checked, so a page that fell back
// to sign-in fails the script instead of being measured.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

import { CHROMIUM, Licman, clientDir } from "../../tests/e2e/harness.mjs";
import { seed } from "../../tests/e2e/seed.mjs";

const run = promisify(execFile);
const { chromium } = createRequire(join(clientDir, "package.json"))("playwright-core");
const LIGHTHOUSE = process.env.LICMAN_LIGHTHOUSE ?? "lighthouse"; // client/node_modules/.bin
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const jsonOut = arg("json"); // the figures as JSON
const reportsDir = arg("reports"); // keep Lighthouse's full reports here
const only = arg("only")?.split(","); // some pages only, e.g. --only=licenses
const forms = arg("forms")?.split(",") ?? ["mobile", "desktop"];
const categories = arg("categories") ?? "performance,accessibility";

const PAGES = [
  ["sign-in", "/sign-in", false],
  ["dashboard", "/", true],
  ["licenses", "/licenses", true],
];

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/** One chromium with a DevTools port; signed in (or not) in its default context. */
async function browserFor(url, credentials) {
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), "licman-lighthouse-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [`--remote-debugging-port=${port}`, "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  if (credentials) {
    const page = await context.newPage();
    await page.goto(`${url}/sign-in`);
    await page.getByLabel("E-mail").fill(credentials.email);
    await page.getByLabel("Password").fill(credentials.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: /Account menu/ }).waitFor();
    await page.goto("about:blank");
  }
  return {
    port,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const licman = await Licman.start({ users: [{ email: "m@x.io", password: "member-password-123" }] });
const out = reportsDir ?? mkdtempSync(join(tmpdir(), "licman-lighthouse-"));
const rows = [];
const load = loadavg().map((n) => n.toFixed(2));
try {
  await seed(licman, "m@x.io");
  const admin = { email: licman.email, password: licman.password };
  for (const [name, path, signedIn] of PAGES) {
    if (only && !only.includes(name)) continue;
    for (const form of forms) {
      const browser = await browserFor(licman.url, signedIn ? admin : null);
      try {
        const report = join(out, `${name}-${form}.json`);
        await run(
          "npx",
          [
            "--yes",
            LIGHTHOUSE,
            `${licman.url}${path}`,
            `--port=${browser.port}`,
            `--only-categories=${categories}`,
            "--output=json",
            `--output-path=${report}`,
            "--quiet",
            ...(form === "desktop" ? ["--preset=desktop"] : []),
          ],
          { maxBuffer: 64 * 1024 * 1024 },
        );
        const r = JSON.parse(readFileSync(report, "utf8"));
        const finalPath = new URL(r.finalDisplayedUrl).pathname;
        if (finalPath !== path) throw new Error(`${name} (${form}) ended on ${r.finalDisplayedUrl}, not ${path}`);
        const failed = (category) =>
          r.categories[category].auditRefs
            .map((ref) => r.audits[ref.id])
            .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== "informative")
            .map((a) => a.id);
        const score = (category) => (r.categories[category] ? Math.round(r.categories[category].score * 100) : null);
        const ms = (audit) => (r.audits[audit] ? Math.round(r.audits[audit].numericValue) : null);
        rows.push({
          page: name,
          form,
          performance: score("performance"),
          accessibility: score("accessibility"),
          cls: r.audits["cumulative-layout-shift"]
            ? Number(r.audits["cumulative-layout-shift"].numericValue.toFixed(3))
            : null,
          fcp_ms: ms("first-contentful-paint"),
          lcp_ms: ms("largest-contentful-paint"),
          tbt_ms: ms("total-blocking-time"),
          flagged: Object.keys(r.categories).flatMap(failed).join(" "),
        });
      } finally {
        await browser.close();
      }
    }
  }
  console.log(
    `load average before: ${load.join(" ")}; after: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(" ")}`,
  );
  console.table(rows);
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ date: new Date().toISOString(), load, rows }, null, 2));
} finally {
  await licman.stop();
  if (!reportsDir) rmSync(out, { recursive: true, force: true });
}
