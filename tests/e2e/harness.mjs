// The browser tests' world: a real Licman server in a temporary home (its own SQLite
// database), an admin token to seed data through GraphQL, and Debian's Chromium through
// playwright-core. Nothing here is mocked.
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, "../..");
export const clientDir = join(repo, "client");
export const screenshotsDir = join(clientDir, "screenshots");
// playwright-core is installed with the client's packages.
const require = createRequire(join(clientDir, "package.json"));
const { chromium } = require("playwright-core");

const venvBin = process.env.LICMAN_VENV_BIN ?? join(repo, ".venv", "bin");
const licmanBin = join(venvBin, "licman");
const pythonBin = join(venvBin, "python");
export const CHROMIUM = process.env.LICMAN_CHROMIUM ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/** The environment for licman commands: this test's home, none of the caller's LICMAN_*.
 * Passwords are hashed at argon2id's minimum cost (licman/security/passwords.py's
 * TEST_ONLY_CHEAP) unless LICMAN_TEST_PASSWORD_HASHING=production: a production hash costs
 * up to a second of CPU per user made or sign-in on a loaded CI machine. */
export function licmanEnv(home) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("LICMAN_")));
  const hashing = process.env.LICMAN_TEST_PASSWORD_HASHING ?? "cheap";
  return { ...env, LICMAN_HOME: home, LICMAN_LOG_LEVEL: "warning", LICMAN_TEST_PASSWORD_HASHING: hashing };
}

async function cli(home, args, input) {
  if (input === undefined) {
    const { stdout } = await run(licmanBin, args, { env: licmanEnv(home), cwd: home });
    return stdout;
  }
  return await new Promise((ok, fail) => {
    const child = execFile(licmanBin, args, { env: licmanEnv(home), cwd: home }, (error, stdout, stderr) =>
      error ? fail(new Error(`licman ${args.join(" ")}: ${stderr || error.message}`)) : ok(stdout),
    );
    child.stdin.end(input);
  });
}

async function waitReady(url, child, logPath, seconds = 90) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited early:\n${readFileSync(logPath, "utf8")}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not become ready:\n${readFileSync(logPath, "utf8")}`);
}

function startProcess(command, args, home, logName) {
  const logPath = join(home, logName);
  const log = openSync(logPath, "w");
  const child = spawn(command, args, { env: licmanEnv(home), cwd: repo, stdio: ["ignore", log, log] });
  return { child, logPath };
}

function stopProcess(child) {
  return new Promise((ok) => {
    if (child.exitCode !== null) return ok();
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      ok();
    });
    child.kill("SIGTERM");
  });
}

/** Builds the client if there is no build yet (the tests use what `npm run build` made). */
export async function ensureClientBuilt() {
  if (existsSync(join(clientDir, "dist", "index.html"))) return;
  await run("npx", ["vite", "build"], { cwd: clientDir });
}

export class Licman {
  /** Sets up a fresh installation and serves it; `users` ({email, password, role}) are created
   * with the CLI while the server starts. */
  static async start({ users = [], settings = {} } = {}) {
    const home = mkdtempSync(join(tmpdir(), "licman-e2e-"));
    // Settings for this installation (`.licman-cfg.yml`: YAML keys, string values).
    const yaml = Object.entries(settings).map(([k, v]) => `${k}: ${JSON.stringify(v)}\n`);
    if (yaml.length) writeFileSync(join(home, ".licman-cfg.yml"), yaml.join(""));
    const [init] = await Promise.all([cli(home, ["init"]), ensureClientBuilt()]);
    const password = /password: +(\S+)/.exec(init)?.[1];
    const email = /e-mail: +(\S+)/.exec(init)?.[1];
    if (!password || !email) throw new Error(`licman init printed no admin password:\n${init}`);
    const [token, server, servesClient] = await Promise.all([
      cli(home, ["token", "create", "--user", email]).then((out) => out.trim()),
      Licman.#serve(home),
      ...users.map((u) =>
        cli(home, ["user", "create", "--email", u.email, "--role", u.role ?? "member", "--password-stdin"], `${u.password}\n`),
      ),
    ]).then(([t, s]) => [t, s.server, s.servesClient]);
    return new Licman({ home, url: server.url, email, password, token, server, servesClient });
  }

  static async #serve(home) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let server = startProcess(licmanBin, ["serve", "--port", String(port)], home, "server.log");
    await waitReady(url, server.child, server.logPath);
    const page = await fetch(`${url}/`);
    const servesClient = page.ok && (await page.text()).includes('id="root"');
    if (!servesClient) {
      // licman/app.py does not mount the client yet: run the same app with it mounted.
      await stopProcess(server.child);
      server = startProcess(pythonBin, [join(here, "serve_with_client.py"), String(port)], home, "server.log");
      await waitReady(url, server.child, server.logPath);
    }
    server.url = url;
    return { server, servesClient };
  }

  constructor(fields) {
    Object.assign(this, fields);
  }

  /** GraphQL as the admin, with the bearer token (no cookie, so no CSRF header). */
  async graphql(query, variables = {}) {
    const response = await fetch(`${this.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    return body;
  }

  /** Like graphql(), but any error fails the test; returns data. */
  async must(query, variables = {}) {
    const body = await this.graphql(query, variables);
    if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    const payloadErrors = Object.values(body.data ?? {}).flatMap((v) => (v && Array.isArray(v.errors) ? v.errors : []));
    if (payloadErrors.length) throw new Error(`payload errors: ${JSON.stringify(payloadErrors)}`);
    return body.data;
  }

  log() {
    return existsSync(this.server.logPath) ? readFileSync(this.server.logPath, "utf8") : "";
  }

  async stop() {
    await stopProcess(this.server.child);
    rmSync(this.home, { recursive: true, force: true });
  }
}

export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export function ensureScreenshotsDir() {
  mkdirSync(screenshotsDir, { recursive: true });
  return screenshotsDir;
}

/** A suite's `after`: close the browser, print the end of the server's log if a test failed,
 * and stop the server. */
export async function tearDown(browser, licman) {
  await browser?.close();
  if (process.exitCode && licman) console.error(licman.log().slice(-4000));
  await licman?.stop();
}

/** A page in a fresh browser context (its own cookies): 1280×860, light, en-US unless `options`
 * (Playwright's newContext options) say otherwise; `timeout` is Playwright's default wait (ms),
 * `permissions` are granted to the context. Errors thrown in the page are printed. */
export async function newPage(
  browser,
  { viewport = { width: 1280, height: 860 }, colorScheme = "light", locale = "en-US", timeout = 10_000, permissions = [], ...options } = {},
) {
  const context = await browser.newContext({ viewport, colorScheme, locale, ...options });
  if (permissions.length) await context.grantPermissions(permissions);
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  page.on("pageerror", (error) => console.error(`[browser] ${error.message}`));
  return page;
}

/** Fills the sign-in form on `page` with `user` ({email, password}) and submits it; waits for
 * nothing (the caller says what should follow, a refusal included). */
export async function signIn(page, user) {
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** A new page (see newPage for `options`) signed in as `user` at `licman`: it opens `path`
 * (a screen behind sign-in sends to the form and back), signs in and waits until the app shows
 * the account menu. */
export async function signedIn(browser, licman, user, { path = "/sign-in", ...options } = {}) {
  const page = await newPage(browser, options);
  await page.goto(`${licman.url}${path}`);
  await signIn(page, user);
  await page.getByRole("button", { name: /Account menu/ }).waitFor();
  return page;
}
