// Browser tests for the rest of issue 12's seats and money items, in Debian's Chromium against
// a real server (harness.mjs): the Seats view per person (seats held now and ended, with license,
// product, vendor, since and until), reached from a seat holder's name and from "Seats" in the
// navigation, and exported; the licenses list's cost in default_currency where a rate converts it
// (the original amount below), a cost without a rate shown apart; the tag and assignee filters and
// the bulk tag dialog asking the server (hundreds of users and tags seeded, never all fetched);
// and no horizontal overflow at 390 px.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import { Licman, ensureScreenshotsDir, launchBrowser, signedIn, tearDown } from "./harness.mjs";
import { seed } from "./seed.mjs";

const MEMBER = { email: "member@example.com", password: "a-long-enough-password", role: "member" };
const MANAGER = { email: "boss@example.com", password: "manager-password-123", role: "manager" };
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1400, height: 1000 };
const USERS = Number(process.env.SEATS_E2E_USERS ?? 250); // hundreds: more than a picker may ask for at once
const TAGS = Number(process.env.SEATS_E2E_TAGS ?? 150);
const CAP = 100; // the most a picker's query may ask for
const TIMEOUT = 15_000;

let licman;
let browser;
let ids;

/** Signed in as `user` (harness.signedIn), then at `path`; GraphQL errors are printed. */
async function signedInAt(user, path, viewport = DESKTOP) {
  const page = await signedIn(browser, licman, user, { viewport, timeout: TIMEOUT });
  page.on("response", async (response) => {
    if (!response.url().endsWith("/graphql")) return;
    const body = await response.json().catch(() => null);
    if (body?.errors) console.error(`[graphql] ${JSON.stringify(body.errors).slice(0, 500)}`);
  });
  await page.goto(`${licman.url}${path}`);
  return page;
}

/** Every GraphQL exchange of the page: operation name, variables, and the response's data. */
function recordGraphql(page) {
  const seen = [];
  page.on("response", async (response) => {
    if (!response.url().endsWith("/graphql") || response.request().method() !== "POST") return;
    const request = JSON.parse(response.request().postData() ?? "{}");
    try {
      const body = await response.json();
      seen.push({ name: request.operationName, variables: request.variables ?? {}, data: body.data ?? {} });
    } catch {
      // a response the page navigated away from
    }
  });
  return seen;
}

/** The longest list of users or tags in any response. */
function longestList(seen) {
  let most = 0;
  const walk = (value, key) => {
    if (Array.isArray(value)) {
      if (key === "users" || key === "tags") most = Math.max(most, value.length);
      value.forEach((v) => walk(v, key));
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  seen.forEach((s) => walk(s.data, ""));
  return most;
}

async function noOverflow(page, what) {
  await page.waitForLoadState("networkidle");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `${what} is ${width}px wide at ${PHONE.width}px`);
}

describe("Seats per person, costs in one currency, pickers that search", { timeout: 300_000 }, () => {
  before(async () => {
    licman = await Licman.start({
      users: [MEMBER, MANAGER],
      settings: { default_currency: "EUR", currency_rates: "USD=0.9" },
    });
    ids = await seed(licman, MEMBER.email);
    // The member held a seat of Acrobat Pro until it was taken back with a note.
    await licman.must(`mutation($i: LicenseAssignInput!) { licenseAssign(input: $i) { errors { message } } }`, {
      i: { licenseId: ids.licenses.acrobat, userId: ids.users.member },
    });
    await licman.must(`mutation($i: LicenseUnassignInput!) { licenseUnassign(input: $i) { errors { message } } }`, {
      i: { licenseId: ids.licenses.acrobat, userId: ids.users.member, note: "Moved to design" },
    });
    // A cost in pounds, for which no rate is configured.
    const pounds = await licman.must(
      `mutation($i: LicenseCreateInput!) { licenseCreate(input: $i) { license { id } errors { message } } }`,
      { i: { productId: ids.products.Acrobat, name: "Pound plan", cost: "100", currency: "GBP", billingPeriod: "YEARLY" } },
    );
    ids.licenses.pounds = pounds.licenseCreate.license.id;
    const many = [];
    for (let i = 0; i < USERS; i++) {
      const n = String(i).padStart(3, "0");
      many.push(
        licman.must(`mutation($i: UserCreateInput!) { userCreate(input: $i) { errors { message } } }`, {
          i: { email: `crowd${n}@example.com`, name: `Crowd ${n}` },
        }),
      );
      if (many.length === 10) await Promise.all(many.splice(0));
    }
    for (let i = 0; i < TAGS; i++) {
      const n = String(i).padStart(3, "0");
      many.push(
        licman.must(`mutation($i: TagCreateInput!) { tagCreate(input: $i) { errors { message } } }`, { i: { name: `label-${n}` } }),
      );
      if (many.length === 10) await Promise.all(many.splice(0));
    }
    await Promise.all(many);
    browser = await launchBrowser();
  });

  after(() => tearDown(browser, licman));

  test("a person's seats, held and ended, from the navigation and from a seat holder's name, exported", async () => {
    const page = await signedInAt(MANAGER, "/");
    // "Seats" is in the main navigation.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Seats", exact: true }).click();
    await page.getByRole("heading", { name: "Seats", exact: true }).waitFor();

    // A seat holder's name in the list links to their seats.
    await page.goto(`${licman.url}/licenses?product=${encodeURIComponent(ids.products.Photoshop)}`);
    await page.getByTestId("seat-holders").getByRole("link", { name: MEMBER.email }).click();
    await page.waitForURL(/\/seats\?person=/);
    await page.getByRole("heading", { name: `Seats held by ${MEMBER.email}` }).waitFor();
    const rows = page.locator("[data-testid=seat-row]");
    await rows.nth(1).waitFor();
    assert.equal(await rows.count(), 2);
    const headers = await page.locator("[data-testid=seats-table] thead th").allInnerTexts();
    assert.deepEqual(
      headers.map((h) => h.toLowerCase()),
      ["license", "product", "vendor", "since", "until"],
    );
    // Held now first (Design team, Photoshop, Adobe), then the ended seat with its note.
    const held = await rows.nth(0).innerText();
    assert.match(held, /Design team/);
    assert.match(held, /Photoshop/);
    assert.match(held, /Adobe/);
    assert.match(held, /license expiry/);
    const ended = await rows.nth(1).innerText();
    assert.match(ended, /Acrobat Pro/);
    assert.match(ended, /Ended /);
    assert.match(ended, /Moved to design/);
    assert.equal(await rows.nth(1).getAttribute("data-ended"), "true");
    assert.match(await page.getByText(/1 seat held now, 1 ended/).innerText(), /1 ended/);
    await page.screenshot({ path: join(ensureScreenshotsDir(), "seats-person.png"), fullPage: true });

    // Exported with the same filter: both seats, the ended one with when it ended.
    await page.getByRole("button", { name: "Export" }).click();
    const dialog = page.getByRole("dialog", { name: "Export" });
    await dialog.getByText("2 licenses match").waitFor();
    await dialog.getByRole("button", { name: "Export" }).click();
    const link = dialog.getByRole("link", { name: /Download .*\.csv/ });
    await link.waitFor();
    const response = await page.request.get(new URL(await link.getAttribute("href"), licman.url).toString());
    const lines = (await response.text()).trim().split(/\r?\n/);
    assert.equal(lines.length, 3, lines.join("\n")); // the header and two seats
    assert.match(lines[0], /endedAt/);
    assert.ok(lines.every((l, i) => i === 0 || l.includes(MEMBER.email)), lines.join("\n"));
    assert.ok(lines.some((l) => /Acrobat Pro/.test(l) && /\d{4}-\d\d-\d\d/.test(l.split(",").at(-1))), lines.join("\n"));
    await dialog.getByRole("button", { name: "Close" }).first().click();

    // The license page's holders link to their seats too.
    await page.goto(`${licman.url}/licenses/${ids.licenses.acrobat}`);
    await page.getByRole("list", { name: "Past seats" }).getByRole("link", { name: MEMBER.email }).click();
    await page.waitForURL(new RegExp(`person=${encodeURIComponent(ids.users.member)}`));
    await page.locator("[data-testid=seat-row]").nth(1).waitFor();
    await page.context().close();
  });

  test("a member finds Seats in the navigation and their own seats there", async () => {
    const page = await signedInAt(MEMBER, "/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Seats", exact: true }).click();
    await page.getByRole("button", { name: "My seats" }).click();
    await page.getByRole("heading", { name: "Seats held by you" }).waitFor();
    await page.locator("[data-testid=seat-row]").first().waitFor();
    assert.match(await page.locator("[data-testid=seats-table]").innerText(), /Design team/);
    await page.context().close();
  });

  test("the list shows costs in the default currency where a rate converts them, the rest apart", async () => {
    const page = await signedInAt(MANAGER, "/licenses?show=all");
    const table = page.locator("[data-testid=licenses-table]");
    const row = (name) => table.locator("tbody tr", { has: page.getByRole("link", { name, exact: true }) });
    await row("Pound plan").waitFor();
    const cost = (name) => row(name).locator("td[data-col=cost]");
    // Euros as they are; dollars converted (500 × 0.9) with the original below and in the title.
    assert.equal((await cost("Design team").innerText()).trim(), "€600.00");
    const idea = cost("IDEA Ultimate").getByTestId("cost-converted");
    assert.equal((await idea.innerText()).replace(/\s+/g, " ").trim(), "€450.00 $500.00");
    assert.match(await idea.getAttribute("title"), /\$500\.00 converted to EUR/);
    // Pounds: no rate, so in pounds and marked as not converted (never as euros).
    const apart = cost("Pound plan").getByTestId("cost-apart");
    assert.equal((await apart.innerText()).replace(/\s+/g, " ").trim(), "£100.00 not converted");
    await page.context().close();
  });

  test("the tag and assignee filters and the bulk tag dialog search on the server, never fetching every user or tag", async () => {
    const page = await signedInAt(MANAGER, "/dashboard-unused");
    const seen = recordGraphql(page);
    await page.goto(`${licman.url}/licenses?show=all`);
    await page.locator("[data-testid=licenses-table] tbody tr").first().waitFor();

    // The tag filter: typing asks the server, which answers a few.
    const tagBox = page.getByRole("combobox", { name: "Tag" });
    await tagBox.fill("label-01");
    await page.getByRole("option", { name: "label-019" }).waitFor();
    assert.equal(await page.getByRole("listbox").getByRole("option").count(), 10);
    await tagBox.fill("finance");
    await page.getByRole("option", { name: "finance" }).click();
    await page.waitForURL(new RegExp(`tag=${encodeURIComponent(ids.tags.finance)}`));
    await page.getByRole("link", { name: "Acrobat Pro" }).waitFor();
    await page.getByRole("link", { name: "Design team" }).waitFor({ state: "detached" });

    // The assignee filter: the same, over people.
    await page.getByRole("button", { name: "Clear filters" }).click();
    const personBox = page.getByRole("combobox", { name: "Assignee" });
    await personBox.fill("crowd01");
    await page.getByRole("option", { name: /Crowd 019/ }).waitFor();
    assert.equal(await page.getByRole("listbox").getByRole("option").count(), 10);
    await personBox.fill(MEMBER.email);
    await page.getByRole("option", { name: new RegExp(MEMBER.email.replace(".", "\\.")) }).click();
    await page.waitForURL(/assignee=/);
    await page.getByRole("link", { name: "Design team" }).waitFor();
    // The URL alone restores the filter, with the person's address in the box.
    await page.reload();
    await page.waitForFunction(
      (email) => document.querySelector("input[role=combobox][id$=-assignee]")?.value === email,
      MEMBER.email,
    );

    // The bulk tag dialog lists the server's first tags, never all of them.
    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.getByLabel("Select all licenses on this page").check();
    await page.getByRole("button", { name: /^Tag \d+ selected/ }).click();
    const dialog = page.getByRole("dialog", { name: /^Tag \d+ licenses/ });
    await dialog.waitFor();
    await dialog.locator("input[type=checkbox]").first().waitFor();
    const listed = await dialog.locator("input[type=checkbox]").count();
    assert.ok(listed > 0 && listed <= CAP, `${listed} tags listed`);
    await dialog.getByRole("searchbox", { name: "Find tags" }).fill("label-01");
    await page.waitForFunction(() => document.querySelectorAll("[role=dialog] input[type=checkbox]").length === 10);

    // What went over the wire: no list of more than CAP users or tags, every picker query capped.
    await page.waitForLoadState("networkidle");
    assert.ok(longestList(seen) <= CAP, `a response listed ${longestList(seen)} users or tags`);
    assert.ok(longestList(seen) < USERS && longestList(seen) < TAGS);
    const pickers = seen.filter((s) => ["UserPicker", "TagPicker", "TagSearch"].includes(s.name));
    assert.ok(pickers.length >= 4, JSON.stringify(seen.map((s) => s.name)));
    assert.ok(
      pickers.every((s) => s.variables.first > 0 && s.variables.first <= CAP),
      JSON.stringify(pickers.map((s) => s.variables)),
    );
    const list = seen.find((s) => s.name === "LicensesPage");
    assert.ok(list && !("users" in list.data) && !("tags" in list.data), "the list's query fetches no user or tag list");
    await page.context().close();
  });

  test("no horizontal overflow at 390 px: a person's seats, the list with costs and pickers", async () => {
    const page = await signedInAt(MANAGER, `/seats?person=${encodeURIComponent(ids.users.member)}`, PHONE);
    const row = page.locator("[data-testid=seat-row]").nth(1);
    await row.waitFor();
    assert.equal(await row.evaluate((tr) => getComputedStyle(tr).display), "block");
    await noOverflow(page, "a person's Seats view");
    await page.goto(`${licman.url}/licenses?show=all`);
    await page.locator("[data-testid=licenses-table] tbody tr").first().waitFor();
    await noOverflow(page, "the license list");
    await page.getByRole("button", { name: /^Filters/ }).click();
    await page.getByRole("combobox", { name: "Tag" }).fill("label-1");
    await page.getByRole("listbox").getByRole("option").first().waitFor();
    await noOverflow(page, "the license list with the tag picker open");
    await page.context().close();
  });
});
