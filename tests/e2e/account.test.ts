/**
 * The other ways into an account: an account with no consent on record (as a
 * first Google sign-in has) is asked for it before any app page; Google
 * sign-in failures are explained; password reset does not reveal accounts.
 */
import type { Page } from "playwright-core";
import { createAccountThroughAuthEmulator, listOobCodes, uniqueEmail } from "../support/auth-emulator";
import { TABLET_PORTRAIT, useFreshPagePerTest } from "../support/browser";
import { webUrl } from "../support/emulators";
import { db } from "../support/ingest-client";

const currentPage = useFreshPagePerTest(TABLET_PORTRAIT);
let page: Page;
beforeEach(() => {
  page = currentPage();
});

it("asks an account with no consent on record (first Google sign-in, interrupted sign-up) to confirm before the study list", async () => {
  // An account exists in Auth but its users/{uid} record was never written.
  const email = uniqueEmail("no-record");
  await createAccountThroughAuthEmulator(email, "correct horse battery");
  await page.goto(webUrl("/signin/"));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign in" }).click();

  await page.getByRole("heading", { name: "Finish creating your account" }).waitFor();
  expect(new URL(page.url()).searchParams.get("next")).toBe("/studies/");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByText("You must confirm that you are 18 or older to use this service.").waitFor();
  await page.getByText("You must accept the Privacy Policy and Terms to create an account.").waitFor();

  await page.getByLabel("I am 18 years or older.").check();
  await page.getByLabel(/I accept the Privacy Policy/).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "No studies yet — upload one" }).waitFor();
});

it("a malformed profile (only server fields) does not leave the app on Loading… forever: it says so and offers a way out", async () => {
  const email = uniqueEmail("damaged-profile");
  const uid = await createAccountThroughAuthEmulator(email, "correct horse battery");
  // What a server write with merge leaves when the profile itself was never written.
  await db.collection("users").doc(uid).set({ usedBytes: 1234 });
  await page.goto(webUrl("/signin/"));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign in" }).click();

  await page.getByRole("alert").getByText("Your profile is incomplete or damaged", { exact: false }).waitFor();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
  await page.getByRole("link", { name: "Finish setting up your profile" }).click();
  await page.getByRole("heading", { name: "Finish setting up your profile" }).waitFor();
  await page.getByLabel("I am 18 years or older.").check();
  await page.getByLabel(/I accept the Privacy Policy/).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "No studies yet — upload one" }).waitFor();
  expect((await db.collection("users").doc(uid).get()).data()).toMatchObject({ email, ageConfirmed: true, usedBytes: 1234 });
});

it("explains a Google sign-in that cannot reach Google instead of failing silently", async () => {
  // The pop-up flow loads Google's helper script from apis.google.com, which this machine cannot reach.
  await page.context().route(/^https:\/\/apis\.google\.com\//, (route) => route.abort());
  await page.goto(webUrl("/signin/"));
  await page.getByRole("button", { name: "Continue with Google" }).click();
  await page.getByRole("alert").getByText("Google sign-in could not reach Google.", { exact: false }).waitFor();
});

it("sends a password reset link without saying whether the account exists", async () => {
  const email = uniqueEmail("forgetful");
  await page.goto(webUrl("/reset-password/"));
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await page.getByRole("alert").getByText("Enter a valid email address.").waitFor();

  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await page.getByRole("status").getByText(`If an account exists for ${email}, we have sent it a link`).waitFor();
  // No account: nothing was sent, and the page said the same as it would have otherwise.
  expect((await listOobCodes()).filter((code) => code.email === email)).toEqual([]);
});
