/**
 * What the study list page makes the browser download (docs/performance.md,
 * "Study list page"): neither the Cloud Storage SDK, which only the upload
 * page uses, nor zod's error messages in other languages, which the
 * shared package's CommonJS build would pull in. The upload page still
 * gets the Storage SDK, so the marker below is the right one.
 */
import type { Page } from "playwright-core";
import { signInAsNewVerifiedUser } from "../support/app-user";
import { LAPTOP, useFreshPagePerTest } from "../support/browser";
import { webUrl } from "../support/emulators";

const currentPage = useFreshPagePerTest(LAPTOP);
let page: Page;
beforeEach(() => {
  page = currentPage();
});

/** One of the Storage SDK's error codes: in its code, in no other SDK's (its package name is also in firebase/app's logger table). */
const STORAGE_SDK = "storage/retry-limit-exceeded";
/** A word of zod's Spanish error messages (zod/v4/locales/es). */
const ZOD_OTHER_LOCALE = "Demasiado";

/** Every script the page loads from the app's origin until `settled` resolves, with its text. */
async function collectScripts(settled: () => Promise<unknown>): Promise<Map<string, string>> {
  const scripts = new Map<string, Promise<string>>();
  const origin = new URL(webUrl()).origin;
  const listener = (response: import("playwright-core").Response) => {
    if (response.request().resourceType() === "script" && response.url().startsWith(origin)) scripts.set(response.url(), response.text());
  };
  page.on("response", listener);
  await settled();
  page.off("response", listener);
  return new Map(await Promise.all([...scripts].map(async ([url, text]) => [url, await text] as const)));
}

const containing = (scripts: Map<string, string>, marker: string) => [...scripts].filter(([, text]) => text.includes(marker)).map(([url]) => url);

it("the study list loads neither the Storage SDK nor zod's other languages; the upload page loads the Storage SDK", async () => {
  await signInAsNewVerifiedUser(page, "list-scripts", "/upload/");
  const list = await collectScripts(async () => {
    await page.goto(webUrl("/studies/"));
    await page.getByRole("heading", { name: "Studies", level: 1 }).waitFor();
    await page.getByText("No studies yet").waitFor();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Upload" }).waitFor();
    // Link prefetching runs when the browser is idle after the links appear: let it have its turn.
    for (let i = 0; i < 3; i++) await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
  });
  expect(list.size).toBeGreaterThan(0);
  expect(containing(list, STORAGE_SDK)).toEqual([]);
  expect(containing(list, ZOD_OTHER_LOCALE)).toEqual([]);

  // The upload page's own scripts bring the Storage SDK (its upload code imports it).
  const storageScript = page.waitForResponse(async (response) => response.request().resourceType() === "script" && (await response.text()).includes(STORAGE_SDK));
  await page.goto(webUrl("/upload/"));
  await page.getByRole("heading", { name: "Upload studies", level: 1 }).waitFor();
  expect(new URL((await storageScript).url()).origin).toBe(new URL(webUrl()).origin);
});
