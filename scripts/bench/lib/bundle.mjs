// Repo TypeScript the benchmarks run as it is in the tree: bundled by esbuild
// into the bench cache as one ES module, then imported.
import { build } from "esbuild";
import { pathToFileURL } from "node:url";

/** `source` is esbuild's `entryPoints` or `stdin`, plus any `plugins`. A query string makes a rebuilt file load afresh. */
export async function bundleAndImport(outfile, source) {
  await build({ ...source, outfile, bundle: true, platform: "node", format: "esm", target: "node20", logLevel: "warning" });
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
}
