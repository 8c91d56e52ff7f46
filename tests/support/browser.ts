/**
 * Debian's Chromium driven by playwright-core (its own browser download cannot
 * run here). SwiftShader gives the viewer WebGL2 without a GPU.
 */
import { execFileSync } from "node:child_process";
import { chromium, type Browser, type Page } from "playwright-core";
import chromiumFlags from "../../scripts/chromium-flags.json";

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

/** A fresh context (no cookies, no storage) and its page; nothing outside this machine is reachable. */
export async function newIsolatedPage(browser: Browser, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  // Fail requests to the internet at once instead of waiting for them to time out.
  await context.route(/^https:\/\//, (route) => route.abort());
  return context.newPage();
}

/**
 * One browser per test file and a fresh context (no cookies, no storage) per
 * test. Returns a getter for the current test's page.
 */
export function useFreshPagePerTest(viewport: { width: number; height: number }): () => Page {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    page = await newIsolatedPage(browser, viewport);
  });
  afterEach(async () => {
    await page.context().close();
  });
  return () => page;
}
