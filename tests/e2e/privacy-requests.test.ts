/**
 * The privacy rights, end to end in a browser with real email: a user asks
 * for their data in Settings, confirms from the emailed link, and downloads
 * the ZIP from the second email; another deletes their account the same
 * way, after which nothing of theirs is left but the proof of deletion, and
 * they cannot sign in.
 */
import JSZip from "jszip";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { defaultInstancesBucket } from "@pacs/shared";
import { signInAsNewVerifiedUser } from "../support/app-user";
import { listAccounts } from "../support/auth-emulator";
import { LAPTOP, useFreshPagePerTest } from "../support/browser";
import { emulatorHost, projectId, webUrl } from "../support/emulators";
import { everyDocument } from "../support/firestore-walk";
import { bucket, signInThroughAuthEmulator, storageClient } from "../support/ingest-client";
import { linksInText, waitForMessage } from "../support/mailbox";
import { createShareLink, openShare, tokenOf, uploadSmallStudy } from "../support/share-client";

const currentPage = useFreshPagePerTest(LAPTOP);
let page: Page;
beforeEach(() => {
  page = currentPage();
});

/** The one link of an email, checked to lead to our app's page. */
async function emailedLink(email: string, subject: RegExp, path: string, timeoutMs = 60_000): Promise<string> {
  const message = await waitForMessage(email, { match: (m) => subject.test(m.subject), timeoutMs });
  expect(message.text).toContain("Radiology PACS");
  expect(message.html).toContain("Radiology PACS");
  const link = linksInText(message).find((url) => url.startsWith(webUrl(path)));
  if (!link) throw new Error(`No ${path} link in "${message.subject}": ${message.text}`);
  return link;
}

it("exports a user's DICOM files and JSON after an emailed confirmation, with a second email to download it", async () => {
  const { uid, email } = await signInAsNewVerifiedUser(page, "export", "/settings/");
  const owner = await signInThroughAuthEmulator(uid, email);
  const study = await uploadSmallStudy(owner, 2);
  expect((await createShareLink(owner, { StudyInstanceUID: study.studyInstanceUID, label: "For the tumour board" })).status).toBe(201);

  await page.getByRole("button", { name: "Ask for my data" }).click();
  await page.getByText(`We sent a confirmation link to ${email}`).waitFor();
  await page.goto(await emailedLink(email, /Confirm your data export/, "/confirm-request/"));
  await page.getByRole("button", { name: "Confirm" }).click();
  await page.getByText(/Confirmed\. We are preparing your data/).waitFor();

  await page.goto(await emailedLink(email, /data export is ready/, "/download-export/", 120_000));
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download my data (ZIP)" }).click();
  const zip = await JSZip.loadAsync(readFileSync((await (await downloading).path())!));

  const names = Object.keys(zip.files);
  for (const file of ["account.json", "consents.json", "uploads.json", "studies.json", "share-links.json", "audit-log.json", "privacy-requests.json"]) {
    expect(names).toContain(file);
  }
  // The original DICOM files, byte for byte.
  const dicom = names.filter((name) => name.startsWith("dicom/"));
  expect(dicom).toHaveLength(2);
  for (const original of study.files) {
    const entry = dicom.find((name) => name.endsWith(`/${original.sopInstanceUID}.dcm`))!;
    expect(Buffer.from(await zip.file(entry)!.async("uint8array")).equals(Buffer.from(original.bytes))).toBe(true);
  }
  const read = async (name: string) => JSON.parse(await zip.file(name)!.async("string"));
  expect(await read("account.json")).toMatchObject({ uid, email });
  expect((await read("consents.json")).privacyPolicy).toMatchObject({ ageConfirmed: true });
  expect((await read("studies.json")).map((s: { StudyInstanceUID: string }) => s.StudyInstanceUID)).toEqual([study.studyInstanceUID]);
  expect((await read("share-links.json"))[0]).toMatchObject({ label: "For the tumour board" });
  expect((await read("audit-log.json")).map((e: { action: string }) => e.action)).toContain("data-export-requested");

  await page.goto(webUrl("/settings/"));
  await page.getByRole("table", { name: "Privacy requests" }).getByText("Done").waitFor();
});

/** Every object of both buckets. */
async function everyObject(): Promise<string[]> {
  const [uploads] = await bucket.getFiles();
  const [instances] = await storageClient.bucket(defaultInstancesBucket(projectId)).getFiles();
  return [...uploads, ...instances].map((file) => `${file.bucket.name}/${file.name}`);
}

it("deletes an account after a fresh password and an emailed confirmation: only the proof of deletion remains", async () => {
  const { uid, email } = await signInAsNewVerifiedUser(page, "erase", "/settings/");
  const owner = await signInThroughAuthEmulator(uid, email);
  const study = await uploadSmallStudy(owner, 2);
  const link = await createShareLink(owner, { StudyInstanceUID: study.studyInstanceUID });
  expect((await openShare(tokenOf(link.body.path))).status).toBe(200);
  expect((await everyObject()).some((name) => name.includes(uid))).toBe(true);

  await page.getByRole("button", { name: "Delete my account…" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete your account?" });
  await dialog.getByLabel(/Your password/).fill("correct horse battery");
  await dialog.getByRole("button", { name: "Email me the confirmation link" }).click();
  await page.getByText(`We sent a link to ${email}`).waitFor();
  await page.goto(await emailedLink(email, /Confirm the deletion/, "/confirm-request/"));
  await page.getByRole("button", { name: "Confirm" }).click();
  await page.getByText(/Your account and all its data are being deleted/).waitFor();
  await waitForMessage(email, { match: (m) => /has been deleted/.test(m.subject), timeoutMs: 120_000 });

  // Nothing of the user in any document or object, but the proof: a hash of the uid, times and counts.
  const uidHash = createHash("sha256").update(uid).digest("hex");
  const documents = await everyDocument();
  const traces = documents.filter(({ path, data }) => `${path} ${JSON.stringify(data)}`.includes(uid) || JSON.stringify(data).includes(email));
  expect(traces).toEqual([]);
  const proofs = documents.filter(({ data }) => (data as { uidHash?: string }).uidHash === uidHash);
  expect(proofs).toHaveLength(1);
  expect(proofs[0]!.path).toMatch(/^deletionProofs\//);
  expect(proofs[0]!.data).toMatchObject({ deleted: { storageObjects: 2, shareLinks: 1 } });
  expect((await everyObject()).filter((name) => name.includes(uid))).toEqual([]);

  // The link no longer opens, the account is gone, and signing in fails.
  expect((await openShare(tokenOf(link.body.path))).body.state).toBe("unknown");
  expect((await listAccounts()).some((account) => account.localId === uid || account.email === email)).toBe(false);
  const { origin } = emulatorHost("FIREBASE_AUTH_EMULATOR_HOST");
  const signIn = await fetch(`${origin}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-api-key`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: "correct horse battery", returnSecureToken: true }),
  });
  expect(signIn.status).toBe(400);
  await page.goto(webUrl("/signin/"));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("alert").filter({ hasText: "Wrong email or password." }).waitFor();
  expect(new URL(page.url()).pathname).toBe("/signin/");
});
