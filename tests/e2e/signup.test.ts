/**
 * A newcomer's first minutes: sign up through the UI with both confirmations,
 * verify the email through the Auth emulator, sign in, see the empty study
 * list and the footer on every page.
 */
import type { Page } from "playwright-core";
import { listAccounts, uniqueEmail, verifyEmailThroughEmulator } from "../support/auth-emulator";
import { LAPTOP, useFreshPagePerTest } from "../support/browser";
import { webUrl } from "../support/emulators";

const currentPage = useFreshPagePerTest(LAPTOP);
let page: Page;
beforeEach(() => {
  page = currentPage();
});

async function fillSignUp(email: string, password: string) {
  await page.goto(webUrl("/signup/"));
  await page.getByLabel("Name").fill("Ada Radiologist");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
}

async function expectFooterLinks() {
  const footer = page.locator("footer");
  for (const name of ["Privacy Policy", "Processors & Subprocessors", "Terms"]) {
    await footer.getByRole("link", { name }).waitFor();
  }
  await footer.getByRole("button", { name: "Cookie preferences" }).waitFor();
}

describe("sign-up", () => {
  it("refuses an account without the 18+ confirmation and the policy acceptance, and creates none", async () => {
    const email = uniqueEmail("no-consent");
    await fillSignUp(email, "correct horse battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("You must confirm that you are 18 or older to use this service.").waitFor();
    await page.getByText("You must accept the Privacy Policy and Terms to create an account.").waitFor();

    // Only the age box ticked: the policy is still required.
    await page.getByLabel("I am 18 years or older.").check();
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("You must accept the Privacy Policy and Terms to create an account.").waitFor();
    expect(await page.getByText("You must confirm that you are 18 or older").count()).toBe(0);

    expect(page.url()).toBe(webUrl("/signup/"));
    expect((await listAccounts()).some((account) => account.email === email)).toBe(false);
  });

  it("signs up, verifies the email, signs in again and sees the empty study list", async () => {
    const email = uniqueEmail("newcomer");
    const password = "correct horse battery";

    // A signed-out visitor to an app page is sent to sign in, and will come back.
    await page.goto(webUrl("/studies/"));
    await page.waitForURL((url) => url.pathname === "/signin/" && url.searchParams.get("next") === "/studies/");

    await fillSignUp(email, password);
    await page.getByLabel("I am 18 years or older.").check();
    await page.getByLabel(/I accept the Privacy Policy/).check();
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Check your email" }).waitFor();

    await verifyEmailThroughEmulator(email);
    // The page notices the verification by itself and moves on.
    await page.getByRole("heading", { name: "No studies yet — upload one" }).waitFor({ timeout: 20000 });
    expect(await page.getByText("Verify your email to upload studies").count()).toBe(0);
    await expectFooterLinks();

    // Sign out through the user menu, then sign in with the same password.
    await page.getByLabel("Account menu").click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/signin/");
    await page.goto(webUrl("/signin/?next=%2Fprofile%2F"));
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/profile/");
    await page.getByTestId("profile-email").getByText(email).waitFor();
    await page.getByText("verified", { exact: true }).waitFor();
    await page.getByText(/version 2026-02-08, accepted/).waitFor();

    await page.getByRole("link", { name: "Studies" }).click();
    await page.getByRole("heading", { name: "No studies yet — upload one" }).waitFor();
    await expectFooterLinks();
  });

  it("tells the user when the password is wrong", async () => {
    await page.goto(webUrl("/signin/"));
    await page.getByLabel("Email").fill(uniqueEmail("nobody"));
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").getByText("Wrong email or password.").waitFor();
  });
});
