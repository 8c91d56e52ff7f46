/**
 * storage.rules from a real browser through the Firebase web SDK's resumable
 * uploads: the owner's upload lands; an upload into another user's prefix is
 * refused and leaves nothing behind.
 */
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { createAccountThroughAuthEmulator, markEmailVerified, uniqueEmail } from "../support/auth-emulator";
import { listUploadBatchIds } from "../support/app-user";
import { launchBrowser } from "../support/browser";
import { emulatorHost, projectId } from "../support/emulators";
import { serveHarness, type HarnessServer } from "../support/harness-server";

const PASSWORD = "correct horse battery";
let browser: Browser;
let harness: HarnessServer;
let page: Page;
const owner = { email: uniqueEmail("owner"), uid: "" };
const other = { email: uniqueEmail("other"), uid: "" };

async function createVerifiedUser(user: { email: string; uid: string }) {
  user.uid = await createAccountThroughAuthEmulator(user.email, PASSWORD);
  await markEmailVerified(user.uid);
}

function uploadInBrowser(email: string, path: string, relativePath: string, size: number) {
  const auth = emulatorHost("FIREBASE_AUTH_EMULATOR_HOST");
  const storage = emulatorHost("FIREBASE_STORAGE_EMULATOR_HOST");
  const config = { projectId, authOrigin: auth.origin, storageHost: storage.host, storagePort: storage.port };
  return page.evaluate(
    ([config, email, password, path, relativePath, size]) =>
      (window as any).harness.uploadAs(config, email, password, path, relativePath, size) as Promise<{
        ok: boolean;
        code?: string;
        bytesTransferred?: number;
      }>,
    [config, email, PASSWORD, path, relativePath, size] as const,
  );
}

/** Whether the object exists, asked with the emulator's admin credentials. */
async function objectExists(path: string): Promise<boolean> {
  const { origin } = emulatorHost("FIREBASE_STORAGE_EMULATOR_HOST");
  const response = await fetch(`${origin}/v0/b/${projectId}.appspot.com/o/${encodeURIComponent(path)}`, {
    headers: { Authorization: "Bearer owner" },
  });
  return response.status === 200;
}

beforeAll(async () => {
  await Promise.all([createVerifiedUser(owner), createVerifiedUser(other)]);
  harness = await serveHarness(join(__dirname, "harness", "storage-client.ts"));
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(harness.url);
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

it("uploads as the owner into their own prefix", async () => {
  const path = `uploads/${owner.uid}/batch-e2e-0001/IM0001.dcm`;
  const outcome = await uploadInBrowser(owner.email, path, "IM0001.dcm", 300_000);
  expect(outcome).toEqual(expect.objectContaining({ ok: true, bytesTransferred: 300_000 }));
  // The object fires the ingest trigger, which records the batch and then deletes the file (it is
  // not DICOM), possibly before this line runs: the object, or the trigger's record, shows it landed.
  const landed = (await objectExists(path)) || (await listUploadBatchIds(owner.uid)).includes("batch-e2e-0001");
  expect(landed).toBe(true);
});

it("refuses an upload into another user's prefix", async () => {
  const path = `uploads/${owner.uid}/batch-e2e-0001/planted.dcm`;
  const outcome = await uploadInBrowser(other.email, path, "planted.dcm", 1_000);
  expect(outcome).toEqual({ ok: false, code: "storage/unauthorized" });
  expect(await objectExists(path)).toBe(false);
});
