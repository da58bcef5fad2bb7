// Browser tests for three items of issue 12: spend in one currency (default_currency, with
// currency_rates; what has no rate shown apart), bulk selection that survives paging with
// "select all N matching", and deleting vendors, products, tags and teams with a confirmation.
// A real server (harness.mjs) with these settings, seeded through GraphQL; Debian's Chromium.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { Licman, launchBrowser, signedIn, tearDown } from "./harness.mjs";
import { seed } from "./seed.mjs";

const MEMBER = { email: "m@x.io", password: "member-password-123" };
const PHONE = { width: 390, height: 844 };
const TIMEOUT = 10_000;
const BULK = 30; // more than a page (25)

let licman;
let browser;
let ids;

function page(viewport) {
  return signedIn(browser, licman, licman, { viewport, timeout: TIMEOUT });
}

async function noOverflow(p, what) {
  const width = await p.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(
    width <= PHONE.width,
    `${what} is ${width} px wide at ${PHONE.width} px`,
  );
}

const CREATE = `mutation($i: LicenseCreateInput!) { licenseCreate(input: $i) { license { id } errors { field message } } }`;

describe("Money, bulk selection and deletes", { timeout: 240_000 }, () => {
  before(async () => {
    licman = await Licman.start({
      users: [MEMBER],
      settings: { default_currency: "USD", currency_rates: "GBP=1.25" },
    });
    ids = await seed(licman, MEMBER.email);
    const year = new Date().getFullYear();
    // GBP 100 = USD 125: nominally the cheapest cost, converted the cheapest too.
    await licman.must(CREATE, {
      i: {
        productId: ids.products["IntelliJ IDEA"],
        name: "UK seats",
        cost: "100",
        currency: "GBP",
        billingPeriod: "YEARLY",
        startsOn: `${year}-01-01`,
        expiresOn: `${year + 1}-06-30`,
      },
    });
    for (let n = 1; n <= BULK; n += 1) {
      await licman.must(CREATE, {
        i: {
          productId: ids.products.Acrobat,
          name: `Bulk ${String(n).padStart(2, "0")}`,
        },
      });
    }
    browser = await launchBrowser();
  });

  after(() => tearDown(browser, licman));

  test("spend is in the default currency, converted where a rate exists, the rest apart", async () => {
    const p = await page();
    await p.goto(`${licman.url}/`);
    const total = p.getByTestId("spend-total");
    // USD 500 + GBP 100 × 1.25; the seed's EUR 600 + EUR 200 have no rate
    await total.getByText("$625.00").waitFor();
    assert.match(await total.innerText(), /plus EUR 800\.00 not converted/);
    await p.setViewportSize(PHONE);
    await noOverflow(p, "the dashboard");
    await p.context().close();
  });

  test("sorting by cost compares converted amounts, never currencies nominally", async () => {
    const p = await page();
    await p.goto(`${licman.url}/licenses?sort=cost`);
    const rows = p.getByTestId("licenses-table").locator("tbody tr");
    await rows.first().waitFor();
    const names = await rows.evaluateAll((trs) =>
      trs.slice(0, 3).map((tr) => tr.innerText),
    );
    // GBP 100 (USD 125), then USD 500; EUR 200 (no rate) is not compared with them
    assert.match(names[0], /UK seats/);
    assert.match(names[1], /IDEA Ultimate/);
    assert.doesNotMatch(names[2], /Acrobat Pro/);
    await p.context().close();
  });

  test("a selection survives paging, and all N matching can be tagged at once", async () => {
    const p = await page();
    await p.goto(`${licman.url}/licenses?q=Bulk`);
    await p.getByLabel("Select Bulk 01").check();
    await p.getByRole("button", { name: "Next →" }).click();
    await p.getByLabel(`Select Bulk ${BULK}`).check();
    const bar = p.getByTestId("selection-bar");
    await bar.getByText("2 licenses selected (on any page).").waitFor();
    await p.getByRole("button", { name: "← Previous" }).click();
    assert.ok(
      await p.getByLabel("Select Bulk 01").isChecked(),
      "page 1's choice is kept",
    );

    await bar
      .getByRole("button", { name: `Select all ${BULK} licenses matching` })
      .click();
    await bar
      .getByText(`All ${BULK} licenses that match are selected.`)
      .waitFor();
    await p.setViewportSize(PHONE);
    await noOverflow(p, "the list with a selection");
    await p.setViewportSize({ width: 1280, height: 860 });
    await p.getByRole("button", { name: `Tag ${BULK} selected` }).click();
    const dialog = p.getByRole("dialog");
    await dialog.getByRole("checkbox", { name: "finance" }).check();
    await dialog.getByRole("button", { name: "Add tags" }).click();
    await p.getByText(`Tagged ${BULK} licenses.`).waitFor();

    const found = await licman.must(
      `query($f: LicenseFilter) { licenses(first: 1, search: "Bulk", filter: $f) { totalCount } }`,
      {
        f: { tagIdsAny: [ids.tags.finance] },
      },
    );
    assert.equal(found.licenses.totalCount, BULK);
    await p.context().close();
  });

  test("vendors, products, tags and teams are deleted after a confirmation; refusals say why", async () => {
    const spare = await licman.must(
      `mutation { vendorCreate(input: {name: "Spare Co"}) { vendor { id } errors { message } } }`,
    );
    await licman.must(
      `mutation($v: ID!) { productCreate(input: {vendorId: $v, name: "Spare tool"}) { product { id } errors { message } } }`,
      {
        v: spare.vendorCreate.vendor.id,
      },
    );
    await licman.must(
      `mutation { productCreate(input: {vendorId: "${ids.vendors.JetBrains}", name: "Unused IDE"}) { product { id } errors { message } } }`,
    );
    await licman.must(
      `mutation { tagCreate(input: {name: "obsolete", color: "#64748b"}) { tag { id } errors { message } } }`,
    );
    await licman.must(
      `mutation { teamCreate(input: {name: "Old team"}) { team { id } errors { message } } }`,
    );

    const p = await page(PHONE);
    await p.goto(`${licman.url}/vendors`);
    // Adobe still has licenses: the dialog says so, and the server's refusal is shown in it
    await p.getByRole("button", { name: "Delete Adobe" }).click();
    const dialog = p.getByRole("dialog");
    await dialog
      .getByText(/Adobe still has 2 products and \d+ licenses/)
      .waitFor();
    await noOverflow(p, "the delete dialog");
    await dialog.getByRole("button", { name: "Delete vendor" }).click();
    await dialog
      .getByText(
        /Vendor Adobe still has 2 products and \d+ licenses \(archived ones count\); archive it/,
      )
      .waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();

    await p.getByRole("button", { name: "Delete Unused IDE" }).click();
    await p
      .getByRole("dialog")
      .getByRole("button", { name: "Delete product" })
      .click();
    await p
      .getByRole("button", { name: "Delete Unused IDE" })
      .waitFor({ state: "detached" });

    await p.getByRole("button", { name: "Delete Spare Co" }).click();
    await p
      .getByRole("dialog")
      .getByText("Its 1 product (without licenses) will be deleted with it.")
      .waitFor();
    await p
      .getByRole("dialog")
      .getByRole("button", { name: "Delete vendor" })
      .click();
    await p
      .getByRole("button", { name: "Delete Spare Co" })
      .waitFor({ state: "detached" });

    await p.goto(`${licman.url}/tags`);
    await p.getByRole("button", { name: "Delete obsolete" }).click();
    await p
      .getByRole("dialog")
      .getByRole("button", { name: "Delete tag" })
      .click();
    await p
      .getByRole("button", { name: "Delete obsolete" })
      .waitFor({ state: "detached" });
    await noOverflow(p, "the tags");

    await p.goto(`${licman.url}/admin/teams`);
    await p.getByRole("button", { name: "Delete Old team" }).click();
    await p
      .getByRole("dialog")
      .getByRole("button", { name: "Delete team" })
      .click();
    await p
      .getByRole("button", { name: "Delete Old team" })
      .waitFor({ state: "detached" });

    const left = await licman.must(
      `{ vendors { name products { name } } tags { name } teams { name } }`,
    );
    assert.deepEqual(left.vendors.map((v) => v.name).sort(), [
      "Adobe",
      "Atlassian",
      "JetBrains",
    ]);
    assert.ok(
      !left.vendors.some((v) =>
        v.products.some((x) => x.name === "Unused IDE"),
      ),
    );
    assert.ok(!left.tags.some((t) => t.name === "obsolete"));
    assert.deepEqual(left.teams, []);
    const events = await licman.must(
      `{ auditEvents(first: 20) { edges { node { action } } } }`,
    );
    const actions = events.auditEvents.edges.map((e) => e.node.action);
    for (const a of [
      "vendor.delete",
      "product.delete",
      "tag.delete",
      "team.delete",
    ])
      assert.ok(actions.includes(a), a);
    await p.context().close();
  });
});
