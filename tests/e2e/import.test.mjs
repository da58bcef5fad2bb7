// The import screen in a real browser against a real server (no Redis: the server runs the
// job itself): a Snipe-IT file dropped on the page, its columns mapped with a preview, a
// check with a progress bar and problems by row, then applied with bad rows skipped.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import { Licman, ensureScreenshotsDir, launchBrowser, repo, signedIn, tearDown } from "./harness.mjs";

const FIXTURE = join(repo, "tests", "fixtures", "imports", "snipeit_licenses.csv");
const PEOPLE = ["ana@example.com", "ben@example.com", "chloe@example.com"].map((email) => ({
  email,
  password: "a-long-enough-password",
}));
const TIMEOUT = 20_000;

let licman;
let browser;
let page;

/** Drops a file on the drop zone as a browser does when a file is dragged from the desktop. */
async function dropFile(target, path, type) {
  const bytes = [...readFileSync(path)];
  const name = path.split("/").pop();
  const transfer = await target.page().evaluateHandle(
    ({ bytes, name, type }) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], name, { type }));
      return data;
    },
    { bytes, name, type },
  );
  await target.dispatchEvent("dragover", { dataTransfer: transfer });
  await target.dispatchEvent("drop", { dataTransfer: transfer });
}

describe("Importing licenses in the web client", { timeout: 180_000 }, () => {
  before(async () => {
    licman = await Licman.start({ users: PEOPLE });
    browser = await launchBrowser();
    page = await signedIn(browser, licman, licman, { path: "/import", viewport: { width: 1400, height: 1000 }, timeout: TIMEOUT });
    await page.waitForURL(/\/import$/);
  });

  after(() => tearDown(browser, licman));

  test("a dropped Snipe-IT file shows its columns, the suggested fields and its first rows", async () => {
    await dropFile(page.getByTestId("drop-zone"), FIXTURE, "text/csv");
    await page.getByText("snipeit_licenses.csv").waitFor();
    assert.equal(await page.getByLabel("Field for Item name").inputValue(), "product");
    assert.equal(await page.getByLabel("Field for manufacturer").inputValue(), "vendor");
    assert.equal(await page.getByLabel("Field for serial number").inputValue(), "secret");
    assert.equal(await page.getByLabel("Field for Email").inputValue(), "seatHolders");
    const preview = await page.getByRole("table", { name: "Column mapping" }).innerText();
    assert.match(preview, /Ana Álvarez/);
    assert.match(preview, /Chloé Chen/);
  });

  test("checking the file reports every problem by row and column, and changes nothing", async () => {
    await page.getByLabel("Default currency").fill("USD");
    await page.getByRole("button", { name: "Check the file" }).click();
    await page.getByRole("progressbar", { name: "Checking every row" }).waitFor();
    const problems = page.getByRole("table", { name: "Problems by row" });
    await problems.waitFor();
    const text = await problems.innerText();
    assert.match(text, /6\s+purchase date\s+Purchased on: '13\/45\/24' is not a date/);
    assert.match(text, /6\s+Email\s+no active Licman user has the e-mail 'dan@example.com'/);
    assert.match(await page.getByRole("list", { name: "Counts" }).innerText(), /3 would be created\n1 would be updated\n0 unchanged\n1 with problems/);
    assert.equal(await page.getByRole("button", { name: "Apply" }).isDisabled(), true);
    const data = await licman.must("{ licenses(first: 10) { totalCount } }");
    assert.equal(data.licenses.totalCount, 0);
  });

  test("applying with bad rows skipped imports the rest and offers the rows to fix", async () => {
    await page.getByLabel("Skip rows with problems").check();
    await page.getByRole("button", { name: "Apply" }).click();
    await page.getByRole("progressbar", { name: "Importing" }).waitFor();
    await page.getByText("The licenses are in.").waitFor();
    assert.match(await page.getByRole("list", { name: "Counts" }).last().innerText(), /1 skipped/);
    const link = page.getByRole("link", { name: /Download the rows to fix/ });
    await link.waitFor();
    const download = await page.request.get(new URL(await link.getAttribute("href"), licman.url).toString());
    assert.equal(download.status(), 200);
    const body = await download.text();
    assert.match(body, /^Full Name,Email,/);
    assert.match(body, /Dan Doe/);
    await page.screenshot({ path: join(ensureScreenshotsDir(), "import.png"), fullPage: true });
    const data = await licman.must("{ licenses(first: 10) { totalCount nodes { product { name } seatsUsed } } }");
    assert.equal(data.licenses.totalCount, 3);
    const photoshop = data.licenses.nodes.find((n) => n.product.name === "Photoshop CC");
    assert.equal(photoshop.seatsUsed, 2);
  });
});
