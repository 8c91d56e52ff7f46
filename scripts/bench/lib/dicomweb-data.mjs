// What `npm run bench:dicomweb` loads into both archives: the CT series of
// bench:ingest (its cached ZIP, read back into one buffer per slice) and a
// set of one-instance studies with bench:search's patient names and dates,
// plus the STOW-RS request bodies both receive, cut under the 32 MB a Cloud
// Functions request may carry.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { buildSeedInstance } from "./viewer-orthanc.mjs";
import { loadDicomWriter } from "./ct-synthetic.mjs";
import { describeSeedStudy } from "./viewer-studies.mjs";

/** Each STOW-RS request body stays below this: 30 MiB leaves room under Cloud Functions' 32 MB cap. */
export const STOW_BODY_LIMIT = 30 * 1024 * 1024;

/** The slices of the dataset's ZIP, in name order, as buffers. */
export async function readCtSlices(root, zipPath) {
  const JSZip = createRequire(join(root, "functions", "package.json"))("jszip");
  const zip = await JSZip.loadAsync(readFileSync(zipPath));
  const names = Object.keys(zip.files).filter((name) => !zip.files[name].dir).sort();
  return Promise.all(names.map((name) => zip.files[name].async("nodebuffer")));
}

/** `count` one-instance studies (bench:search's names, IDs and dates) as DICOM files. */
export async function buildSeedFiles({ root, cacheDir, uidRoot, count }) {
  const writer = await loadDicomWriter(root, cacheDir);
  return Array.from({ length: count }, (_, i) => Buffer.from(buildSeedInstance(writer, describeSeedStudy(uidRoot, i))));
}

/**
 * Cuts `files` into STOW-RS requests (PS3.18 10.5: multipart/related;
 * type="application/dicom"), each body under `limit` bytes and at most
 * `maxInstances` parts: what a gateway does with a series larger than one
 * request may carry.
 */
export function buildStowRequests(files, { limit = STOW_BODY_LIMIT, maxInstances = Infinity } = {}) {
  const requests = [];
  let parts = [];
  let size = 0;
  const flush = () => {
    if (parts.length === 0) return;
    const boundary = `bench-${randomUUID()}`;
    const chunks = parts.flatMap((file) => [Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), file, Buffer.from("\r\n")]);
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    requests.push({ instances: parts.length, body: Buffer.concat(chunks), contentType: `multipart/related; type="application/dicom"; boundary=${boundary}` });
    parts = [];
    size = 0;
  };
  const overhead = 200;
  for (const file of files) {
    if (file.length + overhead > limit) throw new Error(`one instance of ${file.length} bytes does not fit a STOW-RS request under ${limit} bytes`);
    if (size + file.length + overhead > limit || parts.length >= maxInstances) flush();
    parts.push(file);
    size += file.length + overhead;
  }
  flush();
  return requests;
}
