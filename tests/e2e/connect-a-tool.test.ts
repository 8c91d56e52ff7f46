/**
 * Settings → Connect a tool, on a tablet: the DICOMweb base URL, a new
 * personal access token shown once (and working), its set-up filled in,
 * then listed without its secret, and revoked after a confirmation that
 * says tools stop at once, which they do.
 */
import type { Page } from "playwright-core";
import { fetchDicomweb } from "../support/access-tokens";
import { signInAsNewVerifiedUser } from "../support/app-user";
import { TABLET_PORTRAIT, useFreshPagePerTest } from "../support/browser";
import { webUrl } from "../support/emulators";

const currentPage = useFreshPagePerTest(TABLET_PORTRAIT);
let page: Page;
beforeEach(() => {
  page = currentPage();
});

it("creates a token shown once, lists it, and revokes it so that tools are refused at once", async () => {
  await signInAsNewVerifiedUser(page, "connect-tool", "/settings/");
  const section = page.getByRole("region", { name: "Connect a tool" });
  await expect(section.getByLabel("DICOMweb base URL").inputValue()).resolves.toBe(new URL("/dicomweb", webUrl("/")).toString());
  await section.getByText("You have no access tokens yet.").waitFor();

  await section.getByLabel(/^Name/).fill("Orthanc gateway");
  await section.getByRole("radio", { name: /Read and write/ }).check();
  expect(await section.getByLabel("Expires after").inputValue()).toBe("90");
  await section.getByRole("button", { name: "Create token" }).click();

  const shown = section.getByLabel("Your new token “Orthanc gateway”");
  await shown.waitFor();
  const token = await shown.inputValue();
  expect(token).toMatch(/^pacs_pat_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
  await section.getByText(/Copy it now: it will not be shown again/).waitFor();
  expect((await fetchDicomweb("studies", token)).status).not.toBe(401);

  // The set-up is filled with the new token.
  await section.getByText("Orthanc as a gateway").click();
  expect(await section.getByRole("region", { name: "Orthanc as a gateway set-up" }).textContent()).toContain(`"Password": "${token}"`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  const row = section.locator("tr", { hasText: "Orthanc gateway" });
  await row.getByText("Read and write").waitFor();
  await section.getByRole("button", { name: "I have copied it" }).click();
  await shown.waitFor({ state: "detached" });
  expect(await page.content()).not.toContain(token);
  await page.reload();
  await row.waitFor();
  expect(await page.content()).not.toContain(token.slice(-43));

  await row.getByRole("button", { name: "Revoke Orthanc gateway" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke “Orthanc gateway”?" });
  await dialog.getByText(/Tools using this token stop working at once/).waitFor();
  await dialog.getByRole("button", { name: "Keep it" }).click();
  expect((await fetchDicomweb("studies", token)).status).not.toBe(401);

  await row.getByRole("button", { name: "Revoke Orthanc gateway" }).click();
  await page.getByRole("dialog", { name: "Revoke “Orthanc gateway”?" }).getByRole("button", { name: "Revoke token" }).click();
  await row.getByText(/^Revoked/).waitFor();
  await row.getByRole("button", { name: /Revoke/ }).waitFor({ state: "detached" });
  expect((await fetchDicomweb("studies", token)).status).toBe(401);
});
