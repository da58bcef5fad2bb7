// The screenshots in README.md ("What it looks like") and client/README.md: the main screens as
// an admin and as a member, at desktop width and at a 390 px phone, taken from the real app over
// the seeded data of seed.mjs (dates relative to today, so every run shows the same picture).
// Running the suite rewrites client/screenshots/<screen>-<role>-<desktop|phone>.png. Each shot
// is also a check: the screen has its heading, no horizontal overflow, and no console error.
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";

import { Licman, ensureScreenshotsDir, launchBrowser, repo, screenshotsDir, signIn, tearDown } from "./harness.mjs";
import { seed } from "./seed.mjs";

const MEMBER = { email: "m@x.io", password: "member-password-123" };
const FORMS = {
  desktop: { viewport: { width: 1280, height: 800 }, fullPage: true },
  phone: {
    viewport: { width: 390, height: 844 },
    fullPage: true,
    isMobile: true,
    hasTouch: true,
  },
};
// Keeps the README light: a shot past this many bytes fails (raise it knowingly).
const MAX_BYTES = 200_000;

let licman;
let browser;
let ids;

/** [file name, path, heading] per role; `:design` is the license both roles can see. */
const SHOTS = {
  admin: [
    ["dashboard", "/", "Dashboard"],
    ["licenses", "/licenses", "Licenses"],
    ["license", "/licenses/:design", "Design team"],
  ],
  member: [
    ["dashboard", "/", "Dashboard"],
    ["mine", "/mine", "My licenses"],
    ["license", "/licenses/:design", "Design team"],
  ],
};

/** Pairs of x-axis labels of the dashboard's charts whose boxes overlap (none expected). */
async function overlappingTicks(page) {
  return page.evaluate(() => {
    const found = [];
    for (const figure of document.querySelectorAll("[data-testid^=spend-by]")) {
      const boxes = [...figure.querySelectorAll(".recharts-xAxis-tick-labels text")]
        .map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }))
        .sort((a, b) => a.box.left - b.box.left);
      if (boxes.length === 0) found.push(`${figure.dataset.testid}: no labels`);
      for (let i = 1; i < boxes.length; i++) {
        if (boxes[i].box.left < boxes[i - 1].box.right)
          found.push(`${figure.dataset.testid}: ${boxes[i - 1].text} / ${boxes[i].text}`);
      }
    }
    return found;
  });
}

describe("screenshots of the main screens", { timeout: 600_000 }, () => {
  before(async () => {
    licman = await Licman.start({ users: [MEMBER] });
    ids = await seed(licman, MEMBER.email);
    browser = await launchBrowser();
  });

  after(() => tearDown(browser, licman));

  for (const [formName, form] of Object.entries(FORMS)) {
    test(`sign-in, and the main screens as admin and member, at ${formName} width`, async () => {
      const shots = ensureScreenshotsDir();
      const written = [];
      const errors = [];
      for (const role of ["admin", "member"]) {
        const user = role === "admin" ? { email: licman.email, password: licman.password } : MEMBER;
        const context = await browser.newContext({
          viewport: form.viewport,
          isMobile: form.isMobile ?? false,
          hasTouch: form.hasTouch ?? false,
          deviceScaleFactor: 1,
          colorScheme: "light",
          reducedMotion: "reduce",
          locale: "en-US",
          timezoneId: "UTC",
        });
        const page = await context.newPage();
        page.setDefaultTimeout(15_000);
        page.on("pageerror", (error) => errors.push(`${role}: ${error.message}`));
        page.on("console", (message) => message.type() === "error" && errors.push(`${role}: ${message.text()}`));
        await page.goto(`${licman.url}/sign-in`);
        await page.getByLabel("E-mail").waitFor();
        if (role === "admin") written.push(await shoot(page, `sign-in-${formName}.png`));
        await signIn(page, user);
        await page.getByRole("button", { name: /Account menu/ }).waitFor();
        for (const [name, path, heading] of SHOTS[role]) {
          await page.goto(`${licman.url}${path.replace(":design", ids.licenses.design)}`);
          await page.getByRole("heading", { level: 1, name: heading }).waitFor();
          await page.waitForLoadState("networkidle");
          await page.waitForFunction(() => !document.querySelector("main .animate-spin"));
          // Charts draw once scrolled into view, after their container is measured: wait for
          // the bars of each.
          if (name === "dashboard" && role === "admin") {
            for (const chart of ["spend-by-vendor", "spend-by-month"]) {
              await page.getByTestId(chart).scrollIntoViewIfNeeded();
              await page.getByTestId(chart).locator(".recharts-bar-rectangle").first().waitFor();
            }
            await page.evaluate(() => window.scrollTo(0, 0));
            assert.deepEqual(await overlappingTicks(page), [], `chart labels overlap at ${formName} width`);
          }
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(width <= form.viewport.width, `${role} ${path} at ${formName}: ${width}px wide`);
          written.push(await shoot(page, `${name}-${role}-${formName}.png`));
        }
        await context.close();
      }
      assert.deepEqual(errors, [], "console errors while taking the screenshots");
      for (const [file, bytes] of written) assert.ok(bytes <= MAX_BYTES, `${file}: ${bytes} bytes > ${MAX_BYTES}`);
      console.log(
        `# screenshots (${formName}): ${written.map(([f, b]) => `${f} ${Math.round(b / 1000)} kB`).join(", ")}`,
      );

      async function shoot(page, file) {
        const path = join(shots, file);
        await page.screenshot({
          path,
          fullPage: form.fullPage,
          animations: "disabled",
          caret: "hide",
        });
        return [file, statSync(path).size];
      }
    });
  }

  test("every screenshot the READMEs show is one a browser suite writes", () => {
    // This suite's own, and the names other suites pass to page.screenshot (written literally).
    const ours = Object.keys(FORMS).flatMap((form) => [
      `sign-in-${form}.png`,
      ...Object.entries(SHOTS).flatMap(([role, shots]) => shots.map(([name]) => `${name}-${role}-${form}.png`)),
    ]);
    const here = dirname(fileURLToPath(import.meta.url));
    const suites = readdirSync(here)
      .filter((f) => f.endsWith(".test.mjs"))
      .map((f) => readFileSync(join(here, f), "utf8"))
      .join("\n");
    const shown = new Set();
    for (const readme of ["README.md", "client/README.md"]) {
      for (const [, file] of readFileSync(join(repo, readme), "utf8").matchAll(/screenshots\/([\w.-]+\.png)/g)) shown.add(file);
    }
    assert.ok(shown.size >= 10, `only ${shown.size} screenshots found in the READMEs`);
    const written = (file) => ours.includes(file) || suites.includes(`"${file}"`) || suites.includes(`/${file}\``);
    const stale = [...shown].filter((file) => !written(file));
    assert.deepEqual(stale, [], "screenshots in a README that no browser suite writes");
    const missing = [...shown].filter((file) => !existsSync(join(screenshotsDir, file)));
    assert.deepEqual(missing, [], "screenshots in a README that are not in client/screenshots");
  });
});
