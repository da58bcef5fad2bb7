// Browser tests for issue 12 (the client for the people who use it): session expiry while
// editing, phone widths, the list's default view, a member's own view. Same world as
// licman.test.mjs (see harness.mjs): a real server, seeded through GraphQL, Debian's Chromium.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, before, describe, test } from "node:test";

import { Licman, clientDir, launchBrowser, newPage as openPage, signIn, signedIn as signedInAt, tearDown } from "./harness.mjs";
import { seed } from "./seed.mjs";

const MEMBER = { email: "m@x.io", password: "member-password-123" };
const AUDITOR = { email: "aud@x.io", password: "auditor-password-123", role: "auditor" };
const MANAGER = { email: "boss@x.io", password: "manager-password-123", role: "manager" };
const PHONE = { width: 390, height: 844 };
const AXE = createRequire(`${clientDir}/package.json`).resolve("axe-core/axe.min.js");
// What a cold load of each route may download (JS and CSS, as sent: brotli), in bytes. Measured
// (see client/README.md) plus headroom; a regression past it fails CI.
const BUDGETS = { "/sign-in": 200_000, "/": 345_000, "/licenses": 255_000 };
// The same for a browser that accepts gzip only (the .gz twins).
const GZIP_BUDGETS = { "/sign-in": 240_000, "/": 410_000, "/licenses": 305_000 };
const LONG_NOTE = `https://example.com/${"x".repeat(600)}`;

/** Every screen of the client; `:id` is a license the role can see. */
const SCREENS = [
  "/",
  "/mine",
  "/licenses",
  "/licenses/new",
  "/licenses/:id",
  "/licenses/:id/edit",
  "/account",
  "/vendors",
  "/tags",
  "/import",
  "/admin/users",
  "/admin/teams",
  "/admin/oauth-clients",
  "/audit",
  "/audit/requests",
  "/explorer",
  "/no-such-screen",
];
const TIMEOUT = 10_000;

let licman;
let browser;
let ids;

function newPage(viewport, colorScheme = "light", bypassCSP = false) {
  // bypassCSP only to inject axe-core (an inline script the CSP rightly refuses).
  return openPage(browser, { viewport, colorScheme, bypassCSP, timeout: TIMEOUT });
}

function signedIn(user, viewport) {
  return signedInAt(browser, licman, user, { viewport, timeout: TIMEOUT });
}

// The timeout is for the whole suite (node:test), which takes several minutes on a loaded machine.
describe("Licman for the people who use it", { timeout: 900_000 }, () => {
  before(async () => {
    licman = await Licman.start({ users: [MEMBER, AUDITOR, MANAGER] });
    ids = await seed(licman, MEMBER.email);
    // A long unbroken note on a license the member holds a seat of.
    await licman.must(`mutation($i: LicenseUpdateInput!) { licenseUpdate(input: $i) { license { id } errors { message } } }`, {
      i: { id: ids.licenses.design, version: 2, notes: LONG_NOTE },
    }).catch(async () => {
      const { license } = await licman.must(`query($id: ID!) { license(id: $id) { version } }`, { id: ids.licenses.design });
      await licman.must(`mutation($i: LicenseUpdateInput!) { licenseUpdate(input: $i) { license { id } errors { message } } }`, {
        i: { id: ids.licenses.design, version: license.version, notes: LONG_NOTE },
      });
    });
    browser = await launchBrowser();
  });

  after(() => tearDown(browser, licman));

  test("a session that ends while editing leads to sign-in and back, with the typed input kept", async () => {
    const admin = { email: licman.email, password: licman.password };
    const page = await signedIn(admin);
    await page.goto(`${licman.url}/licenses/${ids.licenses.acrobat}/edit`);
    await page.getByLabel("Notes").fill("typed before the session ended");
    await page.getByLabel("Seats").fill("12");
    await page.getByLabel(/^(New secret|Secret)$/).fill("NOT-KEPT-SECRET");
    await page.context().clearCookies({ name: "licman_session" });
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.waitForURL(/\/sign-in\?next=%2Flicenses%2F.*%2Fedit/);
    await page.getByText("Your session has ended").waitFor();
    // Kept in this tab's sessionStorage, without the secret.
    const stored = await page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)));
    assert.match(stored, /typed before the session ended/);
    assert.doesNotMatch(stored, /NOT-KEPT-SECRET/);
    await signIn(page, admin);
    await page.waitForURL(/\/licenses\/.*\/edit$/);
    await page.getByText("Your unsaved changes are back").waitFor();
    assert.equal(await page.getByLabel("Notes").inputValue(), "typed before the session ended");
    assert.equal(await page.getByLabel("Seats").inputValue(), "12");
    assert.equal(await page.getByLabel(/^(New secret|Secret)$/).inputValue(), "");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.waitForURL(/\/licenses\/[^/]+$/);
    await page.getByText("typed before the session ended").waitFor();
    const { license } = await licman.must(`query($id: ID!) { license(id: $id) { seats notes } }`, {
      id: ids.licenses.acrobat,
    });
    assert.deepEqual(license, { seats: 12, notes: "typed before the session ended" });
    assert.equal(await page.evaluate(() => sessionStorage.length), 0, "the draft is forgotten once saved");
    await page.context().close();
  });

  test("a mutation refused in its payload as UNAUTHENTICATED also leads to sign-in", async () => {
    const admin = { email: licman.email, password: licman.password };
    const page = await signedIn(admin);
    await page.goto(`${licman.url}/licenses/${ids.licenses.idea}/edit`);
    await page.getByLabel("Notes").fill("kept through a payload refusal");
    // The server answers this one mutation as an ended session does in a payload.
    await page.route("**/graphql", async (route) => {
      const body = route.request().postDataJSON();
      if (!/mutation LicenseUpdate/.test(body?.query ?? "")) return route.continue();
      await route.fulfill({
        contentType: "application/json",
        body: JSON.stringify({
          data: { licenseUpdate: { license: null, errors: [{ field: null, code: "UNAUTHENTICATED", message: "Sign in to do this." }] } },
        }),
      });
    });
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.waitForURL(/\/sign-in\?next=/);
    await page.unroute("**/graphql");
    await signIn(page, admin);
    await page.waitForURL(/\/edit$/);
    assert.equal(await page.getByLabel("Notes").inputValue(), "kept through a payload refusal");
    await page.context().close();
  });

  test("a GraphQL error or an HTTP 401 saying UNAUTHENTICATED leads to sign-in too, a mutation's input kept", async () => {
    const admin = { email: licman.email, password: licman.password };
    const answers = {
      "GraphQL error": {
        contentType: "application/json",
        body: JSON.stringify({ data: null, errors: [{ message: "Sign in to do this.", extensions: { code: "UNAUTHENTICATED" } }] }),
      },
      "HTTP 401": {
        status: 401,
        contentType: "application/json",
        body: JSON.stringify({ errors: [{ message: "Sign in to do this.", extensions: { code: "UNAUTHENTICATED" } }] }),
      },
    };
    for (const [kind, answer] of Object.entries(answers)) {
      const page = await signedIn(admin);
      await page.goto(`${licman.url}/licenses/${ids.licenses.idea}/edit`);
      const note = `kept through a ${kind}`;
      await page.getByLabel("Notes").fill(note);
      await page.route("**/graphql", async (route) => {
        const body = route.request().postDataJSON();
        if (!/mutation LicenseUpdate/.test(body?.query ?? "")) return route.continue();
        await route.fulfill(answer);
      });
      await page.getByRole("button", { name: "Save changes" }).click();
      await page.waitForURL(/\/sign-in\?next=%2Flicenses%2F.*%2Fedit/);
      await page.getByText("Your session has ended").waitFor();
      await page.unroute("**/graphql");
      await signIn(page, admin);
      await page.waitForURL(/\/edit$/);
      await page.getByText("Your unsaved changes are back").waitFor();
      assert.equal(await page.getByLabel("Notes").inputValue(), note, kind);

      // A query answered the same way while browsing: to sign in, and back to the same list.
      await page.route("**/graphql", async (route) => {
        const body = route.request().postDataJSON();
        if (!/query LicensesPage\b/.test(body?.query ?? "")) return route.continue();
        await route.fulfill(answer);
      });
      await page.goto(`${licman.url}/licenses?q=idea`);
      await page.waitForURL(/\/sign-in\?next=%2Flicenses%3Fq%3Didea/);
      await page.unroute("**/graphql");
      await signIn(page, admin);
      await page.waitForURL(/\/licenses\?q=idea$/);
      await page.getByRole("link", { name: "IDEA Ultimate" }).waitFor();
      await page.context().close();
    }
  });

  test("a server error while loading the session offers Retry, not the sign-in page", async () => {
    const admin = { email: licman.email, password: licman.password };
    const page = await signedIn(admin);
    // A signed-in page carries its session (licman/web/boot.py): the client asks no Me query.
    const asked = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/graphql")) asked.push(request.postDataJSON()?.query ?? "");
    });
    await page.goto(`${licman.url}/licenses`);
    await page.getByRole("heading", { name: "Licenses" }).waitFor();
    await page.getByRole("link", { name: "IDEA Ultimate" }).waitFor();
    assert.ok(asked.length > 0 && !asked.some((q) => /query Me\b/.test(q)), "the page's session was used");
    // Without it in the page (as when the server could not add it), the client asks, and a
    // server error there offers Retry.
    await page.route(`${licman.url}/licenses`, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(/<script type="application\/json" id="licman-session">.*?<\/script>/s, "");
      return route.fulfill({ response, body: html });
    });
    let failing = true;
    await page.route("**/graphql", (route) => {
      const body = route.request().postDataJSON();
      if (failing && /query Me\b/.test(body?.query ?? "")) return route.fulfill({ status: 500, body: "boom" });
      return route.continue();
    });
    await page.goto(`${licman.url}/licenses`);
    await page.getByText("Licman could not load your session").waitFor();
    assert.doesNotMatch(page.url(), /sign-in/);
    failing = false;
    await page.getByRole("button", { name: "Retry" }).click();
    await page.getByRole("heading", { name: "Licenses" }).waitFor();
    await page.context().close();
  });

  test("no screen is wider than a 390 px phone, for any role, in either theme; tables become stacked cards", { timeout: 360_000 }, async () => {
    const roles = [{ email: licman.email, password: licman.password, role: "admin" }, MANAGER, MEMBER, AUDITOR];
    const wide = [];
    const signInPage = await newPage(PHONE);
    await signInPage.goto(`${licman.url}/sign-in`);
    await signInPage.getByLabel("E-mail").waitFor();
    const signInWidth = await signInPage.evaluate(() => document.documentElement.scrollWidth);
    if (signInWidth > PHONE.width) wide.push(`signed out /sign-in: ${signInWidth}px`);
    await signInPage.context().close();
    for (const user of roles) {
      const page = await signedIn(user, PHONE);
      for (const screen of SCREENS) {
        await page.goto(`${licman.url}${screen.replace(":id", ids.licenses.design)}`);
        await page.locator("main").waitFor();
        await page.waitForLoadState("networkidle");
        await page.waitForFunction(() => !document.querySelector("main .animate-spin"));
        // Both themes: the dark one is the `dark` class on <html> (what theme-boot.js and the
        // account menu set), so the same screen is measured again with it.
        for (const theme of ["light", "dark"]) {
          const width = await page.evaluate((dark) => {
            document.documentElement.classList.toggle("dark", dark);
            return document.documentElement.scrollWidth;
          }, theme === "dark");
          if (width > PHONE.width) wide.push(`${user.role ?? "member"} ${theme} ${screen}: ${width}px`);
        }
        await page.evaluate(() => document.documentElement.classList.remove("dark"));
        // Every data table on the screen is a stack of cards, each cell labelled with its column.
        const unstacked = await page.evaluate(
          () =>
            [...document.querySelectorAll("main table:not(.keep-table) > tbody > tr")].filter(
              (tr) =>
                getComputedStyle(tr).display !== "block" ||
                (tr.closest("table").tHead && [...tr.children].some((cell) => !cell.hasAttribute("data-label"))),
            ).length,
        );
        if (unstacked) wide.push(`${user.role ?? "member"} ${screen}: ${unstacked} table rows not stacked`);
      }
      await page.context().close();
    }
    assert.deepEqual(wide, [], "screens wider than the phone");
    // The long note wraps on the license page, and the licenses table is a stack of cards.
    const page = await signedIn(MEMBER, PHONE);
    await page.goto(`${licman.url}/licenses/${ids.licenses.design}`);
    await page.getByText(LONG_NOTE.slice(0, 30)).waitFor();
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= PHONE.width);
    await page.goto(`${licman.url}/licenses`);
    const row = page.locator("[data-testid=licenses-table] tbody tr").first();
    await row.waitFor();
    assert.equal(await row.evaluate((tr) => getComputedStyle(tr).display), "block");
    await page.context().close();
  });

  test("the list opens on live licenses by expiry; expired and cancelled are behind a filter, each in its own words", async () => {
    const admin = { email: licman.email, password: licman.password };
    const page = await signedIn(admin);
    await page.goto(`${licman.url}/licenses`);
    const names = () =>
      page.locator("[data-testid=licenses-table] tbody tr td[data-col=product] a").allTextContents();
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=licenses-table] tbody tr").length === 4);
    // Expiring soonest first, from today; nothing expired or cancelled.
    assert.deepEqual(await names(), ["Design team", "Acrobat Pro", "IDEA Ultimate", "Jira Cloud"]);
    await page.getByText("4 live licenses, expiring soonest first").waitFor();
    assert.equal(await page.title(), "Licenses · Licman");
    await page.getByLabel("Status").selectOption("all");
    await page.waitForURL(/show=all/);
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=licenses-table] tbody tr").length === 6);
    const cancelled = page.locator(`tr[data-license-id="${ids.licenses["jira-server"]}"]`);
    assert.equal(await cancelled.getAttribute("data-expiry"), "cancelled");
    assert.match(await cancelled.innerText(), /Cancelled: will not renew/);
    assert.doesNotMatch(await cancelled.innerText(), /Expired/);
    const expired = page.locator(`tr[data-license-id="${ids.licenses["old-idea"]}"]`);
    assert.equal(await expired.getAttribute("data-expiry"), "expired");
    assert.match(await expired.innerText(), /Expired 10 days ago/);
    const tone = (row) => row.evaluate((tr) => getComputedStyle(tr).backgroundColor);
    assert.notEqual(await tone(cancelled), await tone(expired));
    // "1 license", not "1 licenses"
    await page.getByRole("searchbox", { name: "Search licenses" }).fill("acrobat");
    await page.getByText("1 license matches").waitFor();
    await page.context().close();
  });

  test("the dashboard has one expired number, zeros are not red, and the title names the screen", async () => {
    const page = await signedIn(MEMBER);
    await page.goto(`${licman.url}/`);
    await page.getByTestId("expired-count").waitFor();
    assert.equal(await page.title(), "Dashboard · Licman");
    assert.equal(await page.getByTestId("status-count-EXPIRED").count(), 0);
    assert.equal(await page.getByText(/^already expired$/).count(), 0);
    // The member sees one live license, expiring in 5 days: nothing expired, so no red zero.
    assert.equal(await page.getByTestId("expired-count").textContent(), "0");
    // Tailwind's colours compute to oklch(); the class names say which tone was chosen.
    const red = async (testId) => /\btext-red-/.test(await page.getByTestId(testId).getAttribute("class"));
    assert.equal(await red("expired-count"), false);
    assert.equal(await red("expiring-7"), true, "a non-zero count within 7 days is red");
    await page.goto(`${licman.url}/vendors`);
    await page.getByRole("heading", { name: "Vendors and products" }).waitFor();
    await page.waitForFunction(() => document.title === "Vendors and products · Licman");
    await page.context().close();
  });

  test("the explorer is offered to admins and token holders only; robots.txt disallows all", async () => {
    const member = await signedIn(MEMBER);
    await member.getByRole("link", { name: "Licenses" }).first().waitFor();
    assert.equal(await member.getByRole("link", { name: "GraphQL explorer" }).count(), 0);
    await member.context().close();
    const admin = await signedIn({ email: licman.email, password: licman.password });
    await admin.getByRole("link", { name: "GraphQL explorer" }).first().waitFor();
    await admin.context().close();
    const robots = await fetch(`${licman.url}/robots.txt`);
    assert.equal(robots.status, 200);
    assert.equal(await robots.text(), "User-agent: *\nDisallow: /\n");
    // The build's assets come compressed, as the browser asks.
    const index = await (await fetch(`${licman.url}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index)[1];
    const br = await fetch(`${licman.url}${script}`, { headers: { "accept-encoding": "br" } });
    assert.equal(br.headers.get("content-encoding"), "br");
  });

  test("a member has their own view: My licenses and a dashboard without the organisation's spend", async () => {
    // Given the member owns IDEA Ultimate (they hold a seat of Design team from the seed)
    const { license } = await licman.must(`query($id: ID!) { license(id: $id) { version } }`, { id: ids.licenses.idea });
    await licman.must(`mutation($i: LicenseUpdateInput!) { licenseUpdate(input: $i) { license { id } errors { message } } }`, {
      i: { id: ids.licenses.idea, version: license.version, ownerId: ids.users.member },
    });
    const page = await signedIn(MEMBER);
    await page.goto(`${licman.url}/`);
    await page.getByTestId("dashboard").waitFor();
    await page.getByRole("heading", { name: "Seats I hold (1)" }).waitFor();
    assert.equal(await page.getByTestId("seats-used").count(), 0, "no organisation-wide seat totals");
    assert.equal(await page.getByTestId("spend-by-vendor").count(), 0, "no organisation-wide spend");
    assert.match(await page.getByTestId("mine-expiring").innerText(), /Design team\s+Expires in 5 days/);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My licenses" }).click();
    await page.waitForURL(/\/mine$/);
    await page.getByText("1 seat held · 1 license owned").waitFor();
    await page.waitForFunction(() => document.title === "My licenses · Licman");
    const seats = page.getByTestId("seats-i-hold");
    assert.match(await seats.innerText(), /Design team\s+Adobe/);
    assert.match(await seats.innerText(), /No end date/);
    assert.match(await page.getByTestId("licenses-i-own").innerText(), /IDEA Ultimate\s+Active\s+1 \/ 3/);
    await page.getByRole("link", { name: "IDEA Ultimate" }).click();
    await page.getByRole("heading", { name: /IDEA Ultimate/ }).waitFor();
    await page.context().close();
  });

  test("a license's History and the audit log read as sentences, with names, money and 'secret changed'", async () => {
    const admin = await signedIn({ email: licman.email, password: licman.password });
    await admin.goto(`${licman.url}/licenses/${ids.licenses.acrobat}/edit`);
    await admin.getByLabel("Cost per period").fill("250");
    await admin.getByLabel(/^(New secret|Secret)$/).fill("HISTORY-SECRET-1");
    await admin.getByRole("button", { name: "Save changes" }).click();
    await admin.waitForURL(/\/licenses\/[^/]+$/);
    const history = admin.getByTestId("history");
    await history.waitFor();
    const text = await history.innerText();
    assert.match(text, /changed the license/);
    assert.match(text, /Cost changed from €200\.00 to €250\.00/);
    assert.match(text, /Secret changed/);
    assert.doesNotMatch(text, /HISTORY-SECRET-1|cost_micros|version/);
    // Seats read with the holder's name (the member has none set: their e-mail).
    await admin.goto(`${licman.url}/licenses/${ids.licenses.design}`);
    assert.match(await admin.getByTestId("history").innerText(), /assigned a seat to m@x\.io/);

    // The audit log: the same wording, filtered by an object found by its name and a kind of change.
    await admin.goto(`${licman.url}/audit`);
    await admin.getByRole("searchbox", { name: "Object" }).fill("Acrobat");
    await admin.getByRole("button", { name: "Acrobat Pro (Adobe)" }).click();
    await admin.getByLabel("Kind of change").selectOption("license.update");
    await admin.getByRole("button", { name: "Apply filters" }).click();
    await admin.waitForURL(/action=license.update/);
    await admin.waitForFunction(() => {
      const rows = [...document.querySelectorAll("[data-testid=audit-event]")];
      return rows.length > 0 && rows.every((r) => r.getAttribute("data-action") === "license.update");
    });
    assert.match(await admin.getByTestId("history").innerText(), /Cost changed from €200\.00 to €250\.00/);
    await admin.context().close();
  });

  test("a new license for a new vendor: vendor and product made inline, the rest filled from the product's last license", async () => {
    const admin = await signedIn({ email: licman.email, password: licman.password });
    await admin.goto(`${licman.url}/licenses/new`);
    await admin.getByRole("button", { name: "New vendor or product…" }).click();
    await admin.getByRole("combobox", { name: "Vendor" }).fill("Figma Inc");
    await admin.getByLabel("New product").fill("Figma");
    await admin.getByRole("button", { name: "Add product" }).click();
    await admin.waitForFunction(
      () => document.querySelector("#license-productId")?.selectedOptions[0]?.textContent === "Figma Inc — Figma",
    );
    await admin.getByLabel("Name", { exact: true }).fill("Figma Org");
    await admin.getByRole("button", { name: "Create license" }).click();
    await admin.waitForURL(/\/licenses\/[^/]+$/);
    await admin.getByRole("heading", { name: /Figma Org/ }).waitFor();
    const { vendors } = await licman.must(`{ vendors { name products { name } } }`);
    assert.deepEqual(vendors.find((v) => v.name === "Figma Inc")?.products, [{ name: "Figma" }]);

    // An existing product offers its last license's terms.
    await admin.goto(`${licman.url}/licenses/new`);
    await admin.getByLabel("Product").selectOption({ label: "Adobe — Acrobat" });
    await admin.getByRole("button", { name: "Fill from Acrobat Pro" }).click();
    const { license } = await licman.must(`query($id: ID!) { license(id: $id) { seats cost currency } }`, {
      id: ids.licenses.acrobat,
    });
    assert.equal(await admin.getByLabel("Seats").inputValue(), String(license.seats));
    assert.equal(await admin.getByLabel("Cost per period").inputValue(), license.cost);
    assert.equal(await admin.getByLabel("Currency").inputValue(), license.currency);
    assert.equal(await admin.getByLabel("Billing period").inputValue(), "YEARLY");
    assert.equal(await admin.getByLabel("finance").isChecked(), true);
    await admin.context().close();
  });

  test("each route downloads no more than its byte budget, compressed (brotli, or gzip where only that is accepted)", async () => {
    const measured = {};
    const gzipped = {};
    for (const route of Object.keys(BUDGETS)) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      if (route !== "/sign-in") {
        const login = await context.request.post(`${licman.url}/auth/login`, {
          data: { email: licman.email, password: licman.password },
        });
        assert.equal(login.status(), 200);
      }
      const page = await context.newPage();
      const assets = [];
      page.on("requestfinished", (request) => {
        if (["script", "stylesheet"].includes(request.resourceType())) assets.push(request);
      });
      await page.goto(`${licman.url}${route}`);
      await page.locator("h1").first().waitFor();
      await page.waitForLoadState("networkidle");
      let bytes = 0;
      for (const request of assets) {
        const response = await request.response();
        const size = (await request.sizes()).responseBodySize;
        // The build compresses every asset of 512 bytes or more.
        if (size > 1024) assert.equal(response.headers()["content-encoding"], "br", request.url());
        bytes += size;
      }
      measured[route] = bytes;
      // The same files for a client that takes gzip only, and for one that takes nothing compressed.
      let gzipBytes = 0;
      for (const request of assets) {
        const url = request.url();
        const gz = await context.request.get(url, { headers: { "accept-encoding": "gzip" } });
        const plain = await context.request.get(url, { headers: { "accept-encoding": "identity" } });
        const plainLength = Number(plain.headers()["content-length"]);
        assert.equal(plain.headers()["content-encoding"], undefined, `${url} identity`);
        if (plainLength >= 512) {
          assert.equal(gz.headers()["content-encoding"], "gzip", `${url} gzip`);
          assert.match(gz.headers()["vary"] ?? "", /accept-encoding/i, `${url} Vary`);
          assert.ok(Number(gz.headers()["content-length"]) < plainLength, `${url}: gzip is smaller`);
        }
        assert.deepEqual(await gz.body(), await plain.body(), `${url}: the same file`);
        gzipBytes += Number(gz.headers()["content-length"]);
      }
      gzipped[route] = gzipBytes;
      await context.close();
    }
    console.log(`# bytes per route (brotli): ${JSON.stringify(measured)}; (gzip): ${JSON.stringify(gzipped)}`);
    for (const [route, budget] of Object.entries(BUDGETS)) {
      assert.ok(measured[route] <= budget, `${route}: ${measured[route]} bytes > budget ${budget}`);
      assert.ok(gzipped[route] <= GZIP_BUDGETS[route], `${route}: ${gzipped[route]} gzip bytes > budget ${GZIP_BUDGETS[route]}`);
    }
    assert.ok(measured["/sign-in"] < measured["/"], "sign-in loads less than the dashboard");
  });

  test("axe finds no violations on any screen, in the light and the dark theme", async () => {
    const found = [];
    for (const theme of ["light", "dark"]) {
      for (const user of [{ email: licman.email, password: licman.password }, MEMBER]) {
        const page = await newPage({ width: 1280, height: 860 }, theme, true);
        await page.goto(`${licman.url}/sign-in`);
        if (user === MEMBER) await check(page, `${theme} /sign-in`);
        await signIn(page, user);
        await page.getByRole("button", { name: /Account menu/ }).waitFor();
        for (const screen of SCREENS) {
          if (screen === "/explorer") continue; // GraphiQL's own markup, not ours
          await page.goto(`${licman.url}${screen.replace(":id", ids.licenses.design)}`);
          await page.locator("main").waitFor();
          await page.waitForLoadState("networkidle");
          await page.waitForFunction(() => !document.querySelector("main .animate-spin"));
          await check(page, `${theme} ${user === MEMBER ? "member" : "admin"} ${screen}`);
        }
        await page.context().close();
      }
    }
    async function check(page, where) {
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, { resultTypes: ["violations"] });
        return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(" ")}`);
      });
      for (const v of violations) found.push(`${where}: ${v}`);
    }
    assert.deepEqual(found, []);
  });

  test("the Vendors page searches vendors and products", async () => {
    const page = await signedIn(MEMBER);
    await page.goto(`${licman.url}/vendors`);
    await page.locator("[data-vendor='Atlassian']").waitFor();
    await page.getByRole("searchbox", { name: "Search vendors and products" }).fill("acro");
    await page.waitForFunction(() => document.querySelectorAll("[data-vendor]").length === 1);
    assert.equal(await page.locator("[data-vendor]").getAttribute("data-vendor"), "Adobe");
    await page.getByRole("searchbox", { name: "Search vendors and products" }).fill("nothing-like-this");
    await page.getByText("No vendor or product matches").waitFor();
    await page.context().close();
  });
});
