/**
 * Collects every Content-Security-Policy violation a page and its workers
 * report: the page's `securitypolicyviolation` events, console messages
 * ("Refused to ...") and errors such as the EvalError a codec worker throws
 * when its policy forbids evaluating code.
 */
import type { Page } from "playwright-core";

const CSP_TEXT = /Content Security Policy|Refused to|unsafe-eval|EvalError/i;

export async function watchCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  const note = (where: string, text: string) => {
    if (CSP_TEXT.test(text)) violations.push(`${where}: ${text}`);
  };
  page.on("console", (message) => note("page", message.text()));
  page.on("pageerror", (error) => note("page error", error.message));
  page.on("worker", (worker) => {
    worker.on("console", (message) => note(`worker ${worker.url()}`, message.text()));
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Refused to load ${event.blockedURI}: Content Security Policy ${event.violatedDirective}`);
    });
  });
  return violations;
}
