// Expiry reminders under My account in a real browser against a real server: lead times
// checked in the browser and by the server, saved and shown again, opting out, and the
// calendar address created once, fetched without a session, and revoked (then 404).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { Licman, ensureScreenshotsDir, launchBrowser, signedIn, tearDown } from "./harness.mjs";

const MEMBER = { email: "rem@x.io", password: "member-password-123" };
const TIMEOUT = 15_000;

let licman;
let browser;
let page;

function inDays(n) {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() + n);
  return day.toISOString().slice(0, 10);
}

describe("Expiry reminders under My account", { timeout: 180_000 }, () => {
  before(async () => {
    licman = await Licman.start({ users: [MEMBER] });
    const v = await licman.must(`mutation($i: VendorCreateInput!) { vendorCreate(input: $i) { vendor { id } errors { message } } }`, { i: { name: "Acme" } });
    const p = await licman.must(`mutation($i: ProductCreateInput!) { productCreate(input: $i) { product { id } errors { message } } }`, {
      i: { vendorId: v.vendorCreate.vendor.id, name: "Rocket" },
    });
    const { users } = await licman.must(`{ users { id email } }`);
    const member = users.find((u) => u.email === MEMBER.email).id;
    for (const [name, owner] of [["Mine", member], ["Not mine", null]]) {
      await licman.must(`mutation($i: LicenseCreateInput!) { licenseCreate(input: $i) { license { id } errors { field message } } }`, {
        i: { productId: p.productCreate.product.id, name, ownerId: owner, expiresOn: inDays(10), cancelBy: inDays(3) },
      });
    }
    browser = await launchBrowser();
    page = await signedIn(browser, licman, MEMBER, { path: "/account", viewport: { width: 1280, height: 1000 }, timeout: TIMEOUT });
    await page.waitForURL(/\/account$/);
  });

  after(() => tearDown(browser, licman));

  test("lead times are checked, saved and shown again; opting out sticks", async () => {
    const form = page.getByRole("form", { name: "Reminder e-mails" });
    const days = form.getByLabel("Days ahead");
    assert.equal(await days.inputValue(), "90, 30, 7");
    assert.equal(await form.getByLabel(/E-mail me before licenses expire/).isChecked(), true);

    await days.fill("90, thirty");
    await form.getByRole("button", { name: "Save reminders" }).click();
    assert.match(await page.locator('[data-field-error="leadDays"]').innerText(), /whole numbers of days/);

    await days.fill("1000");
    await form.getByRole("button", { name: "Save reminders" }).click();
    await page.getByText("leadDays: 1000 is not 0 to 730 days").waitFor();

    await days.fill("3, 14");
    await form.getByRole("button", { name: "Save reminders" }).click();
    await page.getByText("Reminder settings saved.").waitFor();
    await page.reload();
    assert.equal(await page.getByLabel("Days ahead").inputValue(), "14, 3");

    await page.getByLabel(/E-mail me before licenses expire/).uncheck();
    await page.getByRole("button", { name: "Save reminders" }).click();
    await page.getByText("Reminder settings saved.").waitFor();
    await page.reload();
    assert.equal(await page.getByLabel(/E-mail me before licenses expire/).isChecked(), false);
    assert.equal(await page.getByLabel("Days ahead").isDisabled(), true);
    const { me } = await memberGraphql();
    assert.deepEqual(me.reminders, { enabled: false, leadDays: [14, 3] });
  });

  test("the calendar address is shown once, works without a session, and is revoked", async () => {
    const status = page.getByTestId("calendar-feed-status");
    assert.equal(await status.innerText(), "You have no calendar feed.");
    await page.getByRole("button", { name: "Create calendar address" }).click();
    const shown = page.getByTestId("calendar-url");
    await shown.waitFor();
    const url = (await shown.innerText()).trim();
    assert.match(url, /\/calendar\/lcm_cal_\w+\.ics$/);
    await page.screenshot({ path: `${ensureScreenshotsDir()}/account-reminders.png`, fullPage: true });

    const feed = await fetch(url); // no cookie: the address is the credential
    assert.equal(feed.status, 200);
    assert.match(feed.headers.get("content-type"), /^text\/calendar/);
    const ics = await feed.text();
    assert.match(ics, /BEGIN:VCALENDAR/);
    assert.match(ics, /SUMMARY:Expires: Acme Rocket “Mine”/);
    assert.match(ics, /SUMMARY:Cancel by: Acme Rocket “Mine”/);
    assert.doesNotMatch(ics, /Not mine/); // another's license: not in the member's feed

    await page.reload();
    await page.getByText(/last fetched/).waitFor();
    assert.equal(await page.getByTestId("calendar-url").count(), 0, "the address is shown again");
    await page.getByRole("button", { name: "Revoke calendar address" }).click();
    await page.getByText("You have no calendar feed.").waitFor();
    assert.equal((await fetch(url)).status, 404);
  });
});

/** GraphQL as the member, with the page's own cookie and CSRF token. */
async function memberGraphql() {
  const result = await page.evaluate(async () => {
    const csrf = document.cookie.split("; ").find((c) => c.startsWith("licman_csrf="))?.split("=")[1] ?? "";
    const response = await fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": csrf },
      body: JSON.stringify({ query: "{ me { reminders { enabled leadDays } } }" }),
    });
    return response.json();
  });
  assert.equal(result.errors, undefined);
  return result.data;
}
