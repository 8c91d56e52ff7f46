/**
 * Debian's Chromium driven by playwright-core (its own browser download cannot
 * run here). SwiftShader gives the viewer WebGL2 without a GPU.
 */
import { execFileSync } from "node:child_process";
import { TRACKING_CONSENT_KEY, TrackingConsent } from "@pacs/shared";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import chromiumFlags from "../../scripts/chromium-flags.json";
import { webUrl } from "./emulators";

function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync("which", ["chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("Chromium is not installed: `apt-get install chromium` (the CI script does this).");
  }
}

/** Debian's Chromium, headless, rendering WebGL2 through SwiftShader; shared with the benchmarks. */
export const CHROMIUM_FLAGS: string[] = chromiumFlags;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS, headless: true });
}

export const LAPTOP = { width: 1366, height: 768 };
export const TABLET_PORTRAIT = { width: 820, height: 1180 };

/**
 * A fresh context (no cookies, no storage but the cookie choice) and its
 * page; nothing outside this machine is reachable.
 */
export async function newIsolatedPage(browser: Browser, viewport: { width: number; height: number }, trackingConsent: "rejected" | "none" = "rejected"): Promise<Page> {
  const storageState = trackingConsent === "rejected" ? rejectedTrackingConsent() : undefined;
  const context = await browser.newContext({ viewport, storageState });
  // Fail requests to the internet at once instead of waiting for them to time out.
  await context.route(/^https:\/\//, (route) => route.abort());
  return context.newPage();
}

/**
 * A visitor who chose "Reject all" before the test began: tests that are not
 * about consent see the app without the banner, and nothing goes to analytics.
 */
function rejectedTrackingConsent(): BrowserContextOptions["storageState"] {
  const value = TrackingConsent.parse({
    version: 1,
    necessary: true,
    analytics: false,
    advertising: false,
    decidedAt: new Date().toISOString(),
  });
  const origin = new URL(webUrl()).origin;
  return { cookies: [], origins: [{ origin, localStorage: [{ name: TRACKING_CONSENT_KEY, value: JSON.stringify(value) }] }] };
}

/**
 * One browser per test file and a fresh context (no cookies, no storage but
 * the cookie choice) per test. Returns a getter for the current test's page.
 * `trackingConsent: "none"` starts as a first visit, with the banner.
 */
export function useFreshPagePerTest(
  viewport: { width: number; height: number },
  { trackingConsent = "rejected" }: { trackingConsent?: "rejected" | "none" } = {},
): () => Page {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    page = await newIsolatedPage(browser, viewport, trackingConsent);
  });
  afterEach(async () => {
    await page.context().close();
  });
  return () => page;
}
