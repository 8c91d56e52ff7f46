// Lighthouse (the npm package) on one URL in Debian's Chromium, launched by
// chrome-launcher with the flags of the browser tests and a profile of its
// own, desktop preset. Storage is not reset between runs: the session lives
// in IndexedDB. The HTTP cache is emptied before each run instead, so every
// audited load is a first visit apart from the session.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onCleanup } from "./cleanup.mjs";

const CHROMIUM_FLAGS = JSON.parse(readFileSync(new URL("../../chromium-flags.json", import.meta.url), "utf8"));

/** The audits printed: Lighthouse's own ids. */
export const METRICS = {
  "first-contentful-paint": "FCP",
  "largest-contentful-paint": "LCP",
  "total-blocking-time": "TBT",
  "cumulative-layout-shift": "CLS",
  "speed-index": "SI",
};
export const CATEGORIES = ["performance", "accessibility", "best-practices"];

/** Starts Chromium with a remote-debugging port; returns the port and stop(). */
export async function launchChromium({ chromePath }) {
  const chromeLauncher = await import("chrome-launcher");
  const userDataDir = mkdtempSync(join(tmpdir(), "pacs-lighthouse-"));
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: [...CHROMIUM_FLAGS, "--window-size=1350,940"], userDataDir, logLevel: "silent" });
  const stop = onCleanup("Chromium", async () => {
    await chrome.kill();
    rmSync(userDataDir, { recursive: true, force: true });
  });
  return { port: chrome.port, stop };
}

/** Empties the browser's HTTP cache over CDP (Playwright attaches, then detaches). */
async function clearHttpCache(root, port) {
  const { chromium } = createRequire(join(root, "package.json"))("playwright-core");
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const page = await browser.contexts()[0].newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.clearBrowserCache");
    await page.close();
  } finally {
    await browser.close();
  }
}

/** One Lighthouse run: category scores (0-100), metric values, and the audits that cost performance points. */
export async function runLighthouse({ root, url, port }) {
  const { default: lighthouse } = await import("lighthouse");
  const { default: desktopConfig } = await import("lighthouse/core/config/desktop-config.js");
  await clearHttpCache(root, port);
  const result = await lighthouse(url, { port, output: "json", logLevel: "error", disableStorageReset: true, onlyCategories: CATEGORIES }, desktopConfig);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(url).pathname) throw new Error(`Lighthouse ended on ${lhr.finalDisplayedUrl}, not ${url}: the session was lost`);
  const scores = Object.fromEntries(CATEGORIES.map((id) => [id, Math.round((lhr.categories[id]?.score ?? 0) * 100)]));
  const metrics = Object.fromEntries(Object.keys(METRICS).map((id) => [id, lhr.audits[id]?.numericValue ?? null]));
  const failing = Object.values(lhr.audits)
    .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "notApplicable" && a.scoreDisplayMode !== "manual")
    .map((a) => ({ id: a.id, score: a.score, displayValue: a.displayValue ?? "" }));
  const lcpElement = JSON.stringify(lhr.audits["largest-contentful-paint-element"]?.details ?? null).match(/"snippet":"((?:[^"\\]|\\.)*)"/)?.[1] ?? null;
  return { scores, metrics, failing, lcpElement, lighthouseVersion: lhr.lighthouseVersion, lhr };
}
