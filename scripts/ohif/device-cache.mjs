// The device cache's service worker (docs/viewer.md, "Device cache (opt-in)") is served from
// OHIF's folder, so that its scope is /ohif/ and the viewer's policy covers it. OHIF's own
// index.html loads init-service-worker.js, which unregisters EVERY service worker of the origin on
// each viewer load (and sw.js, a Workbox worker importing from Google's CDN, that nothing here
// registers): both go, or the device cache would be switched off by the first study opened.
import { buildSync } from "esbuild";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { OhifFetchError } from "./errors.mjs";

/** Must match DEVICE_CACHE_WORKER_PATH in apps/web/src/device-cache/rules.ts. */
export const DEVICE_CACHE_WORKER = "device-cache-sw.js";
const OHIF_WORKER_FILES = ["init-service-worker.js", "sw.js"];
const INIT_SCRIPT_TAG = /<script\b[^>]*\bsrc="[^"]*init-service-worker\.js"[^>]*><\/script>/g;

/** index.html without the script that unregisters every service worker. */
export function dropOhifServiceWorker(html) {
  const page = html.replace(INIT_SCRIPT_TAG, "");
  if (page.includes("init-service-worker")) throw new OhifFetchError("index.html still loads init-service-worker.js in a form the build does not know; check the device cache step");
  return page;
}

/** Rewrites the unpacked viewer in `dir` and bundles our worker into it. */
export function installDeviceCacheWorker(root, dir) {
  const indexPath = join(dir, "index.html");
  writeFileSync(indexPath, dropOhifServiceWorker(readFileSync(indexPath, "utf8")));
  for (const file of OHIF_WORKER_FILES) rmSync(join(dir, file), { force: true });
  const entry = join(root, "apps", "web", "src", "device-cache", "service-worker.ts");
  if (!existsSync(entry)) throw new OhifFetchError(`the device cache worker's source is missing: ${entry}`);
  buildSync({ entryPoints: [entry], bundle: true, format: "iife", target: "es2022", minify: true, outfile: join(dir, DEVICE_CACHE_WORKER), logLevel: "error" });
}
