/**
 * Cookie consent and analytics only with consent (issue 7), in a tablet-sized
 * window (768×1024). Every request to an analytics host is recorded and
 * blocked; where a test needs Analytics to finish starting, Firebase's two
 * set-up calls get stand-in answers and gtag's commands pile up in
 * `window.dataLayer`, which is what gtag.js would have sent.
 */
import { TRACKING_CONSENT_KEY } from "@pacs/shared";
import type { Page, Request } from "playwright-core";
import { signInAsNewVerifiedUser } from "../support/app-user";
import { useFreshPagePerTest } from "../support/browser";
import { webUrl } from "../support/emulators";

/** Google Analytics, gtag and the Firebase calls Analytics makes before it starts. */
const ANALYTICS_HOSTS =
  /(^|\.)(googletagmanager\.com|google-analytics\.com|analytics\.google\.com|firebase\.googleapis\.com|firebaseinstallations\.googleapis\.com|doubleclick\.net)$/;
/** A string only the Firebase Analytics SDK contains: its gtag.js address. */
const ANALYTICS_CODE_MARKER = "googletagmanager.com/gtag/js";
const MEASUREMENT_ID = "G-DEMO00000";

const currentPage = useFreshPagePerTest({ width: 768, height: 1024 }, { trackingConsent: "none" });
let page: Page;
let analyticsRequests: string[];
let scriptBodies: Promise<string>[];
let pageErrors: Error[];

const isAnalytics = (request: Request) => ANALYTICS_HOSTS.test(new URL(request.url()).hostname);

beforeEach(async () => {
  page = currentPage();
  analyticsRequests = [];
  scriptBodies = [];
  pageErrors = [];
  // Registered after the helper's catch-all, so it sees every request first.
  await page.context().route("**/*", (route) => {
    if (!isAnalytics(route.request())) return route.fallback();
    analyticsRequests.push(route.request().url());
    return route.abort("blockedbyclient");
  });
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") scriptBodies.push(response.text().catch(() => ""));
  });
  page.on("pageerror", (error) => pageErrors.push(error));
});

async function analyticsCodeLoaded(): Promise<boolean> {
  return (await Promise.all(scriptBodies)).some((body) => body.includes(ANALYTICS_CODE_MARKER));
}

const banner = () => page.getByRole("region", { name: "Cookies and analytics" });
const storedConsent = () => page.evaluate((key) => window.localStorage.getItem(key), TRACKING_CONSENT_KEY);

/** Lets Firebase Analytics start without the internet: stand-in answers for its installation and config calls. */
async function answerAnalyticsSetUp() {
  await page.context().route(/^https:\/\/firebaseinstallations\.googleapis\.com\//, async (route) => {
    analyticsRequests.push(route.request().url());
    const { fid } = route.request().postDataJSON() as { fid: string };
    const authToken = { token: "stand-in", expiresIn: "604800s" };
    await route.fulfill({ json: { name: `installations/${fid}`, fid, refreshToken: "stand-in", authToken } });
  });
  await page.context().route(/^https:\/\/firebase\.googleapis\.com\/.*\/webConfig$/, async (route) => {
    analyticsRequests.push(route.request().url());
    await route.fulfill({ json: { appId: "1:000000000000:web:0000000000000000", measurementId: MEASUREMENT_ID } });
  });
}

/** gtag's commands so far (`["event", "page_view", {...}]`, `["consent", "update", {...}]`...). */
function gtagCommands(): Promise<unknown[][]> {
  return page.evaluate(() => ((window as unknown as { dataLayer?: ArrayLike<unknown>[] }).dataLayer ?? []).map((entry) => Array.from(entry)));
}

/** Waits until gtag has been told of a page view of `path` (page views wait for Analytics to finish starting). */
async function waitForPageView(path: string) {
  await page.waitForFunction((wanted) => {
    const entries = (window as unknown as { dataLayer?: ArrayLike<unknown>[] }).dataLayer ?? [];
    return entries.some((entry) => {
      const [command, name, params] = Array.from(entry) as [unknown, unknown, { page_location?: string } | undefined];
      return command === "event" && name === "page_view" && new URL(params?.page_location ?? "http://x/").pathname === wanted;
    });
  }, path);
}

async function pageViewCount(): Promise<number> {
  return (await gtagCommands()).filter(([command, name]) => command === "event" && name === "page_view").length;
}

describe("cookie consent", () => {
  it("asks on a first visit with equal choices, lets a tablet user sign in past it, and sends nothing to analytics", async () => {
    await page.goto(webUrl("/"));
    await banner().waitFor();
    const accept = banner().getByRole("button", { name: "Accept all" });
    const reject = banner().getByRole("button", { name: "Reject all" });
    const looks = (button: typeof accept) =>
      button.evaluate((element) => {
        const style = getComputedStyle(element);
        return [style.backgroundColor, style.color, style.fontSize, style.fontWeight, style.padding, style.borderColor];
      });
    expect(await looks(reject)).toEqual(await looks(accept));
    // Keyboard users reach the banner before anything else on the page.
    await page.keyboard.press("Tab");
    expect(await banner().evaluate((element) => element.contains(document.activeElement))).toBe(true);

    // The banner stays open while the visitor signs in through the form below it.
    await signInAsNewVerifiedUser(page, "consent-none", "/studies/");
    await page.getByRole("heading", { name: "No studies yet — upload one" }).waitFor();
    await banner().waitFor();

    expect(await storedConsent()).toBeNull();
    expect(analyticsRequests).toEqual([]);
    expect(await analyticsCodeLoaded()).toBe(false);
  });

  it("after Reject all, remembers the choice across pages and reloads and sends nothing to analytics", async () => {
    await page.goto(webUrl("/privacy/"));
    await banner().getByRole("button", { name: "Reject all" }).click();
    await banner().waitFor({ state: "detached" });
    expect(JSON.parse((await storedConsent())!)).toMatchObject({ version: 1, necessary: true, analytics: false, advertising: false });

    await page.reload();
    await page.getByRole("heading", { name: "Privacy Policy", level: 1 }).waitFor();
    await page.locator("footer").getByRole("link", { name: "Terms" }).click();
    await page.getByRole("heading", { name: "Terms of Use" }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(await banner().count()).toBe(0);
    expect(analyticsRequests).toEqual([]);
    expect(await analyticsCodeLoaded()).toBe(false);
  });

  it("after Accept all, tries to start Analytics and, with its hosts blocked, works unchanged", async () => {
    await page.goto(webUrl("/"));
    const blocked = page.waitForEvent("requestfailed", { predicate: isAnalytics });
    await banner().getByRole("button", { name: "Accept all" }).click();
    expect(analyticsRequests).toContain((await blocked).url());
    expect(await analyticsCodeLoaded()).toBe(true);
    expect(JSON.parse((await storedConsent())!)).toMatchObject({ analytics: true, advertising: true });

    await signInAsNewVerifiedUser(page, "consent-accept", "/studies/");
    await page.getByRole("heading", { name: "No studies yet — upload one" }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it("sends only sanitised page views after consent, reopens from the footer, and stops at once on withdrawal", async () => {
    await answerAnalyticsSetUp();
    const uid = "1.2.826.0.1.3680043.8.498.4242";
    await page.goto(webUrl("/privacy/"));
    await banner().getByRole("button", { name: "Customize" }).click();
    await banner().getByLabel(/Analytics/).check();
    await banner().getByRole("button", { name: "Save choices" }).click();

    // A study address, which sends a signed-out visitor on to sign in with the study in `next`.
    await page.goto(webUrl(`/study/?uid=${uid}`));
    await page.waitForURL((url) => url.pathname === "/signin/");
    await waitForPageView("/signin/");
    const commands = await gtagCommands();
    const consentDefault = commands.findIndex(([command, kind]) => command === "consent" && kind === "default");
    const configured = commands.findIndex(([command]) => command === "config");
    expect(commands[consentDefault]?.[2]).toMatchObject({ analytics_storage: "denied", ad_storage: "denied" });
    expect(consentDefault).toBeLessThan(configured);
    expect(commands).toContainEqual(["consent", "update", expect.objectContaining({ analytics_storage: "granted", ad_storage: "denied" })]);
    expect(commands).toContainEqual(["config", MEASUREMENT_ID, expect.objectContaining({ send_page_view: false })]);
    expect(JSON.stringify(commands)).not.toContain(uid);
    expect(JSON.stringify(commands)).not.toContain("?");

    // While consent lasts, moving to another page is counted.
    const before = await pageViewCount();
    await page.locator("footer").getByRole("link", { name: "Terms" }).click();
    await waitForPageView("/terms/");
    expect(await pageViewCount()).toBe(before + 1);

    // The footer reopens the dialog with the choice as it is, and withdrawing applies without a reload.
    await page.locator("footer").getByRole("button", { name: "Cookie preferences" }).click();
    const dialog = page.getByRole("dialog", { name: "Cookie preferences" });
    expect(await dialog.getByLabel(/Analytics/).isChecked()).toBe(true);
    await dialog.getByRole("button", { name: "Reject all" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.waitForFunction((id) => (window as unknown as Record<string, unknown>)[`ga-disable-${id}`] === true, MEASUREMENT_ID);
    const lastConsent = (await gtagCommands()).filter(([command]) => command === "consent").at(-1);
    expect(lastConsent).toEqual(["consent", "update", expect.objectContaining({ analytics_storage: "denied" })]);

    const afterWithdrawal = await pageViewCount();
    await page.locator("footer").getByRole("link", { name: "Privacy Policy" }).click();
    await page.getByRole("heading", { name: "Privacy Policy", level: 1 }).waitFor();
    await page.locator("footer").getByRole("link", { name: "Processors & Subprocessors" }).click();
    await page.getByRole("heading", { name: "Processors & Subprocessors", level: 1 }).waitFor();
    expect(await pageViewCount()).toBe(afterWithdrawal);
    expect(pageErrors).toEqual([]);
  });

  it("asks again when tracking-consent is cleared or from an older version, and follows a choice made in another tab", async () => {
    await page.goto(webUrl("/terms/"));
    await banner().getByRole("button", { name: "Reject all" }).click();
    await banner().waitFor({ state: "detached" });

    await page.evaluate((key) => window.localStorage.removeItem(key), TRACKING_CONSENT_KEY);
    await page.reload();
    await banner().waitFor();

    const older = JSON.stringify({ version: 0, analytics: false });
    await page.evaluate(([key, value]) => window.localStorage.setItem(key!, value!), [TRACKING_CONSENT_KEY, older]);
    await page.reload();
    await banner().waitFor();

    const otherTab = await page.context().newPage();
    await otherTab.goto(webUrl("/privacy/"));
    await otherTab.getByRole("region", { name: "Cookies and analytics" }).getByRole("button", { name: "Reject all" }).click();
    await banner().waitFor({ state: "detached" });
  });
});
