// Browser test for issue 12's "History a person can read": a member reads a license's and a
// vendor's History (with its products' events) as sentences (names, money, a secret only as changed, people linked), at
// desktop and phone width; the audit log uses the same wording and filters by person, object
// (a search box) and kind of change. A real server seeded through GraphQL, Debian's Chromium.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { Licman, launchBrowser, signedIn as signedInAt, tearDown } from "./harness.mjs";
import { seed } from "./seed.mjs";

const MEMBER = { email: "elena@x.io", password: "member-password-123" };
const AUDITOR = { email: "aud@x.io", password: "auditor-password-123", role: "auditor" };
const PHONE = { width: 390, height: 844 };
const NEW_SECRET = "PS-ROTATED-SECRET-0002";
const TIMEOUT = 10_000;

let licman;
let browser;
let ids;

function signedIn(user, viewport) {
  return signedInAt(browser, licman, user, { viewport, timeout: TIMEOUT });
}

async function sentences(page) {
  const history = page.getByTestId("object-history");
  await history.getByTestId("history-entry").first().waitFor();
  return history.getByTestId("history-entry").allInnerTexts();
}

async function noOverflow(page, what) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `${what} is ${width} px wide at ${PHONE.width} px`);
}

describe("History a person can read", { timeout: 240_000 }, () => {
  before(async () => {
    licman = await Licman.start({ users: [MEMBER, AUDITOR] });
    ids = await seed(licman, MEMBER.email);
    const rename = `mutation($i: UserUpdateInput!) { userUpdate(input: $i) { user { id } errors { message } } }`;
    await licman.must(rename, { i: { id: ids.users.admin, name: "Ana Martin" } });
    await licman.must(rename, { i: { id: ids.users.member, name: "Elena Patel" } });
    // The admin raises the cost of "Design team" (EUR 600 seeded) and rotates its secret.
    const { license } = await licman.must(`query($id: ID!) { license(id: $id) { version } }`, { id: ids.licenses.design });
    await licman.must(`mutation($i: LicenseUpdateInput!) { licenseUpdate(input: $i) { license { id } errors { message } } }`, {
      i: { id: ids.licenses.design, version: license.version, cost: "1450", secret: NEW_SECRET },
    });
    // Adobe's products: Acrobat renamed, and a product added and deleted (a vendor's History
    // tells its products' events: products have no page of their own).
    const { product } = await licman.must(`query($id: ID!) { product(id: $id) { version } }`, { id: ids.products.Acrobat });
    await licman.must(`mutation($i: ProductUpdateInput!) { productUpdate(input: $i) { errors { message } } }`, {
      i: { id: ids.products.Acrobat, version: product.version, name: "Acrobat Pro DC" },
    });
    const stock = await licman.must(`mutation($i: ProductCreateInput!) { productCreate(input: $i) { product { id } errors { message } } }`, {
      i: { vendorId: ids.vendors.Adobe, name: "Stock" },
    });
    await licman.must(`mutation($i: ProductIdInput!) { productDelete(input: $i) { errors { message } } }`, {
      i: { id: stock.productCreate.product.id },
    });
    browser = await launchBrowser();
  });

  after(() => tearDown(browser, licman));

  test("a member reads a license's History as sentences, without costs or secrets", async () => {
    const page = await signedIn(MEMBER);
    await page.goto(`${licman.url}/licenses/${ids.licenses.design}`);
    const lines = await sentences(page);
    assert.match(lines[0], /^Ana Martin changed the license/);
    assert.match(lines[0], /Secret changed/);
    assert.doesNotMatch(lines[0], /Cost changed/, "a member without the cost permission sees no cost");
    assert.ok(lines.some((l) => l.startsWith("Ana Martin assigned a seat to Elena Patel")), lines.join("\n"));
    assert.ok(lines.some((l) => l.startsWith("Ana Martin created the license")), lines.join("\n"));
    const text = await page.getByTestId("object-history").innerText();
    assert.doesNotMatch(text, /PS-SEED-SECRET|PS-ROTATED-SECRET|1,450|600\.00/);
    assert.doesNotMatch(text, /\[hidden\]|admin@licman/);
    // The people are links: to the licenses they hold seats of.
    const elena = page.getByTestId("object-history").getByRole("link", { name: "Elena Patel" }).first();
    assert.equal(await elena.getAttribute("href"), `/licenses?assignee=${encodeURIComponent(ids.users.member)}`);
    await page.context().close();
  });

  test("a member reads a vendor's History, and neither page overflows a phone", async () => {
    const page = await signedIn(MEMBER, PHONE);
    await page.goto(`${licman.url}/licenses/${ids.licenses.design}`);
    await sentences(page);
    await noOverflow(page, "the license page");
    // The license's vendor leads to the vendor's page.
    await page.getByRole("link", { name: "Adobe", exact: true }).click();
    await page.waitForURL(`${licman.url}/vendors/${ids.vendors.Adobe}`);
    await page.getByRole("heading", { name: "Adobe" }).first().waitFor();
    const lines = await sentences(page);
    assert.deepEqual(lines.map((l) => l.split("\n")[0]), [
      "Ana Martin deleted the product Stock",
      "Ana Martin added the product Stock",
      "Ana Martin renamed the product Acrobat to Acrobat Pro DC",
      "Ana Martin added the product Acrobat",
      "Ana Martin added the product Photoshop",
      "Ana Martin created the vendor",
    ]);
    await noOverflow(page, "the vendor page");
    await page.context().close();
  });

  test("who may read costs sees the change in money", async () => {
    const page = await signedIn(AUDITOR);
    await page.goto(`${licman.url}/licenses/${ids.licenses.design}`);
    const lines = await sentences(page);
    assert.match(lines[0], /Cost changed from €600\.00 to €1,450\.00/);
    assert.doesNotMatch(lines.join("\n"), /PS-ROTATED-SECRET/);
    await page.context().close();
  });

  test("the audit log uses the same words and filters by person, object and kind", async () => {
    const page = await signedIn(AUDITOR);
    await page.goto(`${licman.url}/audit`);
    await page.getByTestId("audit-event").first().waitFor();
    await page.getByLabel("Kind of change").selectOption({ label: "Seat assigned" });
    await page.getByLabel("Person").selectOption({ label: `Ana Martin (${licman.email})` });
    await page.getByLabel("Object").fill("Design");
    await page.getByRole("button", { name: "Design team (Adobe)" }).click();
    await page.getByTestId("audit-object").filter({ hasText: "Design team" }).waitFor();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/action=license.assign/);
    await page.locator('[data-testid=audit-event][data-action="license.assign"]').first().waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll("[data-testid=audit-event]")].every((e) => e.dataset.action === "license.assign"),
    );
    const heads = await page.getByTestId("history-sentence").allInnerTexts();
    assert.deepEqual(heads.sort(), ["Ana Martin assigned a seat to Ana Martin", "Ana Martin assigned a seat to Elena Patel"]);

    // A vendor as the object, any kind of change
    await page.getByRole("button", { name: "Any object" }).click();
    await page.getByLabel("Kind of change").selectOption({ label: "Any" });
    await page.getByLabel("Object").fill("Adob");
    await page.getByRole("button", { name: "Vendor: Adobe" }).click();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/objectType=vendor/);
    await page.locator('[data-testid=audit-event][data-action="vendor.create"]').waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll("[data-testid=audit-event]")].every((e) => e.dataset.action.startsWith("vendor.")),
    );
    assert.deepEqual(await page.getByTestId("history-sentence").allInnerTexts(), ["Ana Martin created the vendor"]);
    await page.getByRole("link", { name: "Open the vendor" }).click();
    await page.waitForURL(/\/vendors\//);
    await page.getByTestId("object-history").waitFor();
    await page.context().close();

    // The filtered audit log at phone width
    const phone = await signedIn(AUDITOR, PHONE);
    const vendorPk = Buffer.from(ids.vendors.Adobe, "base64").toString().split(":")[1];
    await phone.goto(`${licman.url}/audit?objectType=vendor&objectId=${vendorPk}`);
    await phone.getByTestId("audit-object").filter({ hasText: "Adobe" }).waitFor();
    await phone.locator('[data-testid=audit-event][data-action="vendor.create"]').waitFor();
    await noOverflow(phone, "the audit log");
    await phone.context().close();
  });
});
