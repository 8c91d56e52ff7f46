// Time to the first image, cold and warm: headless Chromium (Debian's, driven
// by playwright-core, flags as tests/support/browser.ts) opens the viewer URL
// the study page would open, and the clock stops when the OHIF viewport
// shows more than 16 grey levels (tests/support/viewer.ts): an image, not a
// blank canvas. Each round is one fresh browser profile (a new user data
// directory): its first visit is cold (empty HTTP cache, no compiled code),
// the later ones warm (same profile: HTTP cache and V8's code cache on disk,
// as a reader's second study). A profile on disk, not an incognito context:
// an in-memory cache evicts OHIF's bundles for the study's 150 MB of images.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onCleanup } from "./cleanup.mjs";
import { buildLoadBreakdown, summariseLoads } from "./viewer-timing.mjs";
import { summariseTrace, TRACE_CATEGORIES } from "./viewer-trace.mjs";

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

/** Same count as tests/support/viewer.ts countCanvasShades, run in the page; also the page's clock. */
function readCanvas(page) {
  return page.evaluate(() => {
    const now = performance.now();
    const canvas = document.querySelector("canvas.cornerstone-canvas");
    const context = canvas && canvas.width > 0 ? canvas.getContext("2d") : null;
    if (!canvas || !context) return { shades: 0, now };
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const shades = new Set();
    for (let i = 0; i < data.length; i += 4) shades.add(data[i]);
    return { shades: shades.size, now };
  });
}

/** The page's Resource Timing entries, as plain objects. */
function readResources(page) {
  return page.evaluate(() =>
    performance.getEntriesByType("resource").map(({ name, initiatorType, startTime, responseEnd, transferSize, encodedBodySize, decodedBodySize }) => ({
      name,
      initiatorType,
      startTime,
      responseEnd,
      transferSize,
      encodedBodySize,
      decodedBodySize,
    })),
  );
}

/**
 * A viewer session as the study page's button gets one: POST through
 * Hosting's /api rewrite, from the context's own request client, so the
 * __session cookie lands in this context's jar. Returns the viewer URL.
 */
async function openSession(context, webOrigin, studyUID, idToken) {
  const response = await context.request.post(`${webOrigin}/api/studies/${studyUID}/viewer-session`, { headers: { Authorization: `Bearer ${idToken}` }, data: {} });
  if (!response.ok()) throw new Error(`POST viewer-session: HTTP ${response.status()}: ${(await response.text()).slice(0, 300)}`);
  const { manifestPath } = await response.json();
  return `${webOrigin}/ohif/viewer/dicomjson?url=${encodeURIComponent(`${webOrigin}${manifestPath}`)}`;
}

/** Starts a Chrome trace of `page` over CDP; the returned function ends it and gives the trace JSON. */
async function startTracing(context, page) {
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on("Tracing.dataCollected", ({ value }) => events.push(...value));
  await cdp.send("Tracing.start", { categories: TRACE_CATEGORIES.join(","), transferMode: "ReportEvents" });
  return async () => {
    const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
    await cdp.send("Tracing.end");
    await complete;
    return JSON.stringify({ traceEvents: events });
  };
}

/**
 * One visit in `context`, in a new tab: the breakdown from navigation to the
 * image. With `tracePath`, also a Chrome trace (saved there) and its main-thread
 * summary up to the manifest request, as `load.boot`.
 */
async function timeOneVisit(context, viewerUrl, timeoutMs, tracePath) {
  const page = await context.newPage();
  const tracing = tracePath ? await startTracing(context, page) : null;
  try {
    const started = performance.now();
    await page.goto(viewerUrl, { waitUntil: "commit" });
    for (;;) {
      const { shades, now } = await readCanvas(page);
      if (shades > MIN_SHADES) {
        const load = buildLoadBreakdown(await readResources(page), now);
        if (!tracePath) return load;
        const trace = await tracing();
        writeFileSync(tracePath, trace);
        return { ...load, boot: summariseTrace(trace, load.stages.boot) };
      }
      if (performance.now() - started > timeoutMs) throw new Error(`the OHIF viewport showed no image within ${timeoutMs} ms (${viewerUrl})`);
      await page.waitForTimeout(POLL_MS);
    }
  } finally {
    await page.close();
  }
}

/**
 * What the study page does before the click (apps/web/src/lib/warm-viewer.ts):
 * prefetch the files in /ohif/pacs-boot-files.json, here from a page of our
 * origin, until every one has loaded. Returns how many; 0 when the build has no list.
 */
async function prefetchLikeStudyPage(context, webOrigin) {
  const page = await context.newPage();
  try {
    await page.goto(`${webOrigin}/`, { waitUntil: "load" });
    return await page.evaluate(async () => {
      const response = await fetch("/ohif/pacs-boot-files.json");
      // Without the list, Hosting's /ohif/** rewrite answers with OHIF's page.
      if (!response.ok || !(response.headers.get("content-type") ?? "").includes("json")) return 0;
      const urls = await response.json();
      await Promise.all(
        urls.map(
          (url) =>
            new Promise((resolve) => {
              const link = Object.assign(document.createElement("link"), { rel: "prefetch", href: url, as: url.endsWith(".css") ? "style" : "script" });
              link.onload = link.onerror = resolve;
              document.head.append(link);
            }),
        ),
      );
      return urls.length;
    });
  } finally {
    await page.close();
  }
}

const describe = (load) =>
  `${load.totalMs.toFixed(0)} ms (boot ${load.stages.boot.toFixed(0)}, manifest ${load.stages.manifest.toFixed(0)}, first pixels ${load.stages.firstPixels.toFixed(0)}, drawn ${load.stages.drawn.toFixed(0)}; ` +
  `${load.bootScripts.count} scripts before the manifest, ${(load.bootScripts.transferBytes / 1e6).toFixed(1)} MB over the wire, ${(load.bootScripts.decodedBytes / 1e6).toFixed(1)} MB decoded)`;

const describeBoot = (boot) =>
  Object.entries(boot)
    .map(([key, value]) => `${key.replace(/Ms$/, "")} ${value.toFixed(0)}`)
    .join(", ") + " ms";

/**
 * `rounds` fresh browser profiles, each with one cold visit and `warmVisits`
 * warm ones, every visit with a new viewer session (the session request is
 * not timed: the clock starts at opening the viewer URL).
 */
export async function benchFirstImage({ root, emulators, user, studyUID, rounds, warmVisits, trace = false, traceDir, timeoutMs = 90_000, log }) {
  const executablePath = findChromium();
  if (!executablePath) return { skipped: "Chromium is not installed (apt-get install chromium)" };
  const { createRequire } = await import("node:module");
  const { chromium } = createRequire(`${root}/package.json`)("playwright-core");
  const profiles = mkdtempSync(join(tmpdir(), "pacs-bench-chromium-"));
  let profile = 0;
  /** A fresh browser with its own profile directory: nothing cached, nothing compiled. */
  const launchFresh = async () => {
    profile += 1;
    const context = await chromium.launchPersistentContext(join(profiles, String(profile)), { executablePath, args: CHROMIUM_FLAGS, headless: true, viewport: LAPTOP });
    const close = onCleanup("Chromium", () => context.close());
    return { context, close };
  };
  const webOrigin = `http://127.0.0.1:${emulators.ports.web}`;
  const cold = [];
  const warm = [];
  try {
    for (let round = 1; round <= rounds; round += 1) {
      const { context, close } = await launchFresh();
      try {
        // No context.route() here: Playwright turns the HTTP cache off in a context that routes
        // requests, and the warm visits are about that cache. OHIF's CSP keeps it on our origins.
        // OHIF fetches hundreds of resources; keep every entry, not the default 250.
        await context.addInitScript(() => performance.setResourceTimingBufferSize(100_000));
        for (let visit = 0; visit <= warmVisits; visit += 1) {
          const kind = visit === 0 ? "cold" : `warm ${visit}`;
          // The first round's cold and first warm visit are traced with --trace.
          const tracePath = trace && round === 1 && visit <= 1 ? join(traceDir, `viewer-trace-${visit === 0 ? "cold" : "warm"}.json`) : undefined;
          if (tracePath) mkdirSync(traceDir, { recursive: true });
          const load = await timeOneVisit(context, await openSession(context, webOrigin, studyUID, user.idToken), timeoutMs, tracePath);
          (visit === 0 ? cold : warm).push(load);
          log(`  round ${round}/${rounds}, ${kind}: ${describe(load)}`);
          if (load.boot) log(`    main thread until the manifest request (${tracePath}): ${describeBoot(load.boot)}`);
        }
      } finally {
        await close();
      }
    }
    // Cold again (a fresh profile each), but after the study page's prefetch: the click a reader makes.
    const prefetched = [];
    for (let round = 1; round <= rounds; round += 1) {
      const { context, close } = await launchFresh();
      try {
        await context.addInitScript(() => performance.setResourceTimingBufferSize(100_000));
        const files = await prefetchLikeStudyPage(context, webOrigin);
        if (files === 0) break;
        const load = await timeOneVisit(context, await openSession(context, webOrigin, studyUID, user.idToken), timeoutMs);
        prefetched.push(load);
        log(`  round ${round}/${rounds}, cold after the study page prefetched ${files} files: ${describe(load)}`);
      } finally {
        await close();
      }
    }
    return { cold: summariseLoads(cold), warm: summariseLoads(warm), prefetched: summariseLoads(prefetched), rounds, warmVisits };
  } finally {
    rmSync(profiles, { recursive: true, force: true });
  }
}
