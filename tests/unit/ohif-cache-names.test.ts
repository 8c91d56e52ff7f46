/**
 * scripts/ohif/cache-names.mjs: Hosting caches OHIF's content-hashed files as
 * immutable, so a file the build rewrote must not keep the name OHIF gave its
 * original bytes, and every reference must follow the new name.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

/** A tiny dist: a runtime naming two chunks by hash, the page loading the runtime, and a worker copy. */
function writeDist(): string {
  const dir = mkdtempSync(join(tmpdir(), "ohif-names-"));
  mkdirSync(join(dir, "workers"));
  writeFileSync(join(dir, "index.html"), '<script src="/app.bundle.0f6159c501addfe9.js"></script>');
  writeFileSync(join(dir, "app.bundle.0f6159c501addfe9.js"), 'p = "/"; u = {89: "b327bf3664812958", 100: "cb02411ce321d4e4"};');
  writeFileSync(join(dir, "89.bundle.b327bf3664812958.js"), 'p = "/"; worker');
  writeFileSync(join(dir, "100.bundle.cb02411ce321d4e4.js"), "untouched");
  writeFileSync(join(dir, "37fa160cc3a47cfd.wasm"), "wasm");
  return dir;
}

/** Runs the build's steps in their own node (the modules are ESM): digests, a rewrite, renames. */
function build(dir: string, rewrite: string): Record<string, string> {
  const script = `
    const fs = require("fs"); const path = require("path");
    import("./scripts/ohif/cache-names.mjs").then((m) => {
      const dir = process.argv[1];
      const published = m.readHashedDigests(dir);
      for (const name of ["app.bundle.0f6159c501addfe9.js", "89.bundle.b327bf3664812958.js"]) {
        const file = path.join(dir, name);
        fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('p = "/"', process.argv[2]));
      }
      fs.copyFileSync(path.join(dir, "89.bundle.b327bf3664812958.js"), path.join(dir, "workers", "89.bundle.b327bf3664812958.js"));
      process.stdout.write(JSON.stringify(Object.fromEntries(m.renameRewrittenFiles(dir, published))));
    });`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script, dir, rewrite], { cwd: root, encoding: "utf8" })) as Record<string, string>;
}

it("a rewritten OHIF bundle gets a new hashed name, which its references follow, and a different rewrite gives another name", () => {
  const dir = writeDist();
  const renames = build(dir, 'p = "/ohif/"');
  expect(Object.keys(renames).sort()).toEqual(["0f6159c501addfe9", "b327bf3664812958"]);
  const app = `app.bundle.${renames["0f6159c501addfe9"]}.js`;
  const chunk = `89.bundle.${renames["b327bf3664812958"]}.js`;
  expect(readdirSync(dir).sort()).toEqual(["100.bundle.cb02411ce321d4e4.js", "37fa160cc3a47cfd.wasm", chunk, app, "index.html", "workers"].sort());
  expect(readdirSync(join(dir, "workers"))).toEqual([chunk]);
  expect(readFileSync(join(dir, "index.html"), "utf8")).toContain(`/${app}`);
  // The runtime's chunk table names the new file; the untouched chunk keeps OHIF's name.
  expect(readFileSync(join(dir, app), "utf8")).toContain(`89: "${renames["b327bf3664812958"]}", 100: "cb02411ce321d4e4"`);
  expect(renames["0f6159c501addfe9"]).toMatch(/^[0-9a-f]{16}$/);

  const other = build(writeDist(), 'p = "/viewer/"');
  expect(other["0f6159c501addfe9"]).not.toBe(renames["0f6159c501addfe9"]);
  expect(other["b327bf3664812958"]).not.toBe(renames["b327bf3664812958"]);
  // The same rewrite gives the same names: a rebuild does not throw away every browser's cache.
  expect(build(writeDist(), 'p = "/ohif/"')).toEqual(renames);
});
