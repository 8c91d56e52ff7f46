/**
 * The policy pages. A new policy version: a signed-in user who accepted an earlier version is
 * stopped on any app page and asked to accept the new one before going on;
 * nothing continues until they do, and the acceptance is stored.
 */
import { CURRENT_POLICY } from "@pacs/shared";
import type { Page } from "playwright-core";
import { setServerOwnedProfileFields, signInAsNewVerifiedUser } from "../support/app-user";
import { LAPTOP, useFreshPagePerTest } from "../support/browser";
import { webUrl } from "../support/emulators";
import { db } from "../support/ingest-client";

const currentPage = useFreshPagePerTest(LAPTOP);
let page: Page;
beforeEach(() => {
  page = currentPage();
});

it("asks a signed-in user to accept the new version before they continue, then lets them on", async () => {
  const { uid } = await signInAsNewVerifiedUser(page, "policy-bump", "/studies/");
  await page.getByRole("heading", { name: "Studies", exact: true }).waitFor();

  // The user's acceptance is of the version before the one in force, as after a bump.
  await setServerOwnedProfileFields(uid, { policyVersion: "2025-06-01" });
  await page.goto(webUrl("/upload/"));
  await page.getByRole("heading", { name: "Our Privacy Policy has changed" }).waitFor();
  expect(new URL(page.url()).pathname).toBe("/accept/");
  await page.getByText(`version ${CURRENT_POLICY.version}`).waitFor();

  // Not without the boxes.
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByText(/You must accept the Privacy Policy/).waitFor();
  expect(new URL(page.url()).pathname).toBe("/accept/");

  await page.getByLabel("I am 18 years or older.").check();
  await page.getByLabel(/I accept the Privacy Policy/).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.pathname === "/upload/");
  expect((await db.doc(`users/${uid}`).get()).get("policyVersion")).toBe(CURRENT_POLICY.version);
});

it("lists every processor the policy names, with analytics marked as consent-only", async () => {
  await page.goto(webUrl("/processors/"));
  const table = page.getByRole("table");
  for (const service of ["Firebase Authentication", "Cloud Firestore", "Cloud Storage", "Cloud Functions", "Google Analytics", "Transactional email"]) {
    await table.getByText(service, { exact: false }).first().waitFor();
  }
  await page.getByText(/Google Analytics runs only if you accept analytics/).waitFor();
});
