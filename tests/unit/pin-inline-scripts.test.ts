/**
 * scripts/csp/pin-inline-scripts.mjs: each exported page names its own inline
 * scripts by hash, so that the browser runs those and refuses any other.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

/** The module is ESM, which jest cannot load here: run it in its own node. */
function pin(html: string): string {
  const script = `import("./scripts/csp/pin-inline-scripts.mjs").then((m) => process.stdout.write(m.pinInlineScripts(process.argv[1])))`;
  return execFileSync(process.execPath, ["-e", script, html], { cwd: root, encoding: "utf8" });
}

const sha = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
const page = `<!DOCTYPE html><html><head><meta charSet="utf-8"/><script src="/_next/a.js" async=""></script></head><body><script>self.__next_f.push([1,"x"])</script><script id="_R_">go()</script></body></html>`;

it("an inline script the build did not write has no hash in the page's policy, so it would not run", () => {
  const pinned = pin(page);
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(pinned)?.[1];
  expect(policy).toBe(`script-src 'self' https://www.googletagmanager.com ${sha('self.__next_f.push([1,"x"])')} ${sha("go()")}`);
  expect(policy).not.toContain(sha("window.__injected = true"));
  expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|127\.0\.0\.1|localhost/);
  // Right after the charset, before any script.
  expect(pinned.indexOf("Content-Security-Policy")).toBeLessThan(pinned.indexOf("<script"));
  expect(pinned.indexOf('<meta charSet="utf-8"/>')).toBe(pinned.indexOf("<head>") + "<head>".length);
});

it("pins a page once, however often the build runs", () => {
  const once = pin(page);
  expect(pin(once)).toBe(once);
});
