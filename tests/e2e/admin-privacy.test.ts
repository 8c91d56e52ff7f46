/**
 * The administrators' privacy page: only for the `admin` claim; it lists
 * every request with its 30-day due date, records one that came by email,
 * and runs it once the administrator says the requester is verified.
 */
import type { Page } from "playwright-core";
import { signInAsNewVerifiedUser } from "../support/app-user";
import { grantAdmin } from "../support/auth-emulator";
import { LAPTOP, useFreshPagePerTest } from "../support/browser";
import { webUrl } from "../support/emulators";
import { createUploader } from "../support/ingest-client";
import { waitForMessage } from "../support/mailbox";

const currentPage = useFreshPagePerTest(LAPTOP);
let page: Page;
beforeEach(() => {
  page = currentPage();
});

it("is closed to users without the admin claim", async () => {
  await signInAsNewVerifiedUser(page, "not-admin", "/admin/privacy/");
  await page.getByText("This page is for administrators only.").waitFor();
  expect(await page.getByRole("table", { name: "All privacy requests" }).count()).toBe(0);
});

it("records an emailed export request, shows its due date, and runs it after verification", async () => {
  const requester = await createUploader("emailed-request");
  const { uid } = await signInAsNewVerifiedUser(page, "admin", "/studies/");
  await grantAdmin(uid);
  await page.goto(webUrl("/admin/privacy/"));
  await page.getByRole("heading", { name: "Record a request that came by email" }).waitFor();

  await page.getByLabel("Account email").fill(requester.email);
  await page.getByLabel("Export (access)").check();
  await page.getByLabel(/^Note/).fill("Letter of 20 November, identity checked by video call");
  await page.getByRole("button", { name: "Record request" }).click();
  const row = page.locator("tr", { hasText: requester.email });
  await row.getByText("Waiting for identity verification").waitFor();
  await row.getByText(/30 days left/).waitFor();

  await row.getByRole("button", { name: "Verify and run" }).click();
  await page.getByRole("dialog", { name: "Send this export?" }).getByRole("button", { name: "Run export" }).click();
  await row.getByText("Done").waitFor({ timeout: 120_000 });
  await waitForMessage(requester.email, { match: (m) => /data export is ready/.test(m.subject) });
});
