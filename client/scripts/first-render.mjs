// What a signed-in page's first render costs on the main thread, in figures that depend little
// on the machine's load (unlike Lighthouse's scores): the long tasks (count and total length,
// with Chrome's own 4x CPU slowdown applied, as Lighthouse's phone run assumes), the bytes of
// JavaScript downloaded and executed by the time the page settles, and where the script time
// went (a sampling CPU profile, self time by file and by function).
//   node scripts/first-render.mjs [--only=dashboard,licenses] [--runs=3] [--top=15]
// (needs `npm run build` first; seeds a fresh Licman like scripts/lighthouse.mjs).
import { createRequire } from "node:module";
import { join } from "node:path";

import { CHROMIUM, Licman, clientDir } from "../../tests/e2e/harness.mjs";
import { seed } from "../../tests/e2e/seed.mjs";

const { chromium } = createRequire(join(clientDir, "package.json"))("playwright-core");
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = arg("only")?.split(",");
const runs = Number(arg("runs") ?? 3);
const top = Number(arg("top") ?? 15);
const PAGES = [
  ["dashboard", "/", "main h1"],
  ["licenses", "/licenses", "main h1"],
];

const OBSERVE = `
  window.__lt = []; window.__lcp = 0;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push([Math.round(e.startTime), Math.round(e.duration)]); })
    .observe({ type: "longtask", buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lcp = Math.round(e.startTime); })
    .observe({ type: "largest-contentful-paint", buffered: true });
`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const licman = await Licman.start({ users: [{ email: "m@x.io", password: "member-password-123" }] });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
try {
  await seed(licman, "m@x.io");
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  await page.goto(`${licman.url}/sign-in`);
  await page.getByLabel("E-mail").fill(licman.email);
  await page.getByLabel("Password").fill(licman.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: /Account menu/ }).waitFor();
  await page.close();
  await context.addInitScript(OBSERVE);
  for (const [name, path, ready] of PAGES) {
    if (only && !only.includes(name)) continue;
    const results = [];
    const byFile = new Map();
    const byFunction = new Map();
    for (let i = 0; i < runs; i++) {
      const p = await context.newPage();
      const cdp = await context.newCDPSession(p);
      await cdp.send("Network.enable");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.startPreciseCoverage", { callCount: false, detailed: false });
      await cdp.send("Profiler.start");
      const bytes = new Map(); // script url -> decoded length
      cdp.on("Network.responseReceived", (e) => {
        if (e.type === "Script") bytes.set(e.response.url, e.requestId);
      });
      await p.goto(`${licman.url}${path}`, { waitUntil: "networkidle" });
      await p.locator(ready).first().waitFor();
      await p.waitForTimeout(500);
      const { profile } = await cdp.send("Profiler.stop");
      const { result: coverage } = await cdp.send("Profiler.takePreciseCoverage");
      const [longTasks, lcp] = await p.evaluate(() => [globalThis.__lt, globalThis.__lcp]);
      let loaded = 0;
      let executed = 0;
      for (const script of coverage) {
        if (!script.url.startsWith(licman.url) || !bytes.has(script.url)) continue;
        const { body } = await cdp.send("Network.getResponseBody", { requestId: bytes.get(script.url) });
        loaded += body.length;
        // Function-level coverage: the whole script minus the functions never called.
        const unused = script.functions
          .flatMap((f) => f.ranges)
          .filter((r) => r.count === 0)
          .reduce((sum, r) => sum + (r.endOffset - r.startOffset), 0);
        executed += Math.max(0, body.length - unused);
      }
      // Self time per node (samples x interval), by file and by function.
      const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
      const self = new Map();
      profile.samples.forEach((id, k) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[k + 1] ?? 0)));
      for (const [id, us] of self) {
        const f = nodes.get(id).callFrame;
        const file = f.url ? f.url.replace(licman.url, "") : `(${f.functionName || "program"})`;
        byFile.set(file, (byFile.get(file) ?? 0) + us / 1000 / runs);
        const fn = `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
        byFunction.set(fn, (byFunction.get(fn) ?? 0) + us / 1000 / runs);
      }
      results.push({
        lcp_ms: lcp,
        long_tasks: longTasks.length,
        long_ms: longTasks.reduce((s, [, d]) => s + d, 0),
        blocking_ms: longTasks.reduce((s, [, d]) => s + Math.max(0, d - 50), 0),
        longest_ms: Math.max(0, ...longTasks.map(([, d]) => d)),
        js_loaded_B: loaded,
        js_executed_B: executed,
      });
      await p.close();
    }
    console.log(`\n== ${name} (${runs} runs, CPU 4x, no cache)`);
    console.table(results);
    const keys = Object.keys(results[0]);
    console.log("median:", Object.fromEntries(keys.map((k) => [k, median(results.map((r) => r[k]))])));
    const rows = (m) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([k, ms]) => `${ms.toFixed(0).padStart(6)} ms  ${k}`)
        .join("\n");
    console.log(`self time by file (mean per run):\n${rows(byFile)}`);
    console.log(`self time by function (mean per run):\n${rows(byFunction)}`);
  }
} finally {
  await browser.close();
  await licman.stop();
}
