// The licenses table's Export in a real browser against a real server (no Redis: the server
// runs the job itself): filtered by the URL as the table is, exported with a progress bar,
// downloaded through the link it shows, and the file's rows checked against the filter. A
// member, who may not reveal every license, is never offered the secrets.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import { Licman, ensureScreenshotsDir, launchBrowser, signedIn, tearDown } from "./harness.mjs";
import { LICENSES, seed } from "./seed.mjs";

const MEMBER = { email: "member@example.com", password: "a-long-enough-password", role: "member" };
const TIMEOUT = 20_000;

let licman;
let browser;
let ids;

/** A minimal CSV reader (quotes, doubled quotes, CRLF), for the file the server wrote. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

async function signIn(user, path) {
  const page = await signedIn(browser, licman, user, { path, viewport: { width: 1400, height: 1000 }, timeout: TIMEOUT });
  await page.getByRole("button", { name: "Export" }).waitFor();
  return page;
}

describe("Exporting the licenses table in the web client", { timeout: 180_000 }, () => {
  before(async () => {
    licman = await Licman.start({ users: [MEMBER] });
    ids = await seed(licman, MEMBER.email);
    browser = await launchBrowser();
  });

  after(() => tearDown(browser, licman));

  test("exports the filtered rows with their secrets, and the file holds exactly those rows", async () => {
    const adobe = encodeURIComponent(ids.vendors.Adobe);
    const page = await signIn(licman, `/licenses?status=active&vendor=${adobe}&sort=product`);
    await page.getByRole("button", { name: "Export" }).click();
    const dialog = page.getByRole("dialog", { name: "Export" });
    await dialog.getByText("2 licenses match").waitFor();
    await dialog.getByLabel("CSV").check();
    await dialog.getByLabel(/Include secrets/).check(); // the admin may reveal both
    await dialog.getByRole("button", { name: "Export" }).click();
    await dialog.getByRole("progressbar", { name: "Exporting" }).waitFor();
    const link = dialog.getByRole("link", { name: /Download licenses-.*\.csv/ });
    await link.waitFor();
    await page.screenshot({ path: join(ensureScreenshotsDir(), "export.png"), fullPage: true });

    const response = await page.request.get(new URL(await link.getAttribute("href"), licman.url).toString());
    assert.equal(response.status(), 200);
    const rows = parseCsv((await response.text()).replace(/^\uFEFF/, ""));
    const expected = LICENSES.filter((l) => l.status === "ACTIVE" && ["Photoshop", "Acrobat"].includes(l.product));
    // Sorted by product as the table was: Acrobat, then Photoshop.
    assert.deepEqual(rows.map((r) => r.name), ["Acrobat Pro", "Design team"]);
    assert.deepEqual(rows.map((r) => r.name).sort(), expected.map((l) => l.name).sort());
    assert.deepEqual(rows.map((r) => r.vendor), ["Adobe", "Adobe"]);
    assert.equal(rows[1].secret, "PS-SEED-SECRET-0001");
    assert.equal(rows[1].cost, "600.00");

    // Each secret written was audited as a reveal, by the admin who exported.
    const audit = await licman.must(`{ auditEvents(first: 50, filter: { action: "license.reveal" }) { edges { node { objectId } } } }`);
    assert.equal(audit.auditEvents.edges.length, 1); // Acrobat Pro has no secret
  });

  test("a member exports only what they see, without costs or the secret option", async () => {
    const page = await signIn(MEMBER, "/licenses");
    await page.getByRole("button", { name: "Export" }).click();
    const dialog = page.getByRole("dialog", { name: "Export" });
    await dialog.getByText("1 license matches").waitFor();
    assert.equal(await dialog.getByLabel(/Include secrets/).count(), 0);
    await dialog.getByRole("button", { name: "Export" }).click();
    const link = dialog.getByRole("link", { name: /Download licenses-.*\.csv/ });
    await link.waitFor();
    const response = await page.request.get(new URL(await link.getAttribute("href"), licman.url).toString());
    const rows = parseCsv((await response.text()).replace(/^\uFEFF/, ""));
    assert.deepEqual(rows.map((r) => r.name), ["Design team"]);
    assert.equal(rows[0].cost, "");
    assert.equal("secret" in rows[0], false);
  });
});
