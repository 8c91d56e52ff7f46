/**
 * The device cache (docs/viewer.md, "Device cache (opt-in)"): a study opened before opens again
 * from the browser's own storage, without its images crossing the network, only when the user
 * switched it on for this browser in Settings; never for a share link; emptied by "Clear now"
 * and by signing out. Image requests are told apart by where they were answered: the Storage
 * emulator (a request the page or the service worker sent to the network) or the service
 * worker's Cache Storage (a response from the worker with no network request behind it).
 */
import type { BrowserContext, Page } from "playwright-core";
import { MANIFEST_CACHE_MS } from "../../functions/src/viewer/manifest-cache";
import { signInAsNewVerifiedUser } from "../support/app-user";
import { LAPTOP, useFreshPagePerTest } from "../support/browser";
import { watchCspViolations } from "../support/csp-watch";
import { webUrl } from "../support/emulators";
import { signInThroughAuthEmulator, uploadBatch, type Uploader } from "../support/ingest-client";
import { createShareLink } from "../support/share-client";
import { buildGradientStudyZip, waitForShades } from "../support/viewer";

const SLICES = 3;
const INSTANCE_URL = /\/instances\/[^?]+\.dcm\?/;

const currentPage = useFreshPagePerTest(LAPTOP);
let page: Page;
beforeEach(() => {
  page = currentPage();
});

interface ImageTraffic {
  /** Instance objects fetched from Storage (by the page, or by the worker on its behalf). */
  network: Set<string>;
  /** Instance objects the worker answered from the device, with no network request. */
  fromDevice: Set<string>;
  /** The signed URLs the page asked for. */
  signedUrls: Set<string>;
}

/** Watches every image request of the context from now on; `reset` starts a new count. */
function watchImageTraffic(context: BrowserContext): { current: () => ImageTraffic; reset: () => void } {
  let network = new Set<string>();
  let answeredByWorker = new Set<string>();
  let signedUrls = new Set<string>();
  context.on("response", (response) => {
    const url = response.url();
    if (!INSTANCE_URL.test(url)) return;
    const object = url.split("?")[0]!;
    if (!response.request().serviceWorker()) signedUrls.add(url);
    // The worker's own fetch (a miss, or a share link passed through) is a network request too.
    if (response.request().serviceWorker() || !response.fromServiceWorker()) network.add(object);
    else answeredByWorker.add(object);
  });
  return {
    current: () => ({ network, signedUrls, fromDevice: new Set([...answeredByWorker].filter((object) => !network.has(object))) }),
    reset: () => {
      network = new Set();
      answeredByWorker = new Set();
      signedUrls = new Set();
    },
  };
}

/** A study of three gradient slices, uploaded for the signed-in user. */
async function uploadStudy(owner: Uploader): Promise<string> {
  const { study, zip } = await buildGradientStudyZip("Cached^Cora", SLICES);
  await uploadBatch(owner, [{ relativePath: "ct.zip", bytes: zip }]);
  return study;
}

async function signInWithStudy(prefix: string): Promise<{ owner: Uploader; study: string }> {
  const { uid, email } = await signInAsNewVerifiedUser(page, prefix, "/studies/");
  const owner = await signInThroughAuthEmulator(uid, email);
  return { owner, study: await uploadStudy(owner) };
}

/** Waits until the viewer drew the image and all its slices arrived, from wherever they came. */
async function waitForAllSlices(traffic: () => ImageTraffic): Promise<ImageTraffic> {
  await waitForShades(page, 16, 90_000);
  const deadline = Date.now() + 60_000;
  while (new Set([...traffic().network, ...traffic().fromDevice]).size < SLICES) {
    if (Date.now() > deadline) throw new Error(`only ${traffic().network.size + traffic().fromDevice.size} of ${SLICES} slices arrived`);
    await page.waitForTimeout(250);
  }
  return traffic();
}

/** The owner's way in: the study page's "Open in viewer", with a fresh viewer session (new signed URLs) each time. */
async function openOwnViewer(study: string, traffic: () => ImageTraffic): Promise<ImageTraffic> {
  await page.goto(webUrl(`/study/?uid=${study}`));
  await page.getByRole("button", { name: "Open in viewer" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/ohif/viewer/dicomjson"));
  return waitForAllSlices(traffic);
}

/** A recipient's way in: the share page's "Open study", which goes straight to the viewer. */
async function openShareLink(path: string, traffic: () => ImageTraffic): Promise<ImageTraffic> {
  await page.goto(webUrl(path));
  await page.getByRole("button", { name: "Open study" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/ohif/viewer/dicomjson") && url.search.includes("share-manifests"));
  return waitForAllSlices(traffic);
}

/** What Cache Storage holds for the origin: entries per cache. */
function readCacheStorage(): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const held: Record<string, number> = {};
    for (const name of await caches.keys()) held[name] = (await (await caches.open(name)).keys()).length;
    return held;
  });
}

function countServiceWorkers(): Promise<number> {
  return page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length);
}

async function switchOnInSettings(): Promise<void> {
  await page.goto(webUrl("/settings/"));
  const box = page.getByLabel(/Keep studies I open on this device/);
  await box.waitFor();
  await page.getByTestId("device-cache-size").getByText(/Kept on this device: 0 B/).waitFor();
  expect(await box.isChecked()).toBe(false);
  // A controlled box: it shows "on" once the worker is active, not at the click.
  await box.click();
  await page.getByRole("status").filter({ hasText: "are kept on this device" }).waitFor();
  expect(await box.isChecked()).toBe(true);
}

it("is off by default: a second open fetches every image again, and nothing is kept or registered", async () => {
  const { study } = await signInWithStudy("cache-off");
  const watch = watchImageTraffic(page.context());
  const first = await openOwnViewer(study, watch.current);
  expect(first.network.size).toBe(SLICES);
  watch.reset();
  const second = await openOwnViewer(study, watch.current);
  expect(second.network.size).toBe(SLICES);
  expect(second.fromDevice.size).toBe(0);
  expect(await readCacheStorage()).toEqual({});
  expect(await countServiceWorkers()).toBe(0);
  await page.goto(webUrl("/settings/"));
  await page.getByTestId("device-cache-size").getByText(/Kept on this device: 0 B \(0 image files\)/).waitFor();
  expect(await page.getByLabel(/Keep studies I open on this device/).isChecked()).toBe(false);
});

it("switched on in Settings, opens a study the second time with no image request reaching the network, and shows what it keeps", async () => {
  const violations = await watchCspViolations(page);
  const { study } = await signInWithStudy("cache-on");
  await switchOnInSettings();
  const watch = watchImageTraffic(page.context());

  const first = await openOwnViewer(study, watch.current);
  expect(first.network.size).toBe(SLICES);
  const firstUrls = [...first.signedUrls];
  watch.reset();
  // A later viewer session: once the server's manifest cache has let go of the first one, the same
  // objects come with new signatures, so only a key without the query string can find them.
  await page.waitForTimeout(MANIFEST_CACHE_MS + 1_000);
  const second = await openOwnViewer(study, watch.current);
  expect(second.signedUrls.size).toBe(SLICES);
  for (const url of second.signedUrls) expect(firstUrls).not.toContain(url);
  expect(second.network.size).toBe(0);
  expect(second.fromDevice.size).toBe(SLICES);

  expect(await readCacheStorage()).toEqual({ "pacs-device-cache-v1": SLICES });
  await page.goto(webUrl("/settings/"));
  await page.getByTestId("device-cache-size").getByText(/Kept on this device: [1-9][\d.,]* [kKM]i?B \(3 image files\)/).waitFor();
  expect(await page.getByLabel(/Keep studies I open on this device/).isChecked()).toBe(true);
  expect(violations).toEqual([]);
});

it("is never used on a share link: opened twice with the cache on, its images come from the network both times and nothing is kept", async () => {
  const { owner, study } = await signInWithStudy("cache-share");
  await switchOnInSettings();
  const created = await createShareLink(owner, { StudyInstanceUID: study });
  expect(created.status).toBe(201);
  const watch = watchImageTraffic(page.context());

  // First share open: fetched from the network, and nothing stored.
  const first = await openShareLink(created.body.path as string, watch.current);
  expect(first.network.size).toBe(SLICES);
  expect(await readCacheStorage()).toEqual({ "pacs-device-cache-v1": 0 });

  // The owner's own open fills the cache with the very objects the share link's manifest signs...
  watch.reset();
  await openOwnViewer(study, watch.current);
  expect(await readCacheStorage()).toEqual({ "pacs-device-cache-v1": SLICES });

  // ...and the second share open still fetches every image from the network.
  watch.reset();
  const second = await openShareLink(created.body.path as string, watch.current);
  expect(second.network.size).toBe(SLICES);
  expect(second.fromDevice.size).toBe(0);
});

it("is emptied by Clear now, and emptied and switched off by signing out", async () => {
  const { study } = await signInWithStudy("cache-clear");
  await switchOnInSettings();
  const watch = watchImageTraffic(page.context());
  await openOwnViewer(study, watch.current);
  expect(await readCacheStorage()).toEqual({ "pacs-device-cache-v1": SLICES });

  await page.goto(webUrl("/settings/"));
  await page.getByTestId("device-cache-size").getByText(/\(3 image files\)/).waitFor();
  await page.getByRole("button", { name: "Clear now" }).click();
  await page.getByTestId("device-cache-size").getByText(/Kept on this device: 0 B \(0 image files\)/).waitFor();
  expect(await readCacheStorage()).toEqual({ "pacs-device-cache-v1": 0 });
  // Still on: the next open fetches again and keeps again.
  expect(await page.getByLabel(/Keep studies I open on this device/).isChecked()).toBe(true);
  watch.reset();
  expect((await openOwnViewer(study, watch.current)).network.size).toBe(SLICES);
  expect(await readCacheStorage()).toEqual({ "pacs-device-cache-v1": SLICES });

  await page.goto(webUrl("/studies/"));
  await page.getByLabel("Account menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/signin/");
  expect(await readCacheStorage()).toEqual({});
  expect(await countServiceWorkers()).toBe(0);
});

it("deleting a study in this browser removes the images it kept of that study, and keeps the others'", async () => {
  const { owner, study: deleted } = await signInWithStudy("cache-delete");
  const kept = await uploadStudy(owner);
  await switchOnInSettings();
  const watch = watchImageTraffic(page.context());
  await openOwnViewer(deleted, watch.current);
  watch.reset();
  await openOwnViewer(kept, watch.current);
  expect(await readCacheStorage()).toEqual({ "pacs-device-cache-v1": 2 * SLICES });

  await page.goto(webUrl(`/study/?uid=${deleted}`));
  await page.getByRole("button", { name: /Delete the study of/ }).click();
  await page.getByRole("button", { name: "Delete study", exact: true }).click();
  const keptKeys = () =>
    page.evaluate(async () => (await (await caches.open("pacs-device-cache-v1")).keys()).map((request) => request.url));
  const deadline = Date.now() + 30_000;
  while ((await keptKeys()).length !== SLICES) {
    if (Date.now() > deadline) throw new Error(`the deleted study's images are still kept: ${(await keptKeys()).length} entries`);
    await page.waitForTimeout(250);
  }
  const keys = await keptKeys();
  expect(keys.every((url) => url.includes(`/${kept}/`))).toBe(true);
  expect(keys.some((url) => url.includes(`/${deleted}/`))).toBe(false);
});
