// OHIF's image codecs (libjpeg-turbo, OpenJPEG, CharLS, OpenJPH) are Emscripten builds whose
// embind glue creates functions from strings, so the decode worker needs 'unsafe-eval'; the
// app's pages must never get it. A dedicated worker loaded from a URL runs under the policy
// delivered with its own script (CSP3 §4.2.2 "Initialize a global object's CSP list"), so every
// worker entry script is copied into `workers/`, where firebase.json gives it its own policy,
// and the `new Worker(new URL(...))` call sites load it from there. Blob workers still inherit
// the page's strict policy.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { OhifFetchError } from "./errors.mjs";

/** Folder under the sub-path whose scripts get the worker policy (see firebase.json). */
export const WORKER_DIR = "workers";

const WORKER_CALL = /new Worker\(new URL\(\/\* worker import \*\/__webpack_require__\.p \+ __webpack_require__\.u\((\d+)\)/g;
const CHUNK_FILENAME = /__webpack_require__\.u = \(chunkId\) => \{[^\n]*\n(?:[^\n]*\n){0,6}?\}/;

/** The webpack runtime's chunk-id → file-name function, taken from the bundle that calls it. */
function readChunkFilename(text, file) {
  const source = text.match(CHUNK_FILENAME)?.[0];
  if (!source) throw new OhifFetchError(`${file} starts workers but has no __webpack_require__.u; check the worker rewrite`);
  const runtime = {};
  // Build-time only: the function is a pure lookup table from OHIF's own bundle.
  new Function("__webpack_require__", source)(runtime);
  return runtime.u;
}

/**
 * Moves every URL-loaded worker of the unpacked dist in `dir` under `workers/`.
 * Returns the worker file names, so that the build can say what it moved.
 */
export function isolateWorkerScripts(dir) {
  const files = readdirSync(dir).filter((name) => name.endsWith(".js"));
  const bundles = new Map(files.map((name) => [name, readFileSync(join(dir, name), "utf8")]));
  // Each webpack runtime (app.bundle, and each worker's own) has its own chunk-name table; a
  // worker chunk is named by the app's, so take the first table that names an existing file.
  const tables = [...bundles].filter(([, text]) => CHUNK_FILENAME.test(text)).map(([file, text]) => readChunkFilename(text, file));
  if (tables.length === 0) throw new OhifFetchError(`no webpack runtime with a chunk filename table in ${dir}`);
  const chunkFilename = (id) => tables.map((table) => table(id)).find((name) => files.includes(name));

  const workers = new Set();
  mkdirSync(join(dir, WORKER_DIR), { recursive: true });
  for (const [name, text] of bundles) {
    let found = false;
    const moved = text.replace(WORKER_CALL, (call, id) => {
      found = true;
      const workerFile = chunkFilename(Number(id));
      if (!workerFile) throw new OhifFetchError(`${name} starts worker chunk ${id}, which no runtime names in the dist`);
      workers.add(workerFile);
      return call.replace("__webpack_require__.p + ", `__webpack_require__.p + ${JSON.stringify(`${WORKER_DIR}/`)} + `);
    });
    if (found) writeFileSync(join(dir, name), moved);
  }
  if (workers.size === 0) throw new OhifFetchError(`no "new Worker(new URL(...))" call found in ${dir}; check the worker rewrite`);
  for (const workerFile of workers) copyFileSync(join(dir, workerFile), join(dir, WORKER_DIR, workerFile));
  return [...workers].sort();
}
