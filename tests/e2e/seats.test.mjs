// Browser tests for "who holds product X" and seat assignment (issue 12), in Debian's Chromium
// against a real server (see harness.mjs): the product filter and seat-holder column, the
// Vendors and Tags counts that link to the filtered list, the Seats view per product and per
// person with its export; assigning through the server-side person search by keyboard, no
// assign form when no seat is free, unassign with a note and Undo, past seats; and no
// horizontal overflow at 390 px.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import { Licman, clientDir, ensureScreenshotsDir, launchBrowser, signedIn as signedInAt, tearDown } from "./harness.mjs";
import { seed } from "./seed.mjs";

const MEMBER = { email: "member@example.com", password: "a-long-enough-password", role: "member" };
const MANAGER = { email: "boss@example.com", password: "manager-password-123", role: "manager" };
const PHONE = { width: 390, height: 844 };
const PEOPLE = 60; // enough that a picker listing everyone would not do
const TIMEOUT = 15_000;
const AXE = createRequire(`${clientDir}/package.json`).resolve("axe-core/axe.min.js");

let licman;
let browser;
let ids;
let people;

async function signedIn(user, path, viewport = { width: 1400, height: 1000 }, colorScheme = "light") {
  // bypassCSP only to inject axe-core (an inline script the CSP rightly refuses).
  const page = await signedInAt(browser, licman, user, { viewport, colorScheme, bypassCSP: true, timeout: TIMEOUT });
  await page.goto(`${licman.url}${path}`);
  return page;
}

async function axeViolations(page, where) {
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(" ")}`);
  });
  return found.map((v) => `${where}: ${v}`);
}

async function noOverflow(page, what) {
  await page.waitForLoadState("networkidle");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `${what} is ${width}px wide at ${PHONE.width}px`);
}

describe("Who holds what, and assigning seats", { timeout: 240_000 }, () => {
  before(async () => {
    licman = await Licman.start({ users: [MEMBER, MANAGER] });
    ids = await seed(licman, MEMBER.email);
    people = {};
    for (let i = 0; i < PEOPLE; i++) {
      const email = `person${String(i).padStart(2, "0")}@example.com`;
      const created = await licman.must(
        `mutation($i: UserCreateInput!) { userCreate(input: $i) { user { id } errors { message } } }`,
        { i: { email, name: `Person ${String(i).padStart(2, "0")}` } },
      );
      people[email] = created.userCreate.user.id;
    }
    for (let i = 0; i < 30; i++) {
      await licman.must(`mutation($i: TagCreateInput!) { tagCreate(input: $i) { tag { id } errors { message } } }`, {
        i: { name: `team-${String(i).padStart(2, "0")}` },
      });
    }
    browser = await launchBrowser();
  });

  after(() => tearDown(browser, licman));

  test("the list filters by product and shows seat holders; Vendors and Tags counts link to it; the Seats view exports", async () => {
    const page = await signedIn(MANAGER, "/licenses");
    const table = page.locator("[data-testid=licenses-table]");
    await table.waitFor();
    await page.getByLabel("Product").selectOption({ label: "Photoshop (Adobe)" });
    await page.waitForURL(/product=/);
    await page.getByRole("link", { name: "Acrobat Pro" }).waitFor({ state: "detached" });
    const rows = table.locator("tbody tr");
    assert.equal(await rows.count(), 1);
    const holders = await rows.first().locator("[data-testid=seat-holders]").innerText();
    assert.match(holders, /member@example\.com/);
    assert.match(holders, /Administrator/);

    // Vendors: the product's count links to the filtered list.
    await page.goto(`${licman.url}/vendors`);
    await page.getByRole("link", { name: "1 license of Photoshop" }).click();
    await page.waitForURL(/\/licenses\?product=/);
    await page.getByRole("link", { name: "Design team" }).waitFor();
    assert.equal(await table.locator("tbody tr").count(), 1);

    // Tags: the count links to the list of licenses with the tag.
    await page.goto(`${licman.url}/tags`);
    await page.getByRole("link", { name: "2 licenses tagged engineering" }).click();
    await page.waitForURL(/\/licenses\?tag=/);
    await page.getByRole("link", { name: "IDEA Ultimate" }).waitFor();
    await page.getByRole("link", { name: "Jira Cloud" }).waitFor();

    // The Seats view of Photoshop: who holds it, since when, until when.
    await page.goto(`${licman.url}/licenses?product=${encodeURIComponent(ids.products.Photoshop)}`);
    await page.getByRole("link", { name: "Seats of this product" }).click();
    await page.getByRole("heading", { name: "Seats of Photoshop" }).waitFor();
    const seatRows = page.locator("[data-testid=seat-row]");
    await seatRows.first().waitFor();
    assert.equal(await seatRows.count(), 2);
    const text = await page.locator("[data-testid=seats-table]").innerText();
    assert.match(text, /member@example\.com/);
    assert.match(text, /Design team/);
    assert.match(text, /license expiry/);

    // Exported as seat holders with the same filter.
    await page.getByRole("button", { name: "Export" }).click();
    const dialog = page.getByRole("dialog", { name: "Export" });
    await dialog.getByText("1 license matches").waitFor();
    assert.equal(await dialog.getByLabel("Licenses", { exact: true }).count(), 0);
    await dialog.getByRole("button", { name: "Export" }).click();
    const link = dialog.getByRole("link", { name: /Download .*\.csv/ });
    await link.waitFor();
    const response = await page.request.get(new URL(await link.getAttribute("href"), licman.url).toString());
    const csv = await response.text();
    assert.match(csv, /holderEmail/);
    assert.match(csv, /member@example\.com/);
    assert.equal(csv.trim().split(/\r?\n/).length, 3); // the header and two seats
    await dialog.getByRole("button", { name: "Close" }).first().click();

    // One person's seats: a click on the person.
    await seatRows.getByRole("link", { name: "member@example.com" }).click();
    await page.getByRole("heading", { name: /Seats held by/ }).waitFor();
    await page.waitForURL(/person=/);
    await page.locator("[data-testid=seat-row]").first().waitFor();
    assert.equal(await page.locator("[data-testid=seat-row]").count(), 1);
    await page.screenshot({ path: join(ensureScreenshotsDir(), "seats-view.png"), fullPage: true });
    await page.context().close();
  });

  test("a member's Seats view shows their seats, and other people's addresses only as the API allows", async () => {
    const page = await signedIn(MEMBER, "/seats");
    await page.getByRole("button", { name: "My seats" }).click();
    await page.getByRole("heading", { name: "Seats held by you" }).waitFor();
    await page.locator("[data-testid=seat-row]").first().waitFor();
    assert.equal(await page.locator("[data-testid=seat-row]").count(), 1);
    await page.goto(`${licman.url}/seats?product=${encodeURIComponent(ids.products.Photoshop)}`);
    await page.locator("[data-testid=seat-row]").nth(1).waitFor();
    const text = await page.locator("[data-testid=seats-table]").innerText();
    assert.match(text, /Administrator/);
    assert.doesNotMatch(text, new RegExp(licman.email.replace(".", "\\.")), "the admin's address is not the member's to see");
    await page.context().close();
  });

  test("seats are assigned through a server-side search by keyboard, not offered when none is free, and an unassign takes a note and can be undone", async () => {
    const page = await signedIn(MANAGER, `/licenses/${ids.licenses.idea}`);
    const summary = page.getByTestId("seat-summary");
    await summary.getByText("1 of 3 seats assigned").waitFor();

    // The picker asks the server: typing narrows hundreds of people to the few who match.
    const picker = page.getByRole("combobox", { name: "Assign to" });
    const searches = [];
    page.on("request", (request) => {
      const body = request.postData();
      if (body?.includes("UserPicker")) searches.push(JSON.parse(body).variables);
    });
    await picker.focus();
    await picker.pressSequentially("person4", { delay: 20 });
    const options = page.getByRole("option");
    await page.getByRole("option", { name: /Person 49/ }).waitFor();
    assert.equal(await options.count(), 10);
    assert.ok(searches.some((v) => v.search === "person4" && v.first === 20), JSON.stringify(searches));
    await picker.press("ArrowDown");
    await picker.press("ArrowDown");
    assert.equal(await picker.getAttribute("aria-expanded"), "true");
    assert.ok(await picker.getAttribute("aria-activedescendant"));
    await picker.press("Enter");
    assert.equal(await picker.inputValue(), "Person 41");
    await page.getByRole("button", { name: "Assign seat" }).click();
    await summary.getByText("2 of 3 seats assigned").waitFor();

    await picker.fill("person07");
    await page.getByRole("option", { name: /Person 07/ }).waitFor();
    await picker.press("Enter"); // the only match
    await page.getByRole("button", { name: "Assign seat" }).click();
    await summary.getByText("3 of 3 seats assigned").waitFor();

    // Full: no form, and words that say why.
    await page.getByTestId("no-free-seat").getByText("All 3 seats are taken").waitFor();
    assert.equal(await page.getByRole("combobox", { name: "Assign to" }).count(), 0);

    // Unassign asks for a note; Undo gives the seat back.
    await page.getByRole("button", { name: "Unassign Person 07" }).click();
    const dialog = page.getByRole("dialog", { name: "Unassign Person 07?" });
    await dialog.getByLabel("Note (why the seat ends)").fill("Left the team");
    await dialog.getByRole("button", { name: "Unassign" }).click();
    const toast = page.getByTestId("undo-toast");
    await toast.getByText("Person 07 no longer holds a seat.").waitFor();
    await summary.getByText("2 of 3 seats assigned").waitFor();
    await page.getByRole("list", { name: "Past seats" }).getByText("Left the team").waitFor();
    await toast.getByRole("button", { name: "Undo" }).click();
    await summary.getByText("3 of 3 seats assigned").waitFor();
    await page.getByRole("list", { name: "Seat holders" }).getByRole("button", { name: "Unassign Person 07" }).waitFor();

    // Unassigned again, and the toast goes by itself; both ended seats are listed.
    await page.getByRole("button", { name: "Unassign Person 07" }).click();
    await page.getByRole("dialog").getByLabel("Note (why the seat ends)").fill("Moved to design");
    await page.getByRole("dialog").getByRole("button", { name: "Unassign" }).click();
    await toast.waitFor();
    await toast.waitFor({ state: "detached", timeout: 12_000 });
    const past = await page.getByRole("list", { name: "Past seats" }).innerText();
    assert.match(past, /Moved to design/);
    assert.match(past, /Left the team/);
    await page.getByRole("combobox", { name: "Assign to" }).waitFor(); // a seat is free again
    await page.screenshot({ path: join(ensureScreenshotsDir(), "seats-license.png"), fullPage: true });

    // The server agrees: Person 07 holds no seat, with both notes kept.
    const { license } = await licman.must(
      `query($id: ID!) { license(id: $id) { seatsUsed assignments { user { email } } pastAssignments { user { email } endNote } } }`,
      { id: ids.licenses.idea },
    );
    assert.equal(license.seatsUsed, 2);
    assert.deepEqual(
      license.pastAssignments.map((p) => p.endNote),
      ["Moved to design", "Left the team"],
    );
    await page.context().close();
  });

  test("the bulk tag picker searches tags on the server", async () => {
    const page = await signedIn(MANAGER, `/licenses?show=all&vendor=${encodeURIComponent(ids.vendors.Atlassian)}`);
    await page.getByRole("link", { name: "Jira Server" }).waitFor();
    await page.getByLabel("Select all licenses on this page").check();
    await page.getByRole("button", { name: "Tag 2 selected" }).click();
    const dialog = page.getByRole("dialog", { name: "Tag 2 licenses" });
    const searches = [];
    page.on("request", (request) => {
      const body = request.postData();
      if (body?.includes("TagSearch")) searches.push(JSON.parse(body).variables);
    });
    await dialog.getByRole("searchbox", { name: "Find tags" }).fill("FIN");
    // The server's answer: only "finance" is left to choose (30 team-* tags were listed).
    await page.waitForFunction(() => document.querySelectorAll("[role=dialog] input[type=checkbox]").length === 1);
    await dialog.getByLabel("finance").waitFor();
    assert.ok(searches.some((v) => v.search === "FIN"), JSON.stringify(searches));
    await dialog.getByLabel("finance").check();
    await dialog.getByRole("searchbox", { name: "Find tags" }).fill("nothing-like-it");
    await dialog.getByText("No tag matches.").waitFor();
    await dialog.getByRole("button", { name: "Add tags" }).click();
    await page.getByText("Tagged 2 licenses.").waitFor();
    const data = await licman.must(`query($f: LicenseFilter) { licenses(first: 1, filter: $f) { totalCount } }`, {
      f: { vendorIds: [ids.vendors.Atlassian], tagIdsAll: [ids.tags.finance], statuses: ["TRIAL", "CANCELLED"] },
    });
    assert.equal(data.licenses.totalCount, 2);
    await page.context().close();
  });

  test("axe finds no violations on the Seats view, the open person picker and the unassign dialog, in both themes", async () => {
    const found = [];
    for (const theme of ["light", "dark"]) {
      const page = await signedIn(MANAGER, `/seats?product=${encodeURIComponent(ids.products.Photoshop)}`, undefined, theme);
      await page.locator("[data-testid=seat-row]").first().waitFor();
      found.push(...(await axeViolations(page, `${theme} /seats`)));
      await page.goto(`${licman.url}/licenses/${ids.licenses.acrobat}`);
      const picker = page.getByRole("combobox", { name: "Assign to" });
      await picker.fill("person1");
      // The search's answer, not the list shown before typing (which holds Person 10 too).
      await page.getByRole("option").first().filter({ hasText: "Person 10" }).waitFor();
      await page.waitForFunction(() => document.querySelectorAll("[role=option]").length === 10);
      await picker.press("ArrowDown");
      found.push(...(await axeViolations(page, `${theme} license, picker open`)));
      await picker.press("Enter");
      await page.getByRole("button", { name: "Assign seat" }).click();
      await page.getByRole("button", { name: "Unassign Person 10" }).click();
      await page.getByRole("dialog", { name: "Unassign Person 10?" }).waitFor();
      found.push(...(await axeViolations(page, `${theme} unassign dialog`)));
      await page.getByRole("dialog").getByRole("button", { name: "Unassign" }).click();
      await page.getByTestId("undo-toast").waitFor();
      found.push(...(await axeViolations(page, `${theme} undo toast, past seats`)));
      await page.context().close();
    }
    assert.deepEqual(found, []);
  });

  test("no horizontal overflow at 390 px: the Seats view becomes stacked cards, the license's seats wrap", async () => {
    const seatsPage = await signedIn(MANAGER, `/seats?product=${encodeURIComponent(ids.products["IntelliJ IDEA"])}`, PHONE);
    const row = seatsPage.locator("[data-testid=seat-row]").first();
    await row.waitFor();
    assert.equal(await row.evaluate((tr) => getComputedStyle(tr).display), "block");
    await noOverflow(seatsPage, "the Seats view");
    await seatsPage.goto(`${licman.url}/seats`);
    await seatsPage.getByRole("combobox", { name: "Or a person" }).waitFor();
    await noOverflow(seatsPage, "the Seats view without a choice");
    await seatsPage.goto(`${licman.url}/licenses/${ids.licenses.idea}`);
    await seatsPage.getByRole("list", { name: "Past seats" }).waitFor();
    await noOverflow(seatsPage, "the license page with past seats");
    await seatsPage.goto(`${licman.url}/licenses?product=${encodeURIComponent(ids.products["IntelliJ IDEA"])}&show=all`);
    await seatsPage.locator("[data-testid=licenses-table] tbody tr").first().waitFor();
    await noOverflow(seatsPage, "the license list with seat holders");
    await seatsPage.context().close();
  });
});
