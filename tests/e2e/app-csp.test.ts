/**
 * The app pages' Content-Security-Policy in a real browser: every page loads
 * (signed out, then signed in) with no violation, and a script injected
 * into a page, as an XSS would, does not run (docs/viewer.md, "App pages").
 */
import type { Page } from "playwright-core";
import { signInAsNewVerifiedUser } from "../support/app-user";
import { LAPTOP, useFreshPagePerTest } from "../support/browser";
import { watchCspViolations } from "../support/csp-watch";
import { webUrl } from "../support/emulators";

const currentPage = useFreshPagePerTest(LAPTOP);
let page: Page;
beforeEach(() => {
  page = currentPage();
});

const PUBLIC_PAGES = ["/", "/signin/", "/signup/", "/privacy/", "/terms/", "/processors/", "/reset-password/", "/s/#not-a-real-token"];
const SIGNED_IN_PAGES = ["/studies/", "/upload/", "/shares/", "/settings/", "/profile/", "/verify-email/"];

async function visit(path: string): Promise<void> {
  await page.goto(webUrl(path), { waitUntil: "load" });
  // Hydrated: the page's client code ran (a policy that blocked Next's inline payload would stop it here).
  await page.waitForFunction(() => Array.isArray((self as unknown as { __next_f?: unknown[] }).__next_f) && document.querySelector("h1, h2") !== null);
}

it("no app page, signed out or signed in, reports a Content-Security-Policy violation", async () => {
  const violations = await watchCspViolations(page);
  for (const path of PUBLIC_PAGES) await visit(path);
  await signInAsNewVerifiedUser(page, "csp", "/studies/");
  for (const path of SIGNED_IN_PAGES) await visit(path);
  expect(violations).toEqual([]);
});

it("an inline script injected into an app page (XSS) does not run", async () => {
  const violations = await watchCspViolations(page);
  for (const path of ["/", "/signin/"]) {
    await visit(path);
    const ran = await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__injected = true";
      document.head.appendChild(script);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    const response = await page.request.get(webUrl(path));
    expect(response.headers()["permissions-policy"]).toMatch(/camera=\(\)/);
  }
  expect(violations.some((v) => /script-src/.test(v))).toBe(true);
});
