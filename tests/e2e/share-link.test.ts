/**
 * Share links in real browsers: the owner shares a study with a PIN from the
 * study page; a second, signed-out browser opens the link, is refused a
 * wrong PIN, gets in with the right one and sees the image drawn. The owner
 * then sees the views and the access log and revokes the link, after which
 * the recipient gets the revoked page. Each other dead link has its own page.
 */
import type { Page } from "playwright-core";
import { signInAsNewVerifiedUser } from "../support/app-user";
import { uniqueEmail } from "../support/auth-emulator";
import { linksInText, waitForMessage } from "../support/mailbox";
import { LAPTOP, newIsolatedPage, TABLET_PORTRAIT, useFreshPagePerTest } from "../support/browser";
import { webUrl } from "../support/emulators";
import { createUploader, signInThroughAuthEmulator, uploadBatch } from "../support/ingest-client";
import { createShareLink, expireShareLink, openShare, shareLinkDoc, tokenOf, uploadSmallStudy } from "../support/share-client";
import { buildGradientStudyZip, waitForShades } from "../support/viewer";

const currentPage = useFreshPagePerTest(LAPTOP);
let owner: Page;
let recipient: Page;
beforeEach(async () => {
  owner = currentPage();
  recipient = await newIsolatedPage(owner.context().browser()!, TABLET_PORTRAIT);
});
afterEach(async () => {
  await recipient.context().close();
});

async function uploadGradientStudy(uid: string, email: string): Promise<string> {
  const { study, zip } = await buildGradientStudyZip("Shared^Sam", 3);
  await uploadBatch(await signInThroughAuthEmulator(uid, email), [{ relativePath: "ct.zip", bytes: zip }]);
  return study;
}

/** The share page opens the link only when the recipient asks (a mail scanner's visit must not spend a view). */
async function openFromSharePage(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole("button", { name: "Open study" }).click();
}

async function expectDeadPage(page: Page, url: string, heading: string, sentence: RegExp) {
  await openFromSharePage(page, url);
  await page.getByRole("heading", { name: heading }).waitFor();
  await page.getByRole("alert").filter({ hasText: sentence }).waitFor();
  // Nothing about the study: not the patient, not the viewer.
  expect(await page.content()).not.toContain("Shared^Sam");
  expect(await page.content()).not.toContain("Shared, Sam");
}

it("shares with a PIN: a signed-out recipient is refused a wrong PIN, sees the image with the right one, and loses access on revoke", async () => {
  const { uid, email } = await signInAsNewVerifiedUser(owner, "share-ui", "/studies/");
  const study = await uploadGradientStudy(uid, email);
  await owner.goto(webUrl(`/study/?uid=${study}`));
  await owner.getByRole("button", { name: "Share…" }).click();
  const dialog = owner.getByRole("dialog", { name: "Share this study" });
  await dialog.getByLabel("7 days").check();
  await dialog.getByLabel(/^PIN/).fill("246810");
  await dialog.getByLabel(/^Label/).fill("Dr Second Opinion");
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = await dialog.getByLabel("Link", { exact: true }).inputValue();
  expect(link).toMatch(new RegExp(`^${webUrl("/s/").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[A-Za-z0-9_-]{43}$`));
  expect(link).not.toContain(study);
  await dialog.getByTestId("share-pin").getByText("246810").waitFor();

  // Sent from the app: the email carries the link, the sender and the note, never the PIN or the patient.
  const colleague = uniqueEmail("colleague");
  await dialog.getByLabel("Send the link to (email)").fill(colleague);
  await dialog.getByLabel(/^Note for them/).fill("Second opinion, please");
  await dialog.getByRole("button", { name: "Send email" }).click();
  await dialog.getByText(`Sent to ${colleague}.`).waitFor();
  await dialog.getByRole("button", { name: "Done" }).click();
  const invitation = await waitForMessage(colleague);
  expect(linksInText(invitation)).toContain(link);
  expect(invitation.text).toContain("Second opinion, please");
  for (const secret of ["246810", "Shared^Sam", "Shared, Sam", study]) expect(`${invitation.text} ${invitation.html}`).not.toContain(secret);

  // The recipient: no account, another browser context, the link from the email.
  await openFromSharePage(recipient, linksInText(invitation).find((url) => url === link)!);
  await recipient.getByRole("heading", { name: "Enter the PIN" }).waitFor();
  await recipient.getByLabel("PIN").fill("111111");
  await recipient.getByRole("button", { name: "Open" }).click();
  await recipient.getByText(/That PIN is not right\. 4 tries are left/).waitFor();
  await recipient.getByLabel("PIN").fill("246810");
  await recipient.getByRole("button", { name: "Open" }).click();
  await recipient.waitForURL((url) => url.pathname.startsWith("/ohif/viewer/dicomjson"));
  await waitForShades(recipient, 16, 90_000);

  // The owner's page: one view, its log (wrong PIN, then opened), then revoke.
  await owner.goto(webUrl("/shares/"));
  const row = owner.locator("tr", { hasText: "Dr Second Opinion" });
  await row.getByText("Active").waitFor();
  await row.locator("td.numeric").getByText("1", { exact: true }).waitFor();
  await row.getByRole("button", { name: "Access log" }).click();
  const log = owner.getByRole("dialog", { name: /^Access log/ });
  await log.getByRole("table", { name: "Access log" }).getByText("Wrong PIN").waitFor();
  await log.getByText("Opened").waitFor();
  await log.getByRole("button", { name: "Close" }).click();
  await row.getByRole("button", { name: "Revoke" }).click();
  await owner.getByRole("dialog", { name: "Revoke this link?" }).getByRole("button", { name: "Revoke link" }).click();
  await row.getByText("Revoked").waitFor();

  await expectDeadPage(recipient, link, "This link was turned off", /turned off by the person who shared it/);
});

it("shows its own plain page for an expired link, a used-up link, an unknown link and a locked link", async () => {
  const sharer = await createUploader("share-dead");
  const study = (await uploadSmallStudy(sharer)).studyInstanceUID;

  const expired = await createShareLink(sharer, { StudyInstanceUID: study });
  await expireShareLink(sharer.uid, expired.body.linkId);
  await expectDeadPage(recipient, webUrl(expired.body.path), "This link has expired", /has expired\. Ask the person who shared it/);

  const single = await createShareLink(sharer, { StudyInstanceUID: study, maxViews: 1 });
  expect((await openShare(tokenOf(single.body.path))).status).toBe(200);
  await expectDeadPage(recipient, webUrl(single.body.path), "This link has been used up", /opened as many times as the person who shared it allowed/);

  await expectDeadPage(recipient, webUrl(`/s/${"x".repeat(43)}`), "Link not found", /does not exist/);

  const pinned = await createShareLink(sharer, { StudyInstanceUID: study, expiry: { preset: "1h" }, pin: "9999" });
  await openFromSharePage(recipient, webUrl(pinned.body.path));
  for (let i = 0; i < 5; i += 1) {
    await recipient.getByLabel("PIN").fill(`000${i}`);
    await recipient.getByRole("button", { name: "Open" }).click();
    if (i < 4) await recipient.getByText(`${4 - i === 1 ? "1 try is" : `${4 - i} tries are`} left`).waitFor();
  }
  await recipient.getByRole("heading", { name: "This link is locked" }).waitFor();
  await recipient.getByRole("alert").filter({ hasText: /Too many wrong PINs/ }).waitFor();
  // Coming back does not bring the PIN form back while the lock lasts.
  await expectDeadPage(recipient, webUrl(pinned.body.path), "This link is locked", /Too many wrong PINs/);
});

it("loading the share page alone spends no view: a mail scanner rendering a one-view link leaves it for the recipient", async () => {
  const sharer = await createUploader("share-scan");
  const study = (await uploadSmallStudy(sharer)).studyInstanceUID;
  const single = await createShareLink(sharer, { StudyInstanceUID: study, maxViews: 1 });
  const views = async () => (await shareLinkDoc(sharer.uid, single.body.linkId).get()).data()!.views;

  // The scanner: loads the page and runs its scripts until the page has settled (the old page went on to the viewer by itself).
  const openButton = recipient.getByRole("button", { name: "Open study" });
  await recipient.goto(webUrl(single.body.path));
  await Promise.race([openButton.waitFor(), recipient.waitForURL((url) => url.pathname.startsWith("/ohif/"))]);
  await recipient.waitForLoadState("networkidle");
  expect(await views()).toBe(0);
  expect(await recipient.content()).not.toContain("Shared^Sam");

  // The recipient: one press opens the viewer and spends the one view.
  await openButton.click();
  await recipient.waitForURL((url) => url.pathname.startsWith("/ohif/viewer/dicomjson"));
  expect(await views()).toBe(1);
});
