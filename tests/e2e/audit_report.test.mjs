// A signed audit report from the audit log screen in a real browser against a real server
// (no Redis: the server runs the job): the current filters, a progress bar, a download, and
// `licman audit verify-report` accepting the downloaded file (and refusing it altered).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { after, before, describe, test } from "node:test";

import { Licman, launchBrowser, licmanEnv, repo, signedIn, tearDown } from "./harness.mjs";

const run = promisify(execFile);
const licmanBin = join(process.env.LICMAN_VENV_BIN ?? join(repo, ".venv", "bin"), "licman");
const TIMEOUT = 20_000;

let licman;
let browser;
let page;

async function verifyReport(path) {
  try {
    const { stdout } = await run(licmanBin, ["audit", "verify-report", path], { env: licmanEnv(licman.home), cwd: licman.home });
    return { code: 0, out: stdout };
  } catch (error) {
    return { code: error.code, out: `${error.stdout}${error.stderr}` };
  }
}

describe("Signed audit reports in the web client", { timeout: 180_000 }, () => {
  before(async () => {
    licman = await Licman.start({ users: [{ email: "ana@example.com", password: "a-long-enough-password" }] });
    browser = await launchBrowser();
    page = await signedIn(browser, licman, licman, { path: "/audit?action=user.", viewport: { width: 1400, height: 1000 }, timeout: TIMEOUT });
    await page.waitForURL(/\/audit/);
  });

  after(() => tearDown(browser, licman));

  test("the filtered events come back signed, and the file checks out", async () => {
    await page.getByRole("button", { name: "Signed report (JSON)" }).click();
    const link = page.getByRole("link", { name: /^Download audit-report-\d+\.json\.signed\.json$/ });
    await link.waitFor();
    const href = await link.getAttribute("href");
    const text = await page.evaluate(async (url) => (await fetch(url, { credentials: "same-origin" })).text(), href);
    const report = JSON.parse(text);
    assert.equal(report.signed.kind, "audit_report");
    assert.equal(report.signed.filter.action, "user.");
    const events = JSON.parse(report.content);
    assert.deepEqual([...new Set(events.map((e) => e.action))], ["user.create"]);
    assert.equal(report.signed.events, events.length);

    const path = join(licman.home, "downloaded.json");
    writeFileSync(path, text);
    const good = await verifyReport(path);
    assert.equal(good.code, 0, good.out);
    assert.match(good.out, /valid audit report/);
    report.content = report.content.replace("user.create", "user.delete");
    writeFileSync(path, JSON.stringify(report));
    const bad = await verifyReport(path);
    assert.equal(bad.code, 1, bad.out);
    assert.match(bad.out, /NOT VALID: the content was altered/);
  });
});
