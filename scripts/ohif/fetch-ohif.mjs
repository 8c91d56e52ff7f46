// Puts the prebuilt OHIF viewer into the static export under /ohif/.
// @ohif/app is not an npm dependency (its dependency tree is huge): its
// package tarball is fetched once with `npm pack` into .cache/ohif, and only
// dist/ is unpacked, at every build, after `next build` has emptied out/.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { writeBootFiles } from "./boot-files.mjs";
import { readHashedDigests, renameRewrittenFiles } from "./cache-names.mjs";
import { installDeviceCacheWorker } from "./device-cache.mjs";
import { OhifFetchError } from "./errors.mjs";
import { pruneAppModes } from "./prune-modes.mjs";
import { moveUnderSubPath } from "./sub-path.mjs";
import { isolateWorkerScripts } from "./worker-scripts.mjs";

export { OhifFetchError };

/** The one place the viewer's version is pinned. */
export const OHIF_VERSION = "3.13.2";
/** Where the viewer is served; app-config.js's routerBasename must match. */
export const OHIF_SUB_PATH = "/ohif/";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const tarballName = `ohif-app-${OHIF_VERSION}.tgz`;
/** Not needed by our modes: ONNX runtime (AI segmentation) and the slide microscopy viewer. */
const DROPPED = ["ort", "dicom-microscopy-viewer", "_headers", "_redirects", "serve.json"];

/** The @ohif/app tarball in .cache/ohif, packed from the registry unless it is already there. */
export function readOhifTarball(root, env = process.env) {
  const cacheDir = join(root, ".cache", "ohif");
  const tarball = join(cacheDir, tarballName);
  if (existsSync(tarball)) return tarball;
  mkdirSync(cacheDir, { recursive: true });
  try {
    const pack = ["pack", `@ohif/app@${OHIF_VERSION}`, "--pack-destination", cacheDir];
    execFileSync(npm, [...pack, "--prefer-offline", "--fetch-retries=1", "--loglevel=error"], {
      cwd: cacheDir,
      env,
      stdio: ["ignore", "ignore", "pipe"],
    });
  } catch (error) {
    const detail = error.stderr?.toString().trim() || error.message;
    throw new OhifFetchError(
      `\`npm pack @ohif/app@${OHIF_VERSION}\` failed; the viewer needs the npm registry once ` +
        `(or put ${tarballName} into ${cacheDir} by hand).\n${detail}`,
      { cause: error },
    );
  }
  if (!existsSync(tarball)) throw new OhifFetchError(`npm pack did not write ${tarball}`);
  return tarball;
}

/**
 * Unpacks dist/ into apps/web/out/ohif, moves it under the sub-path and writes
 * our app-config.js over OHIF's. Returns the viewer's directory.
 */
export function buildOhifViewer(root, env = process.env) {
  const tarball = readOhifTarball(root, env);
  const target = join(root, "apps", "web", "out", OHIF_SUB_PATH.replaceAll("/", ""));
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const excludes = DROPPED.map((name) => `--exclude=package/dist/${name}`);
  try {
    execFileSync("tar", ["-xzf", tarball, "-C", target, "--strip-components=2", ...excludes, "package/dist"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
  } catch (error) {
    throw new OhifFetchError(`cannot unpack ${tarball} (delete it to fetch it again): ${error.stderr ?? error.message}`, {
      cause: error,
    });
  }
  const published = readHashedDigests(target);
  moveUnderSubPath(target, OHIF_SUB_PATH);
  isolateWorkerScripts(target);
  pruneAppModes(target);
  installDeviceCacheWorker(root, target);
  copyFileSync(join(root, "apps", "web", "ohif", "app-config.js"), join(target, "app-config.js"));
  // Last: hashed names are cached as immutable, so a file changed above gets a name of its own.
  renameRewrittenFiles(target, published);
  writeBootFiles(target, OHIF_SUB_PATH);
  return target;
}
