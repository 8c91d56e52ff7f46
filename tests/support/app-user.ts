/**
 * A user of the web app for browser tests: a verified account signed in
 * through the UI (consent given on the way, as after a first Google sign-in),
 * and the server-owned parts of their records, read and set as the server would.
 */
import type { Page } from "playwright-core";
import { createAccountThroughAuthEmulator, markEmailVerified, uniqueEmail } from "./auth-emulator";
import { emulatorHost, projectId, webUrl } from "./emulators";

const PASSWORD = "correct horse battery";

/** Creates a verified account and signs in through the UI, landing on `nextPath`. */
export async function signInAsNewVerifiedUser(page: Page, prefix: string, nextPath: string): Promise<{ uid: string; email: string }> {
  const email = uniqueEmail(prefix);
  const uid = await createAccountThroughAuthEmulator(email, PASSWORD);
  await markEmailVerified(uid);
  await page.goto(webUrl(`/signin/?next=${encodeURIComponent(nextPath)}`));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // No users/{uid} record yet: the app asks for consent before any app page.
  await page.getByRole("heading", { name: "Finish creating your account" }).waitFor();
  await page.getByLabel("I am 18 years or older.").check();
  await page.getByLabel(/I accept the Privacy Policy/).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.pathname === nextPath);
  return { uid, email };
}

function documentsUrl(path: string): string {
  const { origin } = emulatorHost("FIRESTORE_EMULATOR_HOST");
  return `${origin}/v1/projects/${projectId}/databases/(default)/documents/${path}`;
}

/**
 * Sets fields on users/{uid} with admin access, as the server (quotaBytes,
 * usedBytes) or time (an acceptance of an older policy version) would.
 */
export async function setServerOwnedProfileFields(uid: string, fields: Record<string, number | string>): Promise<void> {
  const mask = Object.keys(fields)
    .map((name) => `updateMask.fieldPaths=${encodeURIComponent(name)}`)
    .join("&");
  const encode = (value: number | string) => (typeof value === "number" ? { integerValue: String(value) } : { stringValue: value });
  const body = { fields: Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, encode(value)])) };
  const response = await fetch(`${documentsUrl(`users/${uid}`)}?${mask}`, {
    method: "PATCH",
    headers: { Authorization: "Bearer owner", "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`Firestore emulator PATCH users/${uid}: HTTP ${response.status} ${await response.text()}`);
}

/** The ids of the user's upload batches (users/{uid}/uploads), read with admin access. */
export async function listUploadBatchIds(uid: string): Promise<string[]> {
  const response = await fetch(documentsUrl(`users/${uid}/uploads`), { headers: { Authorization: "Bearer owner" } });
  if (!response.ok) throw new Error(`Firestore emulator list users/${uid}/uploads: HTTP ${response.status}`);
  const { documents = [] } = (await response.json()) as { documents?: { name: string }[] };
  return documents.map((document) => document.name.split("/").at(-1)!);
}
