/**
 * The headers firebase.json gives every response (docs/viewer.md, docs/deploy.md).
 * Production must not trust local addresses: a policy that lets a page talk
 * to http://127.0.0.1 lets it reach whatever listens on the visitor's own
 * machine. The emulator runs add those sources to their own copy
 * (scripts/emulators/config.mjs).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

interface HeaderRule {
  /** A glob, or (Hosting's other form) an RE2 regular expression. */
  source?: string;
  regex?: string;
  headers: Array<{ key: string; value: string }>;
}
const root = join(__dirname, "..", "..");
const firebaseJson = () => JSON.parse(readFileSync(join(root, "firebase.json"), "utf8")) as { hosting: { headers: HeaderRule[] } };

/** The headers a response to `path` gets: every matching rule, later ones winning (as in Hosting). */
function headersFor(rules: HeaderRule[], path: string): Map<string, string> {
  const glob = (source: string) => new RegExp(`^${source.replace(/\*\*/g, "\u0000").replace(/\*/g, "[^/]*").replace(/\u0000/g, ".*")}$`);
  const result = new Map<string, string>();
  const matches = (rule: HeaderRule) => (rule.regex !== undefined ? new RegExp(rule.regex, "u") : glob(rule.source!)).test(path);
  for (const rule of rules) if (matches(rule)) for (const { key, value } of rule.headers) result.set(key.toLowerCase(), value);
  return result;
}

function directive(policy: string, name: string): string[] | undefined {
  const found = policy.split(";").map((d) => d.trim().split(/\s+/)).find(([n]) => n === name);
  return found?.slice(1);
}

it("the production policy lets no page reach 127.0.0.1 or localhost (the visitor's own machine)", () => {
  const text = JSON.stringify(firebaseJson().hosting.headers);
  expect(text).not.toMatch(/127\.0\.0\.1|localhost|\[::1\]|0\.0\.0\.0/);
});

it("app pages get a Content-Security-Policy of their own, not only /ohif/, and every response a Permissions-Policy", () => {
  const rules = firebaseJson().hosting.headers;
  for (const path of ["/", "/studies/", "/s/", "/settings/", "/signin/index.html"]) {
    const headers = headersFor(rules, path);
    const policy = headers.get("content-security-policy");
    expect(policy).toBeDefined();
    expect(directive(policy!, "object-src")).toEqual(["'none'"]);
    expect(directive(policy!, "base-uri")).toEqual(["'self'"]);
    expect(directive(policy!, "frame-ancestors")).toEqual(["'self'"]);
    expect(directive(policy!, "form-action")).toEqual(["'self'"]);
    expect(policy).not.toContain("'unsafe-eval'");
  }
  for (const path of ["/", "/ohif/viewer/dicomjson", "/api/health"]) {
    const permissions = headersFor(rules, path).get("permissions-policy");
    expect(permissions).toMatch(/camera=\(\)/);
    expect(permissions).toMatch(/geolocation=\(\)/);
    expect(permissions).toMatch(/microphone=\(\)/);
  }
  // The viewer keeps its own policy: the rule for /ohif/** comes after the site-wide one.
  expect(directive(headersFor(rules, "/ohif/viewer/dicomjson").get("content-security-policy")!, "object-src")).toEqual(["https://storage.googleapis.com"]);
});

it("the emulator copy of the config adds the local emulator sources, only there", () => {
  // An ES module jest cannot load: run it in its own node.
  const script = `import("./scripts/emulators/config.mjs").then((m) => process.stdout.write(JSON.stringify(m.addEmulatorSources(JSON.parse(require("fs").readFileSync("firebase.json", "utf8"))))))`;
  const local = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" })) as { hosting: { headers: HeaderRule[] } };
  const ohif = headersFor(local.hosting.headers, "/ohif/viewer/dicomjson").get("content-security-policy")!;
  for (const name of ["connect-src", "object-src", "frame-src"]) expect(directive(ohif, name)).toEqual(expect.arrayContaining(["http://127.0.0.1:*", "http://localhost:*"]));
  expect(JSON.stringify(firebaseJson().hosting.headers)).not.toContain("127.0.0.1");
  // 'none' beside a source is ignored and logged as an error on every page: the app pages keep object-src 'none'.
  const app = headersFor(local.hosting.headers, "/studies/").get("content-security-policy")!;
  expect(directive(app, "object-src")).toEqual(["'none'"]);
});

it("OHIF's content-hashed bundles, wasm and font are cached for a year as immutable; its page, config, CSS and app pages are revalidated", () => {
  const rules = firebaseJson().hosting.headers;
  const immutable = [
    "/ohif/app.bundle.0f6159c501addfe9.js",
    "/ohif/8478.bundle.4520037e6185b95f.js",
    "/ohif/workers/compute.bundle.0fc3a3ee85296cf2.js",
    "/ohif/37fa160cc3a47cfd.wasm",
    "/ohif/a34f9d1faa5f3315.woff2",
  ];
  for (const path of immutable) expect([path, headersFor(rules, path).get("cache-control")]).toEqual([path, "public, max-age=31536000, immutable"]);
  // Names without webpack's content hash may change content at the next deploy.
  const revalidated = ["/ohif/index.html", "/ohif/viewer/dicomjson", "/ohif/app-config.js", "/ohif/pacs-boot.js", "/ohif/app.bundle.css", "/ohif/1602.css", "/ohif/sw.js", "/studies/", "/_next/static/app.bundle.0f6159c501addfe9.js"];
  for (const path of revalidated) expect([path, headersFor(rules, path).get("cache-control")]).toEqual([path, undefined]);
  // The workers keep their own policy next to the cache header.
  expect(headersFor(rules, "/ohif/workers/compute.bundle.0fc3a3ee85296cf2.js").get("content-security-policy")).toContain("'unsafe-eval'");
});
