// Bundles the functions into lib/index.js. @pacs/shared (a workspace package,
// not on npm, so not in package.json) is inlined so that the deployed source
// needs no workspace links; npm dependencies stay external and
// are installed by Cloud Build from package.json.
import { build } from "esbuild";
import { readFileSync } from "node:fs";

const { dependencies } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));

await build({
  entryPoints: ["src/index.ts"],
  outfile: "lib/index.js",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: true,
  external: Object.keys(dependencies),
  logLevel: "warning",
});
