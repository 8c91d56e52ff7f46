// Time to the first image: headless Chromium (Debian's, driven by
// playwright-core, flags as tests/support/browser.ts) opens the viewer URL
// the study page would open, and the clock stops when the OHIF viewport
// shows more than 16 grey levels (tests/support/viewer.ts): an image, not a
// blank canvas.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { onCleanup } from "./cleanup.mjs";
import { callApi } from "./pacs-client.mjs";
import { summarise } from "./viewer-stats.mjs";

// The same flags as the browser tests (tests/support/browser.ts).
const CHROMIUM_FLAGS = JSON.parse(readFileSync(new URL("../../chromium-flags.json", import.meta.url), "utf8"));
const LAPTOP = { width: 1366, height: 768 };
const MIN_SHADES = 16;
const POLL_MS = 50;

export function findChromium() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync("which", ["chromium"], { encoding: "utf8" }).trim();
  } catch {
    return null;
  }
}

/** Same count as tests/support/viewer.ts countCanvasShades, run in the page. */
function countCanvasShades(page) {
  return page.evaluate(() => {
    const canvas = document.querySelector("canvas.cornerstone-canvas");
    const context = canvas && canvas.width > 0 ? canvas.getContext("2d") : null;
    if (!canvas || !context) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const shades = new Set();
    for (let i = 0; i < data.length; i += 4) shades.add(data[i]);
    return shades.size;
  });
}

/** One fresh context (no cache, no storage): milliseconds from navigation start to the image. */
async function timeOneLoad(browser, viewerUrl, timeoutMs) {
  const context = await browser.newContext({ viewport: LAPTOP });
  try {
    // Nothing outside this machine is reachable; fail such requests at once instead of waiting.
    await context.route(/^https:\/\//, (route) => route.abort());
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(viewerUrl, { waitUntil: "commit" });
    while ((await countCanvasShades(page)) <= MIN_SHADES) {
      if (performance.now() - started > timeoutMs) throw new Error(`the OHIF viewport showed no image within ${timeoutMs} ms (${viewerUrl})`);
      await page.waitForTimeout(POLL_MS);
    }
    return performance.now() - started;
  } finally {
    await context.close();
  }
}

/**
 * `loads` fresh page loads of the viewer for `studyUID`, each with a new
 * viewer session (as the study page's button does; the session request is
 * not timed: the clock starts at opening the viewer URL).
 */
export async function benchFirstImage({ root, emulators, user, studyUID, loads, timeoutMs = 90_000, log }) {
  const executablePath = findChromium();
  if (!executablePath) return { skipped: "Chromium is not installed (apt-get install chromium)" };
  const { createRequire } = await import("node:module");
  const { chromium } = createRequire(`${root}/package.json`)("playwright-core");
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS, headless: true });
  const close = onCleanup("Chromium", () => browser.close());
  const webOrigin = `http://127.0.0.1:${emulators.ports.web}`;
  try {
    const samples = [];
    for (let i = 0; i < loads; i += 1) {
      const { manifestPath } = await callApi(emulators.functionsOrigin, `/api/studies/${studyUID}/viewer-session`, { idToken: user.idToken, body: {} });
      const viewerUrl = `${webOrigin}/ohif/viewer/dicomjson?url=${encodeURIComponent(`${webOrigin}${manifestPath}`)}`;
      const ms = await timeOneLoad(browser, viewerUrl, timeoutMs);
      log(`  page load ${i + 1}/${loads}: first image after ${ms.toFixed(0)} ms`);
      samples.push(ms);
    }
    return summarise(samples);
  } finally {
    await close();
  }
}
