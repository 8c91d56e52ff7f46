// Hosting serves OHIF's content-hashed files (`<id>.bundle.<16 hex>.js`, `<16 hex>.wasm`,
// `<16 hex>.woff2`) as immutable for a year (firebase.json), so a browser never asks for
// them again. That is only safe while a name means one content. Webpack's hash covers OHIF's
// bytes, but our build rewrites some of those files (sub-path.mjs, worker-scripts.mjs), and a
// later change to a rewrite would serve new bytes under an old name to every browser that
// cached it. So each file the build changed gets a new hash in its name, derived from the
// final bytes of every changed file, and every reference to the old hash (webpack's chunk
// tables, index.html, sw.js) is rewritten to match.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { OhifFetchError } from "./errors.mjs";

/** A name whose 16 hex digits are webpack's content hash: what firebase.json caches as immutable. */
export const HASHED_NAME = /^(?:[\w-]+\.bundle\.([0-9a-f]{16})\.js|([0-9a-f]{16})\.(?:wasm|woff2))$/;
const TEXT = /\.(?:js|html|css|json)$/;

const sha = (bytes) => createHash("sha256").update(bytes).digest("hex");
const listFiles = (dir) =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
const hashOf = (file) => {
  const match = HASHED_NAME.exec(basename(file));
  return match ? (match[1] ?? match[2]) : undefined;
};

/** The SHA-256 of each content-hashed file in `dir` as OHIF published it, by file name (copies keep it). */
export function readHashedDigests(dir) {
  return new Map(listFiles(dir).filter(hashOf).map((file) => [basename(file), sha(readFileSync(file))]));
}

/**
 * Renames every content-hashed file in `dir` whose bytes differ from `published`
 * (readHashedDigests before the rewrites) and points every reference at the new
 * name. Returns the old → new hash of each renamed file.
 */
export function renameRewrittenFiles(dir, published) {
  const changed = (file) => published.get(basename(file)) !== sha(readFileSync(file));
  const hashed = listFiles(dir).filter(hashOf);
  for (const file of hashed) {
    if (!published.has(basename(file))) throw new OhifFetchError(`${file} appeared during the build with a content-hashed name; only OHIF's own files may have one`);
  }
  const renames = new Map();
  // Replacing a hash inside a file changes that file too: repeat until no new file changes.
  for (let round = 0; ; round += 1) {
    const stale = hashed.filter((file) => changed(file) && !renames.has(hashOf(file)));
    if (stale.length === 0) break;
    if (round > 10) throw new OhifFetchError("renaming rewritten OHIF files did not settle");
    const epoch = sha(hashed.filter(changed).sort().map((file) => sha(readFileSync(file))).join());
    for (const file of stale) renames.set(hashOf(file), sha(epoch + hashOf(file)).slice(0, 16));
    replaceHashes(dir, renames);
  }
  for (const file of hashed) {
    const fresh = renames.get(hashOf(file));
    if (fresh) renameSync(file, file.replace(new RegExp(`${hashOf(file)}(?=\\.\\w+$)`), fresh));
  }
  return renames;
}

/** Every old hash becomes its new one in every text file (they are 16 random hex digits, unique). */
function replaceHashes(dir, renames) {
  const pattern = new RegExp([...renames.keys()].join("|"), "g");
  for (const file of listFiles(dir).filter((name) => TEXT.test(name))) {
    const text = readFileSync(file, "utf8");
    const moved = text.replace(pattern, (old) => renames.get(old));
    if (moved !== text) writeFileSync(file, moved);
  }
}
