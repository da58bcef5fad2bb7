// Browser tests of the web client against a real Licman server (see harness.mjs).
// Run with `npm run e2e` in client/. Steps share one server and run in order.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import { Licman, ensureScreenshotsDir, launchBrowser, newPage as openPage, signIn, tearDown } from "./harness.mjs";
import { LICENSES, expectedDashboard, isoDay, seed } from "./seed.mjs";

const MEMBER = { email: "m@x.io", password: "member-password-123" };
const NEW_SECRET = "E2E-SECRET-7f3a9c";
const TIMEOUT = 10_000;
// The list opens on live licenses (not expired, cancelled or revoked).
const LIVE = LICENSES.filter((l) => ["ACTIVE", "TRIAL", "SUSPENDED"].includes(l.status)).length;

let licman;
let browser;
let ids;
let admin; // the admin's page, signed in once and reused
const shots = ensureScreenshotsDir();

function newPage(viewport) {
  const timezoneId = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return openPage(browser, { viewport, timezoneId, permissions: ["clipboard-read", "clipboard-write"], timeout: TIMEOUT });
}

/** Rows of the licenses table, by their license name cell. */
async function rowNames(page) {
  await page.getByTestId("licenses-table").waitFor();
  return page.locator("[data-testid=licenses-table] tbody tr td[data-col=product] a").allTextContents();
}

async function waitForRowCount(page, n) {
  await page.waitForFunction(
    (count) => document.querySelectorAll("[data-testid=licenses-table] tbody tr").length === count,
    n,
    { timeout: TIMEOUT },
  );
}

/** Waits until the table shows exactly these licenses (in any order); stale rows do not count. */
async function expectRows(page, names) {
  const want = JSON.stringify([...names].sort());
  try {
    await page.waitForFunction(
      (expected) => {
        const cells = document.querySelectorAll("[data-testid=licenses-table] tbody tr td[data-col=product] a");
        return JSON.stringify([...cells].map((c) => c.textContent).sort()) === expected;
      },
      want,
      { timeout: TIMEOUT },
    );
  } catch {
    assert.deepEqual((await rowNames(page)).sort(), [...names].sort());
  }
}

describe("Licman web client", { timeout: 180_000 }, () => {
  before(async () => {
    // The seeded costs are mostly in euros (seed.mjs): the dashboard's spend is in EUR, and the
    // USD license is shown apart (no rate configured; conversion: money_delete.test.mjs).
    licman = await Licman.start({ users: [MEMBER], settings: { default_currency: "EUR" } });
    ids = await seed(licman, MEMBER.email);
    browser = await launchBrowser();
    if (!licman.servesClient) console.log("# note: licman/app.py does not mount the client yet; tests run it through tests/e2e/serve_with_client.py");
  });

  after(() => tearDown(browser, licman));

  test("a visitor is sent to sign in, and comes back to the page they asked for", async () => {
    admin = await newPage();
    await admin.goto(`${licman.url}/licenses?q=acrobat`);
    await admin.waitForURL(/\/sign-in\?next=/);
    await signIn(admin, { email: licman.email, password: "wrong-password" });
    await admin.getByText("Wrong e-mail address or password.").waitFor();
    await signIn(admin, licman);
    await admin.waitForURL(/\/licenses\?q=acrobat$/);
    await expectRows(admin, ["Acrobat Pro"]);
  });

  test("the dashboard's numbers match the seeded data", async () => {
    const expected = expectedDashboard();
    await admin.getByRole("link", { name: "Dashboard" }).first().click();
    await admin.getByTestId("dashboard").waitFor();
    for (const [status, count] of Object.entries(expected.counts)) {
      if (status === "EXPIRED") continue; // one "expired" number: expired-count below
      assert.equal(await admin.getByTestId(`status-count-${status}`).textContent(), String(count), status);
    }
    for (const days of [7, 30, 90]) {
      assert.equal(await admin.getByTestId(`expiring-${days}`).textContent(), String(expected.expiring[days]), `within ${days}`);
    }
    assert.equal(await admin.getByTestId("expired-count").textContent(), String(expected.expired));
    assert.equal(await admin.getByTestId("status-count-EXPIRED").count(), 0);
    assert.equal(await admin.getByTestId("seats-used").textContent(), String(expected.seatsUsed));
    assert.equal(await admin.getByTestId("seats-total").textContent(), String(expected.seatsTotal));
    // Spend in the default currency, EUR (Adobe, 600 + 200); the terms start in January.
    const vendorChart = admin.getByTestId("spend-by-vendor");
    await vendorChart.scrollIntoViewIfNeeded(); // a chart draws once scrolled into view
    await vendorChart.locator("svg .recharts-bar-rectangle").first().waitFor();
    await vendorChart.getByText("Show as table").click();
    assert.match(await vendorChart.locator("table").innerText(), /Adobe\s+€800\.00/);
    const monthChart = admin.getByTestId("spend-by-month");
    await monthChart.getByText("Show as table").click();
    assert.match(await monthChart.locator("table").innerText(), /Jan\s+€800\.00/);
    await vendorChart.getByText("Show as table").click();
    await monthChart.getByText("Show as table").click();
    await admin.screenshot({ path: join(shots, "dashboard.png"), fullPage: true });
  });

  test("an expiry count links to the filtered table", async () => {
    await admin.getByTestId("expiring-30").click();
    await admin.waitForURL(/\/licenses\?expiring=30$/);
    await expectRows(admin, ["Acrobat Pro", "Design team"]);
    assert.equal(await admin.getByLabel("Expiry").inputValue(), "30");
  });

  test("search, filters and sorting work and live in the URL", async () => {
    await admin.goto(`${licman.url}/licenses?show=all`);
    await waitForRowCount(admin, LICENSES.length);
    // Expired and soon-expiring rows stand out, in colour and in words.
    const oldIdea = admin.locator(`tr[data-license-id="${ids.licenses["old-idea"]}"]`);
    assert.equal(await oldIdea.getAttribute("data-expiry"), "expired");
    assert.match(await oldIdea.innerText(), /Expired 10 days ago/);
    const design = admin.locator(`tr[data-license-id="${ids.licenses.design}"]`);
    assert.equal(await design.getAttribute("data-expiry"), "soon");
    assert.match(await design.innerText(), /Expires in 5 days/);
    await admin.screenshot({ path: join(shots, "licenses.png"), fullPage: true });

    await admin.getByRole("searchbox", { name: "Search licenses" }).fill("idea");
    await admin.waitForURL(/q=idea/);
    await expectRows(admin, ["IDEA Ultimate", "Old IDEA"]);
    await admin.getByLabel("Status").selectOption("EXPIRED");
    await admin.waitForURL(/status=EXPIRED/);
    await expectRows(admin, ["Old IDEA"]);

    await admin.getByRole("button", { name: "Clear filters" }).click();
    await admin.getByLabel("Vendor").selectOption({ label: "Adobe" });
    await admin.waitForURL(new RegExp(`vendor=${encodeURIComponent(ids.vendors.Adobe)}`));
    await expectRows(admin, ["Design team", "Acrobat Pro"]);
    // Tag and assignee are searched on the server (comboboxes), not listed in full.
    await admin.getByRole("combobox", { name: "Tag" }).fill("fin");
    await admin.getByRole("option", { name: "finance" }).click();
    await expectRows(admin, ["Acrobat Pro"]);
    // The URL alone restores the view, with the tag's name in the box.
    await admin.reload();
    await expectRows(admin, ["Acrobat Pro"]);
    await admin.waitForFunction(() => document.querySelector("input[role=combobox][id$=-tag]")?.value === "finance");
    assert.match(admin.url(), new RegExp(`tag=${encodeURIComponent(ids.tags.finance)}`));

    await admin.getByRole("button", { name: "Clear filters" }).click();
    await admin.getByRole("combobox", { name: "Assignee" }).fill(MEMBER.email);
    await admin.getByRole("option", { name: new RegExp(MEMBER.email.replace(".", "\\.")) }).click();
    await expectRows(admin, ["Design team"]);
    await admin.getByRole("button", { name: "Clear filters" }).click();

    await waitForRowCount(admin, LIVE);
    await admin.getByRole("button", { name: /^Vendor/ }).click();
    await admin.waitForURL(/sort=vendor/);
    await admin.waitForFunction(() => {
      const shown = [...document.querySelectorAll("[data-testid=licenses-table] tbody tr td[data-col=vendor]")].map((c) => c.textContent);
      return shown.length > 0 && JSON.stringify(shown) === JSON.stringify([...shown].sort());
    });
    const vendorsShown = await admin.locator("[data-testid=licenses-table] tbody tr td[data-col=vendor]").allTextContents();
    assert.deepEqual(vendorsShown, [...vendorsShown].sort());
    assert.equal(vendorsShown[0], "Adobe");
  });

  test("bulk tagging tags every selected license", async () => {
    await admin.goto(`${licman.url}/licenses?show=all&vendor=${encodeURIComponent(ids.vendors.JetBrains)}`);
    await expectRows(admin, ["IDEA Ultimate", "Old IDEA"]);
    await admin.getByLabel("Select all licenses on this page").check();
    await admin.getByRole("button", { name: "Tag 2 selected" }).click();
    const dialog = admin.getByRole("dialog", { name: "Tag 2 licenses" });
    await dialog.getByLabel("finance").check();
    await dialog.getByRole("button", { name: "Add tags" }).click();
    await admin.getByText("Tagged 2 licenses.").waitFor();
    const data = await licman.must(`query($f: LicenseFilter) { licenses(first: 1, filter: $f) { totalCount } }`, {
      f: { vendorIds: [ids.vendors.JetBrains], tagIdsAll: [ids.tags.finance] },
    });
    assert.equal(data.licenses.totalCount, 2);
  });

  let created;

  test("a license with a secret is created from the form, and a rule is shown beside its field", async () => {
    await admin.goto(`${licman.url}/licenses`);
    await admin.getByRole("link", { name: "New license" }).click();
    await admin.waitForURL(/\/licenses\/new$/);
    // Client-side rule: the product is required, and seats must be a whole number.
    await admin.getByLabel("Seats").fill("-1");
    await admin.getByRole("button", { name: "Create license" }).click();
    assert.match(await admin.locator('[data-field-error="license-productId"]').innerText(), /Choose the product/);
    assert.match(await admin.locator('[data-field-error="license-seats"]').innerText(), /whole number/);

    // Server-side rule: QQQ looks like a currency code but is none; the answer lands beside Currency.
    await admin.getByLabel("Product").selectOption({ label: "Atlassian — Jira" });
    await admin.getByLabel("Name").fill("E2E deploy key");
    await admin.getByLabel("Kind").selectOption("API_KEY");
    await admin.getByLabel("Secret", { exact: true }).fill(NEW_SECRET);
    await admin.getByLabel("Seats").fill("1");
    await admin.getByLabel("Cost per period").fill("10");
    await admin.getByLabel("Currency").fill("QQQ");
    await admin.getByRole("button", { name: "Add custom field" }).click();
    await admin.locator("#custom-0-key").fill("cost-center");
    await admin.locator("#custom-0-value").fill("R&D");
    await admin.getByRole("button", { name: "Create license" }).click();
    const currencyError = admin.locator('[data-field-error="license-currency"]');
    await currencyError.waitFor();
    assert.match(await currencyError.innerText(), /currency/i);
    assert.equal(await admin.locator('[data-field-error="license-seats"]').count(), 0);
    assert.match(admin.url(), /\/licenses\/new$/);

    await admin.getByLabel("Currency").fill("EUR");
    await admin.getByRole("button", { name: "Create license" }).click();
    await admin.waitForURL(/\/licenses\/(?!new)[^/]+$/);
    created = decodeURIComponent(admin.url().split("/").pop());
    await admin.getByRole("heading", { name: /E2E deploy key/ }).waitFor();
    assert.equal(await admin.getByTestId("custom-field-cost-center").textContent(), "R&D");
    assert.doesNotMatch(await admin.getByTestId("license-secret").textContent(), /E2E-SECRET/);
  });

  test("the admin reveals the secret, and the reveal is recorded", async () => {
    await admin.getByText("Revealing or copying the secret is recorded in the audit log").waitFor();
    await admin.getByRole("button", { name: "Reveal" }).click();
    await admin.getByTestId("license-secret").getByText(NEW_SECRET).waitFor();
    await admin.getByRole("button", { name: "Hide" }).click();
    assert.doesNotMatch(await admin.getByTestId("license-secret").textContent(), /E2E-SECRET/);
    await admin.getByRole("button", { name: "Copy" }).click();
    await admin.getByRole("button", { name: "Copied" }).waitFor();
    assert.equal(await admin.evaluate(() => navigator.clipboard.readText()), NEW_SECRET);

    // The license page links to its audit events; the reveal is there.
    const databaseId = Buffer.from(created, "base64").toString().split(":")[1];
    await admin.getByRole("link", { name: "Audit events" }).click();
    await admin.waitForURL(new RegExp(`/audit\\?objectType=license&objectId=${databaseId}$`));
    await admin.getByRole("heading", { name: "Audit log" }).waitFor();
    const reveal = admin.locator('[data-testid=audit-event][data-action="license.reveal"]').first();
    await reveal.waitFor();
    // Written as a sentence with the admin's name, linking to the license; the record folded away.
    assert.match(await reveal.innerText(), /revealed the secret/);
    await reveal.getByRole("link", { name: "Open the license" }).waitFor();
    assert.equal(await admin.getByTestId("audit-object").innerText(), "E2E deploy key");
    await reveal.getByText(/^Record: license.reveal/).click();
    assert.match(await reveal.locator("pre").innerText(), /^[[{]/);
    // Filtering by kind of change keeps only reveals.
    await admin.getByLabel("Kind of change").selectOption("license.reveal");
    await admin.getByRole("button", { name: "Apply filters" }).click();
    await admin.waitForURL(/action=license.reveal/);
    await admin.waitForFunction(() => {
      const rows = [...document.querySelectorAll("[data-testid=audit-event]")];
      return rows.length > 0 && rows.every((r) => r.getAttribute("data-action") === "license.reveal");
    });
    await admin.goBack();
    await admin.goBack();
    await admin.getByRole("heading", { name: /E2E deploy key/ }).waitFor();
  });

  test("an API token is created, shown once, and revoked", async () => {
    const page = await newPage();
    await page.goto(`${licman.url}/`);
    await signIn(page, licman);
    await page.getByRole("button", { name: /Account menu/ }).click();
    await page.getByRole("menuitem", { name: "My account" }).click();
    await page.waitForURL(/\/account$/);
    await page.getByRole("heading", { name: "My account" }).waitFor();
    await page.getByRole("table", { name: "Sessions" }).getByText("This session").waitFor();

    await page.getByRole("button", { name: "New token" }).click();
    await page.getByRole("button", { name: "Create token" }).click();
    assert.match(await page.locator('[data-field-error="token-name"]').innerText(), /name/);
    await page.getByLabel("Name").fill("E2E ci token");
    await page.getByLabel(/Read licenses/).check();
    await page.getByRole("button", { name: "Create token" }).click();
    const shown = page.getByTestId("new-token");
    await shown.waitFor();
    const token = (await shown.innerText()).trim();
    assert.ok(token.length >= 20, `token looks too short: ${token}`);
    await page.getByText("This is the only time the token is shown").waitFor();
    await page.getByRole("button", { name: "Copy" }).click();
    await page.getByRole("button", { name: "Copied" }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), token);
    await page.getByRole("button", { name: "Done" }).click();
    const row = page.getByTestId("token-row").filter({ hasText: "E2E ci token" });
    await row.waitFor();
    assert.match(await row.innerText(), /licenses:read/);
    assert.equal(await page.getByText(token).count(), 0, "the token value is shown again");

    await row.getByRole("button", { name: "Revoke E2E ci token" }).click();
    await page.getByRole("button", { name: "Revoke token" }).click();
    await row.waitFor({ state: "detached" });
    await page.context().close();
  });

  test("an admin registers an OAuth client; a member allows it, sees it under My account, and revokes it", async () => {
    const page = await newPage();
    await page.goto(`${licman.url}/`);
    await signIn(page, licman);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "OAuth clients" }).click();
    await page.waitForURL(/\/admin\/oauth-clients$/);
    await page.getByRole("button", { name: "Register client" }).click();
    await page.getByRole("button", { name: "Register", exact: true }).click();
    assert.match(await page.locator('[data-field-error="client-name"]').innerText(), /name/);
    await page.getByLabel("Name").fill("E2E Helpdesk");
    await page.getByLabel("Redirect URIs").fill("http://127.0.0.1/callback");
    await page.getByLabel(/Read licenses/).check();
    await page.getByRole("button", { name: "Register", exact: true }).click();
    const secretBox = page.getByTestId("client-secret");
    await secretBox.waitFor();
    const secret = (await secretBox.innerText()).trim();
    const clientId = (await page.getByTestId("client-id").innerText()).trim();
    assert.match(secret, /^lcm_ocs_/);
    await page.getByRole("button", { name: "Done" }).click();
    const row = page.getByTestId("oauth-client-row").filter({ hasText: "E2E Helpdesk" });
    await row.waitFor();
    assert.equal(await page.getByText(secret).count(), 0, "the secret is shown again");
    await page.screenshot({ path: join(shots, "oauth-clients.png"), fullPage: true });

    // The member's browser: the app sends them to Licman, they sign in, then allow it.
    const member = await newPage();
    const callbacks = [];
    await member.context().route("http://127.0.0.1:47999/**", (route) => {
      callbacks.push(route.request().url());
      return route.fulfill({ status: 200, contentType: "text/plain", body: "back in the app" });
    });
    const verifier = randomBytes(48).toString("base64url");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const authorize = new URL(`${licman.url}/oauth/authorize`);
    for (const [k, v] of Object.entries({
      response_type: "code", client_id: clientId, redirect_uri: "http://127.0.0.1:47999/callback",
      scope: "licenses:read", state: "e2e-state", code_challenge: challenge, code_challenge_method: "S256",
    })) authorize.searchParams.set(k, v);
    await member.goto(authorize.href);
    await member.waitForURL(/\/sign-in\?next=%2Foauth%2Fauthorize/);
    await signIn(member, MEMBER);
    await member.getByRole("heading", { name: "Allow E2E Helpdesk to use Licman as you?" }).waitFor();
    assert.match(await member.locator("main").innerText(), /licenses:read/);
    assert.match(await member.locator("main").innerText(), new RegExp(MEMBER.email.replace(".", "\\.")));
    await member.screenshot({ path: join(shots, "oauth-consent.png") });
    await member.getByRole("button", { name: "Allow" }).click();
    await member.getByText("back in the app").waitFor();
    const back = new URL(callbacks.at(-1));
    assert.equal(back.searchParams.get("state"), "e2e-state");
    assert.equal(back.searchParams.get("iss"), licman.url);
    const tokenResponse = await fetch(`${licman.url}/oauth/token`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`,
      },
      body: new URLSearchParams({
        grant_type: "authorization_code", code: back.searchParams.get("code"),
        redirect_uri: "http://127.0.0.1:47999/callback", code_verifier: verifier,
      }),
    });
    assert.equal(tokenResponse.status, 200);
    const { access_token: accessToken } = await tokenResponse.json();
    const asApp = () => fetch(`${licman.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ query: "{ me { email } }" }),
    });
    assert.deepEqual(await (await asApp()).json(), { data: { me: { email: MEMBER.email } } });

    await member.goto(`${licman.url}/account`);
    const app = member.getByTestId("app-row").filter({ hasText: "E2E Helpdesk" });
    await app.waitFor();
    assert.match(await app.innerText(), /licenses:read/);
    await app.getByRole("button", { name: "Revoke E2E Helpdesk" }).click();
    await member.getByRole("button", { name: "Revoke access" }).click();
    await app.waitFor({ state: "detached" });
    assert.equal((await asApp()).status, 401);
    await member.context().close();

    await row.getByRole("button", { name: "Edit E2E Helpdesk" }).click();
    await page.getByLabel("Redirect URIs").fill("http://evil.example/cb");
    await page.getByRole("button", { name: "Save" }).click();
    assert.match(await page.locator('[data-field-error="edit-client-redirectUris"]').innerText(), /https/);
    await page.getByLabel("Redirect URIs").fill("http://127.0.0.1/callback");
    await page.getByLabel("Name").fill("E2E Service Desk");
    await page.getByRole("button", { name: "Save" }).click();
    const renamed = page.getByTestId("oauth-client-row").filter({ hasText: "E2E Service Desk" });
    await renamed.waitFor();
    await renamed.getByRole("button", { name: "Disable E2E Service Desk" }).click();
    await renamed.getByText("Disabled").waitFor();
    await renamed.getByRole("button", { name: "Delete E2E Service Desk" }).click();
    await page.getByRole("button", { name: "Delete client" }).click();
    await renamed.waitFor({ state: "detached" });
    await page.context().close();
  });

  test("an admin creates a user and sees the generated password once", async () => {
    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
    await admin.waitForURL(/\/admin\/users$/);
    await admin.getByTestId("user-row").filter({ hasText: MEMBER.email }).waitFor();
    await admin.getByRole("button", { name: "New user" }).click();
    await admin.getByLabel("E-mail").fill("not-an-address");
    await admin.getByRole("button", { name: "Create user" }).click();
    assert.match(await admin.locator('[data-field-error="user-email"]').innerText(), /e-mail/i);
    await admin.getByLabel("E-mail").fill("new.manager@x.io");
    await admin.getByLabel("Name", { exact: true }).fill("New Manager");
    await admin.getByLabel("Role", { exact: true }).selectOption("MANAGER");
    await admin.getByRole("button", { name: "Create user" }).click();
    const password = admin.getByTestId("initial-password");
    await password.waitFor();
    assert.ok((await password.innerText()).trim().length >= 8);
    await admin.getByRole("button", { name: "Done" }).click();
    const row = admin.getByTestId("user-row").filter({ hasText: "new.manager@x.io" });
    await row.waitFor();
    assert.equal(await row.getByLabel(/Role of/).inputValue(), "MANAGER");
    // Deactivate, with a confirm.
    await row.getByRole("button", { name: "Deactivate new.manager@x.io" }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
    await row.getByText("Deactivated").waitFor();
    await admin.goto(`${licman.url}/licenses/${created}`);
    await admin.getByRole("heading", { name: /E2E deploy key/ }).waitFor();
  });

  test("an admin makes a team, adds a member, and grants the team rights on a license", async () => {
    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Teams" }).click();
    await admin.waitForURL(/\/admin\/teams$/);
    await admin.getByRole("button", { name: "New team" }).click();
    await admin.getByRole("button", { name: "Create team" }).click();
    assert.match(await admin.locator('[data-field-error="team-name"]').innerText(), /name/);
    await admin.getByLabel("Name", { exact: true }).fill("E2E team");
    await admin.getByRole("button", { name: "Create team" }).click();
    await admin.getByLabel("Add a member to E2E team").selectOption({ label: MEMBER.email });
    await admin.locator("[data-team='E2E team']").getByRole("button", { name: "Add" }).click();
    await admin.getByRole("list", { name: "Members of E2E team" }).getByText(MEMBER.email).waitFor();

    await admin.goto(`${licman.url}/licenses/${created}`);
    await admin.getByRole("heading", { name: /E2E deploy key/ }).waitFor();
    const grants = admin.getByRole("form", { name: "Add a grant" });
    await grants.getByLabel("Grant to").selectOption({ label: "E2E team" });
    await grants.getByLabel("Assign").check();
    await grants.getByRole("button", { name: "Add grant" }).click();
    const list = admin.getByTestId("grants");
    await list.getByText("Team E2E team").waitFor();
    assert.match(await list.innerText(), /Assign/);
    await list.getByRole("button", { name: "Revoke" }).click();
    await list.waitFor({ state: "detached" });

    // A grant on a vendor (admins only) covers all its licenses: grant view to the team, then revoke.
    await admin.goto(`${licman.url}/vendors`);
    const adobe = admin.locator("[data-vendor='Adobe']");
    await adobe.getByRole("button", { name: "Show grants on Adobe" }).click();
    await adobe.getByTestId("grants-note").getByText(/covers all that vendor's licenses/).waitFor();
    const vendorGrants = adobe.getByRole("form", { name: "Add a grant" });
    await vendorGrants.getByLabel("Grant to").selectOption({ label: "E2E team" });
    assert.equal(await vendorGrants.getByLabel("View").isChecked(), true);
    await vendorGrants.getByRole("button", { name: "Add grant" }).click();
    const vendorList = adobe.getByTestId("grants");
    await vendorList.getByText("Team E2E team").waitFor();
    assert.match(await vendorList.innerText(), /View/);
    await vendorList.getByRole("button", { name: "Revoke" }).click();
    await vendorList.waitFor({ state: "detached" });
    // The next test goes on from the license's page.
    await admin.goto(`${licman.url}/licenses/${created}`);
    await admin.getByRole("heading", { name: /E2E deploy key/ }).waitFor();
  });

  test("the last seat can be assigned once; then assigning is not offered, with words that say why", async () => {
    // (Two people racing for the last seat: the server's NO_SEATS_LEFT, tests/schema.)
    const seats = admin.getByRole("form", { name: "Assign a seat" });
    await seats.getByRole("combobox", { name: "Assign to" }).fill("administrator");
    await admin.getByRole("option", { name: `Administrator · ${licman.email}` }).click();
    await seats.getByRole("button", { name: "Assign seat" }).click();
    await admin.getByTestId("seat-summary").getByText("1 of 1 seat assigned").waitFor();
    await admin.getByTestId("no-free-seat").getByText("The only seat is taken").waitFor();
    assert.equal(await admin.getByRole("form", { name: "Assign a seat" }).count(), 0);
    assert.match(await admin.getByTestId("seat-summary").innerText(), /1 of 1 seat assigned/);
  });

  test("renewing adds a term; revoking ends the seats; archiving hides the license", async () => {
    await admin.goto(`${licman.url}/licenses/${created}`);
    await admin.getByRole("heading", { name: /E2E deploy key/ }).waitFor();
    await admin.getByRole("button", { name: "Renew" }).click();
    const renew = admin.getByRole("dialog", { name: "Renew license" });
    await renew.getByLabel("First day").fill(isoDay(0));
    await renew.getByLabel("Last day").fill(isoDay(-1));
    await renew.getByRole("button", { name: "Renew" }).click();
    assert.match(await renew.locator('[data-field-error="renew-endsOn"]').innerText(), /on or after/);
    await renew.getByLabel("Last day").fill(isoDay(364));
    await renew.getByLabel("Cost of the term").fill("12.50");
    await renew.getByLabel("Currency").fill("EUR");
    await renew.getByLabel("Note").fill("second year");
    await renew.getByRole("button", { name: "Renew" }).click();
    await renew.waitFor({ state: "detached" });
    await admin.getByRole("table", { name: "Term history" }).getByText("second year").waitFor();

    await admin.getByRole("button", { name: "Revoke" }).click();
    const revoke = admin.getByRole("dialog", { name: "Revoke license" });
    await revoke.getByRole("button", { name: "Revoke" }).click();
    await revoke.getByText(/Say why/).waitFor();
    await revoke.getByLabel("Reason").fill("key leaked");
    await revoke.getByRole("button", { name: "Revoke" }).click();
    await admin.getByText("The license is revoked; all seats have ended.").waitFor();
    assert.match(await admin.getByTestId("seat-summary").innerText(), /0 of 1 seat assigned/);
    assert.match(await admin.getByRole("list", { name: "Past seats" }).innerText(), /Administrator[\s\S]*key leaked/);
    assert.equal(await admin.getByRole("button", { name: "Renew" }).count(), 0);

    await admin.getByRole("button", { name: "Archive" }).click();
    await admin.getByText(/^Archived: the license is hidden/).waitFor();
    await admin.getByRole("button", { name: "Restore" }).waitFor();
    await admin.goto(`${licman.url}/licenses?archived=1`);
    await expectRows(admin, ["E2E deploy key"]);
  });

  test("saving over someone else's change shows the CONFLICT message", async () => {
    await admin.goto(`${licman.url}/licenses/${ids.licenses.acrobat}/edit`);
    await admin.getByLabel("Notes").fill("my edit");
    const { license } = await licman.must(`query($id: ID!) { license(id: $id) { version } }`, { id: ids.licenses.acrobat });
    await licman.must(`mutation($i: LicenseUpdateInput!) { licenseUpdate(input: $i) { license { id } errors { message } } }`, {
      i: { id: ids.licenses.acrobat, version: license.version, notes: "their edit" },
    });
    await admin.getByRole("button", { name: "Save changes" }).click();
    await admin.getByText("Someone else changed this license after you opened it").waitFor();
    await admin.getByRole("button", { name: /Load the latest version/ }).click();
    await admin.waitForFunction(() => document.querySelector("#license-notes")?.value === "their edit");
    await admin.getByLabel("Notes").fill("my edit, again");
    await admin.getByRole("button", { name: "Save changes" }).click();
    await admin.waitForURL(new RegExp(`/licenses/${ids.licenses.acrobat.replace(/[=+/]/g, "\\$&")}$`));
    await admin.getByText("my edit, again").waitFor();
  });

  test("the license detail shows every field, masked secret and term history", async () => {
    await admin.goto(`${licman.url}/licenses/${ids.licenses.design}`);
    await admin.getByRole("heading", { name: /Design team/ }).waitFor();
    assert.equal(await admin.getByTestId("custom-field-cost-center").textContent(), "CC-42");
    await admin.getByRole("table", { name: "Term history" }).getByText("initial term").waitFor();
    assert.match(await admin.getByTestId("seat-summary").innerText(), /2 of 5 seats assigned/);
    await admin.screenshot({ path: join(shots, "license-detail.png"), fullPage: true });
  });

  test("vendors, products and tags are created, edited and archived", async () => {
    await admin.goto(`${licman.url}/vendors`);
    await admin.getByRole("heading", { name: "Vendors and products" }).waitFor();
    await admin.getByRole("button", { name: "New vendor" }).click();
    await admin.getByLabel("Name", { exact: true }).fill("E2E Vendor");
    await admin.getByLabel("Website").fill("ftp://nope");
    await admin.getByRole("button", { name: "Create vendor" }).click();
    assert.match(await admin.locator('[data-field-error="vendor-website"]').innerText(), /http/);
    await admin.getByLabel("Website").fill("https://e2e.example");
    await admin.getByRole("button", { name: "Create vendor" }).click();
    const card = admin.locator("[data-vendor='E2E Vendor']");
    await card.waitFor();
    await card.getByRole("button", { name: "Add product" }).click();
    await admin.getByLabel("Name", { exact: true }).fill("E2E Product");
    await admin.getByRole("button", { name: "Create product" }).click();
    await card.getByRole("list", { name: "Products of E2E Vendor" }).getByText("E2E Product").waitFor();
    await card.getByRole("button", { name: "Edit E2E Product" }).click();
    await admin.getByLabel("Name", { exact: true }).fill("E2E Product Pro");
    await admin.getByRole("button", { name: "Save product" }).click();
    await card.getByText("E2E Product Pro").waitFor();
    await card.getByRole("button", { name: "Archive E2E Product Pro" }).click();
    await card.getByRole("button", { name: "Restore E2E Product Pro" }).waitFor();

    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tags" }).click();
    await admin.getByRole("button", { name: "New tag" }).click();
    await admin.getByLabel("Name", { exact: true }).fill("e2e-tag");
    await admin.getByLabel("Colour").fill("red");
    await admin.getByRole("button", { name: "Create tag" }).click();
    assert.match(await admin.locator('[data-field-error="tag-color"]').innerText(), /#rrggbb/);
    await admin.getByLabel("Colour").fill("#aa0000");
    await admin.getByRole("button", { name: "Create tag" }).click();
    const row = admin.getByTestId("tag-row").filter({ hasText: "e2e-tag" });
    await row.waitFor();
    await row.getByRole("button", { name: "Archive e2e-tag" }).click();
    await row.waitFor({ state: "detached" });
  });

  test("when the session ends, the next request leads to sign-in and back", async () => {
    await admin.goto(`${licman.url}/licenses/${ids.licenses.acrobat}`);
    await admin.getByRole("heading", { name: /Acrobat Pro/ }).waitFor();
    await admin.context().clearCookies({ name: "licman_session" });
    await admin.getByRole("link", { name: "Licenses", exact: true }).first().click();
    await admin.waitForURL(/\/sign-in\?next=%2Flicenses/);
    await admin.getByText("Your session has ended").waitFor();
    await signIn(admin, licman);
    await admin.waitForURL(/\/licenses$/);
    await waitForRowCount(admin, LIVE); // the new license is archived
  });

  test("the admin signs out", async () => {
    await admin.getByRole("button", { name: /Account menu/ }).click();
    await admin.getByRole("menuitem", { name: "Sign out" }).click();
    await admin.waitForURL(/\/sign-in$/);
    await admin.goto(`${licman.url}/`);
    await admin.waitForURL(/\/sign-in/);
    const me = await admin.evaluate(async () => {
      const response = await fetch("/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ me { id } }" }) });
      return response.json();
    });
    assert.equal(me.data.me, null);
  });

  test("a member sees neither the reveal button nor the secret, nor actions they may not take", async () => {
    const page = await newPage({ width: 390, height: 844 });
    await page.goto(`${licman.url}/licenses/${ids.licenses.design}`);
    await page.waitForURL(/\/sign-in/);
    await signIn(page, MEMBER);
    await page.getByRole("heading", { name: /Design team/ }).waitFor();
    await page.getByText("You may not reveal this secret.").waitFor();
    assert.equal(await page.getByRole("button", { name: "Reveal" }).count(), 0);
    assert.equal(await page.getByRole("button", { name: "Copy" }).count(), 0);
    assert.equal(await page.getByRole("link", { name: "Edit" }).count(), 0);
    assert.equal(await page.getByRole("button", { name: "Assign seat" }).count(), 0);
    assert.doesNotMatch(await page.content(), /PS-SEED-SECRET/);
    // Asking the API directly is refused too.
    const answer = await page.evaluate(async (id) => {
      const csrf = document.cookie.split("; ").find((c) => c.startsWith("licman_csrf="))?.split("=")[1];
      const response = await fetch("/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": csrf },
        body: JSON.stringify({ query: "query($id: ID!) { license(id: $id) { secret } }", variables: { id } }),
      });
      return response.json();
    }, ids.licenses.design);
    assert.equal(answer.data?.license?.secret ?? null, null);
    assert.equal(answer.errors?.[0]?.extensions?.code, "FORBIDDEN");
    // On a phone the navigation is behind a menu button, reachable by keyboard.
    await page.getByRole("button", { name: "Open navigation" }).click();
    await page.getByRole("dialog").getByRole("link", { name: "Licenses", exact: true }).click();
    await expectRows(page, ["Design team"]);
    assert.equal(await page.getByRole("link", { name: "New license" }).count(), 0);
    await page.context().close();
  });

  test("a member with a change grant on one license sees Edit there and nowhere else", async () => {
    // Given a change grant on Acrobat Pro for the member (who also holds a seat of Design team)
    const granted = await licman.must(
      `mutation($i: GrantCreateInput!) { grantCreate(input: $i) { grant { id } errors { message } } }`,
      { i: { licenseId: ids.licenses.acrobat, userId: ids.users.member, rights: ["CHANGE"] } },
    );
    const page = await newPage();
    await page.goto(`${licman.url}/licenses`);
    await page.waitForURL(/\/sign-in/);
    await signIn(page, MEMBER);
    await page.waitForURL(/\/licenses$/);
    await expectRows(page, ["Design team", "Acrobat Pro"]);
    // Only the license they may change can be picked for bulk tagging
    assert.equal(await page.getByLabel("Select Acrobat Pro").count(), 1);
    assert.equal(await page.getByLabel("Select Design team").count(), 0);
    assert.equal(await page.getByRole("link", { name: "New license" }).count(), 0);

    // The granted license offers Edit and shows its cost (a change grant shows it)
    await page.getByRole("link", { name: "Acrobat Pro" }).click();
    await page.getByRole("heading", { name: /Acrobat Pro/ }).waitFor();
    await page.getByRole("link", { name: "Edit" }).waitFor();
    await page.getByText("€200.00").first().waitFor();
    assert.equal(await page.getByRole("button", { name: "Assign seat" }).count(), 0);
    assert.equal(await page.getByRole("form", { name: "Add a grant" }).count(), 0);

    // ...and the edit goes through, leaving the cost as it was
    await page.getByRole("link", { name: "Edit" }).click();
    await page.getByLabel("Notes").fill("Renewal owned by the member");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.waitForURL(new RegExp(`/licenses/${ids.licenses.acrobat.replace(/[=+/]/g, "\\$&")}$`));
    await page.getByText("Renewal owned by the member").waitFor();
    const after = await licman.must(`query($id: ID!) { license(id: $id) { cost notes } }`, { id: ids.licenses.acrobat });
    assert.deepEqual(after.license, { cost: "200.00", notes: "Renewal owned by the member" });

    // The license they only hold a seat of offers no Edit, and its edit page refuses
    await page.goto(`${licman.url}/licenses/${ids.licenses.design}`);
    await page.getByRole("heading", { name: /Design team/ }).waitFor();
    assert.equal(await page.getByRole("link", { name: "Edit" }).count(), 0);
    await page.goto(`${licman.url}/licenses/${ids.licenses.design}/edit`);
    await page.getByText("You may not change this license.").waitFor();
    await page.context().close();
    await licman.must(`mutation($i: GrantRevokeInput!) { grantRevoke(input: $i) { revokedId errors { message } } }`, {
      i: { id: granted.grantCreate.grant.id },
    });
  });

  test("cursor pages go forward and back, with the cursor in the URL", async () => {
    for (let i = 1; i <= 24; i++) {
      await licman.must(`mutation($i: LicenseCreateInput!) { licenseCreate(input: $i) { license { id } errors { message } } }`, {
        i: { productId: ids.products.Jira, name: `Bulk ${String(i).padStart(2, "0")}` },
      });
    }
    const total = LICENSES.length + 24;
    const page = await newPage();
    await page.goto(`${licman.url}/licenses?sort=product&show=all`);
    await signIn(page, licman);
    await page.getByText(`${total} licenses match`).waitFor();
    await waitForRowCount(page, 25);
    const first = await rowNames(page);
    await page.getByRole("button", { name: "Next →" }).click();
    await page.waitForURL(/after=/);
    await waitForRowCount(page, total - 25);
    const second = await rowNames(page);
    assert.equal(new Set([...first, ...second]).size, total);
    await page.getByRole("button", { name: "← Previous" }).click();
    await page.waitForURL(/before=/);
    await waitForRowCount(page, 25);
    assert.deepEqual(await rowNames(page), first);
    await page.context().close();
  });
  test("the GraphQL explorer runs a query as the signed-in user, offline and within the CSP", async () => {
    const page = await newPage();
    const local = new Set(["127.0.0.1", "localhost"]);
    const outside = [];
    await page.context().route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (local.has(url.hostname)) return route.continue();
      outside.push(url.href);
      return route.abort("blockedbyclient");
    });
    const violations = [];
    page.on("console", (message) => {
      const text = message.text();
      if (/Content Security Policy|Refused to/i.test(text)) violations.push(text);
    });
    // A browser opening /graphql is sent to the bundled explorer (via sign-in).
    await page.goto(`${licman.url}/graphql`);
    await page.waitForURL(/\/sign-in\?next=%2Fexplorer|\/sign-in\?next=\/explorer/);
    await signIn(page, licman);
    await page.waitForURL(/\/explorer$/);
    await page.getByRole("link", { name: "GraphQL explorer" }).first().waitFor();
    await page.locator(".graphiql-query-editor .CodeMirror").waitFor();
    await page.evaluate(() => {
      document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.setValue("{ me { email } }");
    });
    await page.locator(".graphiql-execute-button").click();
    await page.locator(".graphiql-response").getByText(licman.email).waitFor();
    const response = await page.locator(".graphiql-response").innerText();
    assert.match(response, /"me"/);
    assert.deepEqual(outside, [], "no request left 127.0.0.1");
    assert.deepEqual(violations, [], "no Content-Security-Policy violation");
    await page.context().close();
  });
});
