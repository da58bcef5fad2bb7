// Browser tests for the smaller items of issue 12: user agents in words, one plural, titles,
// disabled buttons and focus rings that show, no pager for short lists, the Vendors page per
// role, the explorer for token holders, and a CONFLICT that names the object's kind. Same
// world as licman.test.mjs (see harness.mjs): a real server, seeded through GraphQL, Debian's
// Chromium.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { Licman, launchBrowser, signedIn as signedInAt, tearDown } from "./harness.mjs";
import { seed } from "./seed.mjs";

const MEMBER = { email: "m@x.io", password: "member-password-123" };
const TIMEOUT = 10_000;

/** Every screen, with the start of its window title; `:id` is a license the admin can see. */
const TITLES = {
  "/": "Dashboard",
  "/mine": "My licenses",
  "/licenses": "Licenses",
  "/licenses/new": "New license",
  "/licenses/:id": "Design team",
  "/licenses/:id/edit": "Edit Design team",
  "/account": "My account",
  "/vendors": "Vendors and products",
  "/tags": "Tags",
  "/import": "Import licenses",
  "/admin/users": "Users",
  "/admin/teams": "Teams",
  "/admin/oauth-clients": "OAuth clients",
  "/audit": "Audit log",
  "/audit/requests": "API requests",
  "/explorer": "GraphQL explorer",
  "/no-such-screen": "Page not found",
};

let licman;
let browser;
let ids;

function signedIn(user) {
  return signedInAt(browser, licman, user, { timeout: TIMEOUT });
}

const ADMIN = () => ({ email: licman.email, password: licman.password });

describe("Licman's smaller things", { timeout: 180_000 }, () => {
  before(async () => {
    licman = await Licman.start({ users: [MEMBER] });
    ids = await seed(licman, MEMBER.email);
    browser = await launchBrowser();
  });

  after(() => tearDown(browser, licman));

  test("sessions name the browser and system in words, not the raw User-Agent", async () => {
    const page = await signedIn(MEMBER);
    await page.goto(`${licman.url}/account`);
    const browserCell = page.getByTestId("session-browser").first();
    await browserCell.waitFor();
    const text = await browserCell.innerText();
    assert.match(text, /^Chrome on Linux\b/);
    assert.doesNotMatch(text, /Mozilla|AppleWebKit/);
    // The raw header stays at hand, as the cell's tooltip.
    assert.match(await browserCell.getAttribute("title"), /Mozilla\/5\.0/);
    await page.context().close();
  });

  test("every screen's window title names it", async () => {
    const page = await signedIn(ADMIN());
    const wrong = [];
    for (const [screen, title] of Object.entries(TITLES)) {
      await page.goto(`${licman.url}${screen.replace(":id", ids.licenses.design)}`);
      await page.locator("main").waitFor();
      try {
        await page.waitForFunction((t) => document.title === `${t} · Licman`, title, { timeout: 5_000 });
      } catch {
        wrong.push(`${screen}: "${await page.title()}"`);
      }
    }
    assert.deepEqual(wrong, []);
    await page.context().close();
  });

  test("disabled buttons look disabled, inputs show a focus ring, and one license is '1 license'", async () => {
    const page = await signedIn(ADMIN());
    await page.goto(`${licman.url}/licenses`);
    // A visible focus ring on an input: a solid 2 px outline, none before.
    const search = page.getByRole("searchbox", { name: "Search licenses" });
    await search.waitFor();
    const outline = () => search.evaluate((el) => getComputedStyle(el).outlineStyle + " " + getComputedStyle(el).outlineWidth);
    assert.match(await outline(), /^none/);
    await search.focus();
    assert.equal(await outline(), "solid 2px");

    await page.getByLabel("Select Acrobat Pro").check();
    await page.getByRole("button", { name: "Tag 1 selected" }).click();
    const dialog = page.getByRole("dialog", { name: "Tag 1 license" });
    await dialog.waitFor();
    const remove = dialog.getByRole("button", { name: "Remove tags" });
    const add = dialog.getByRole("button", { name: "Add tags" });
    const opacity = (button) => button.evaluate((el) => Number(getComputedStyle(el).opacity));
    const cursor = (button) => button.evaluate((el) => getComputedStyle(el).cursor);
    // Nothing chosen: both (a secondary and a primary button) are disabled, and look it.
    assert.equal(await remove.isDisabled(), true);
    assert.ok((await opacity(remove)) <= 0.6, "a disabled secondary button is faded");
    assert.ok((await opacity(add)) <= 0.6, "a disabled primary button is faded");
    assert.equal(await cursor(remove), "not-allowed");
    await dialog.getByLabel("design").check();
    assert.equal(await opacity(remove), 1);
    assert.equal(await opacity(add), 1);
    await add.click();
    await page.getByText("Tagged 1 license.").waitFor();
    await page.context().close();
  });

  test("short lists have no pager", async () => {
    const page = await signedIn(ADMIN());
    await page.goto(`${licman.url}/licenses`);
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=licenses-table] tbody tr").length === 4);
    assert.equal(await page.getByRole("navigation", { name: "Pages" }).count(), 0);
    assert.equal(await page.getByRole("button", { name: "Next →" }).count(), 0);
    // Three tags were made: one page of the audit log.
    await page.goto(`${licman.url}/audit?action=tag.create`);
    await page.getByTestId("audit-event").first().waitFor();
    assert.equal(await page.getByTestId("audit-event").count(), 3);
    assert.equal(await page.getByRole("navigation", { name: "Pages" }).count(), 0);
    assert.equal(await page.getByRole("button", { name: "Older" }).count(), 0);
    await page.context().close();
  });

  test("the Vendors page: edit and archive once per row for a manager, none of it for a member", async () => {
    const admin = await signedIn(ADMIN());
    await admin.goto(`${licman.url}/vendors`);
    const adobe = admin.locator("[data-vendor='Adobe']");
    await adobe.waitFor();
    for (const name of ["Adobe", "Photoshop", "Acrobat", "JetBrains", "IntelliJ IDEA"]) {
      assert.equal(await admin.getByRole("button", { name: `Edit ${name}`, exact: true }).count(), 1, `Edit ${name}`);
      assert.equal(await admin.getByRole("button", { name: `Archive ${name}`, exact: true }).count(), 1, `Archive ${name}`);
    }
    await admin.getByLabel("Show archived").waitFor();
    await admin.context().close();

    const member = await signedIn(MEMBER);
    await member.goto(`${licman.url}/vendors`);
    await member.locator("[data-vendor='Adobe']").waitFor();
    await member.getByRole("searchbox", { name: "Search vendors and products" }).waitFor();
    const controls = member.getByRole("main").getByRole("button", { name: /^(Edit|Archive|Restore|New vendor|Add product|Show grants)/ });
    assert.equal(await controls.count(), 0, "a member is offered nothing they may not do");
    assert.equal(await member.getByLabel("Show archived").count(), 0);
    await member.context().close();
  });

  test("the explorer is offered to a member once they hold an API token", async () => {
    const page = await signedIn(MEMBER);
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Licenses", exact: true }).waitFor();
    assert.equal(await nav.getByRole("link", { name: "GraphQL explorer" }).count(), 0);
    await page.goto(`${licman.url}/account`);
    await page.getByRole("button", { name: "New token" }).click();
    await page.getByLabel("Name").fill("member script");
    await page.getByRole("button", { name: "Create token" }).click();
    await page.getByTestId("new-token").waitFor();
    await page.getByRole("button", { name: "Done" }).click();
    await page.reload();
    await nav.getByRole("link", { name: "GraphQL explorer" }).waitFor();
    // Revoking it asks first, through the one confirm dialog.
    const row = page.getByTestId("token-row").filter({ hasText: "member script" });
    await row.getByRole("button", { name: "Revoke member script" }).click();
    await page.getByRole("dialog", { name: "Revoke API token" }).getByRole("button", { name: "Revoke token" }).click();
    await row.waitFor({ state: "detached" });
    await page.context().close();
  });

  test("a cancelled license's page says cancelled, in grey, never 'Expired'", async () => {
    // Cancelled a while ago, its last term ended last week.
    const lastWeek = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    const { licenseCreate } = await licman.must(
      `mutation($i: LicenseCreateInput!) { licenseCreate(input: $i) { license { id } errors { message } } }`,
      { i: { productId: ids.products.Acrobat, name: "Old Acrobat", status: "CANCELLED", expiresOn: lastWeek } },
    );
    const page = await signedIn(ADMIN());
    await page.goto(`${licman.url}/licenses/${licenseCreate.license.id}`);
    const note = page.getByTestId("expiry-note");
    await note.waitFor();
    assert.equal(await note.innerText(), "Cancelled: will not renew");
    assert.equal(await note.getAttribute("data-expiry"), "cancelled");
    assert.doesNotMatch(await note.getAttribute("class"), /text-red-/);
    assert.doesNotMatch(await page.getByRole("main").innerText(), /Expired \d+ days? ago/);
    // An expired one still says so, in red.
    await page.goto(`${licman.url}/licenses/${ids.licenses["old-idea"]}`);
    await page.getByTestId("expiry-note").getByText("Expired 10 days ago").waitFor();
    assert.match(await page.getByTestId("expiry-note").getAttribute("class"), /text-red-/);
    await page.context().close();
  });

  test("saving a vendor someone else changed says the vendor changed, and saves nothing", async () => {
    const page = await signedIn(ADMIN());
    await page.goto(`${licman.url}/vendors`);
    await page.getByRole("button", { name: "Edit Atlassian", exact: true }).click();
    await page.getByLabel("Notes").fill("edited in the browser");
    // Someone else saves first.
    const { vendors } = await licman.must(`{ vendors { id name version } }`);
    const atlassian = vendors.find((v) => v.name === "Atlassian");
    await licman.must(
      `mutation($i: VendorUpdateInput!) { vendorUpdate(input: $i) { vendor { id } errors { message } } }`,
      { i: { id: atlassian.id, version: atlassian.version, notes: "saved first elsewhere" } },
    );
    await page.getByRole("button", { name: "Save vendor" }).click();
    await page.getByText("Someone else changed this vendor after you opened it").waitFor();
    const { vendors: after } = await licman.must(`{ vendors { name notes } }`);
    assert.equal(after.find((v) => v.name === "Atlassian").notes, "saved first elsewhere");
    await page.context().close();
  });
});
