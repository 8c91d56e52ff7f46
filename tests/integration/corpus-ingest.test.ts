/**
 * Every file of the third-party sample corpus (../shared/dicom-samples, not
 * in the repository; skipped where absent), zipped and uploaded through the
 * real trigger: each file gets a verdict, none crashes the function, what the
 * header reader accepts is exactly what gets stored, and the corpus's
 * DICOMDIRs are checked against the files beside them. One archive keeps it
 * to one trigger run; loose-file batches are covered in ingest.test.ts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { buildZip } from "../../functions/src/ingest/archive/testing/zip-fixtures";
import { bufferSource } from "../../functions/src/ingest/archive/byte-source";
import { expandUpload } from "../../functions/src/ingest/expand-upload";
import { DEFAULT_INGEST_LIMITS } from "../../functions/src/ingest/limits";
import { readInstanceMetadata } from "../../functions/src/ingest/read-instance";
import { createUploader, uploadBatch } from "../support/ingest-client";

const samplesRoot = path.resolve(__dirname, "..", "..", "..", "shared", "dicom-samples");

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

/** What ingest would store of this file on its own: gzip-wrapped files (zipMR.gz) count once unwrapped. */
async function readable(file: string): Promise<boolean> {
  for await (const item of expandUpload(bufferSource(readFileSync(file)), file, DEFAULT_INGEST_LIMITS)) {
    if (item.kind !== "file") return false;
    try {
      readInstanceMetadata(item.bytes, item.name);
      return true;
    } catch {
      return false;
    }
  }
  return false;
}

const present = existsSync(samplesRoot);
const itIfSamples = present ? it : it.skip;

itIfSamples(`ingests every file of ${samplesRoot} with a verdict`, async () => {
  const paths = listFiles(samplesRoot);
  const user = await createUploader("corpus");
  const files = paths.map((file) => ({ relativePath: `corpus.zip/${path.relative(samplesRoot, file)}`, bytes: readFileSync(file) }));
  const zip = await buildZip(Object.fromEntries(paths.map((file) => [path.relative(samplesRoot, file), readFileSync(file)])));
  const { batch } = await uploadBatch(user, [{ relativePath: "corpus.zip", bytes: zip }]);

  const { stored, duplicate, skipped, failed } = batch.counts;
  const reasons = new Map<string, number>();
  for (const p of batch.problems) reasons.set(`${p.verdict} ${p.reason}`, (reasons.get(`${p.verdict} ${p.reason}`) ?? 0) + 1);
  console.log(
    `corpus ingest: ${files.length} files → stored ${stored}, duplicate ${duplicate}, skipped ${skipped}, failed ${failed}, ` +
      `listed by a DICOMDIR but absent ${batch.dicomdirMissing}\n` +
      [...reasons].map(([reason, n]) => `  ${n} × ${reason}`).join("\n"),
  );

  expect(batch.filesProcessed).toBe(1);
  expect(stored + duplicate + skipped + failed).toBe(files.length);
  const readableFlags = await Promise.all(paths.map(readable));
  expect(stored + duplicate).toBe(readableFlags.filter(Boolean).length);
  // Every file not stored is named, with a reason.
  const named = batch.problems.filter((p) => p.reason !== "missing-from-upload");
  expect(named).toHaveLength(skipped + failed);
  expect(new Set(named.map((p) => p.file)).size).toBe(named.length);
  for (const p of named) expect(files.some((f) => f.relativePath === p.file)).toBe(true);
});
