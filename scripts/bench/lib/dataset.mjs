// The one ZIP both archives ingest in a run, cached in .cache/bench/data by
// generator, size and compression: building 2000 slices takes longer than
// ingesting them, and every run compares the two archives on the same bytes.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { findSharedGenerator, prepareSharedSeries } from "./ct-shared.mjs";
import { prepareSyntheticSeries } from "./ct-synthetic.mjs";
import { writeSeriesZip } from "./zip-writer.mjs";

/**
 * Returns `{ zipPath, bytes, instances, generator, compression }`, generating
 * the series and its ZIP unless a complete cached copy exists (the sidecar
 * JSON is written last, so an interrupted run is never reused).
 */
export async function ensureDataset({ root, cacheDir, instances, big, regenerate, log }) {
  const shared = findSharedGenerator(root);
  const generator = shared ? "shared" : "synthetic";
  const compression = big ? "STORE" : "DEFLATE";
  const dataDir = join(cacheDir, "data");
  mkdirSync(dataDir, { recursive: true });
  const stem = `ct-${generator}-${instances}-${compression.toLowerCase()}`;
  const zipPath = join(dataDir, `${stem}.zip`);
  const sidecar = join(dataDir, `${stem}.json`);

  if (!regenerate && existsSync(sidecar) && existsSync(zipPath)) {
    const cached = JSON.parse(readFileSync(sidecar, "utf8"));
    if (cached.bytes === statSync(zipPath).size) {
      log(`reusing ${zipPath} (${formatMb(cached.bytes)}; --regenerate builds it again)`);
      return { ...cached, zipPath };
    }
  }
  rmSync(sidecar, { force: true });
  if (!shared) log("../shared/tools/gen-ct-series.sh or dcmtk/gdcm not found: using the repo's own DICOM writer");
  const slicesDir = join(dataDir, `${stem}-slices`);
  const series = shared
    ? prepareSharedSeries({ generator: shared, outDir: slicesDir, instances, log })
    : await prepareSyntheticSeries({ root, cacheDir, instances });

  log(`writing ${instances} slices into ${zipPath} (${compression})...`);
  const started = Date.now();
  const partial = `${zipPath}.partial`;
  await writeSeriesZip({ root, series, zipPath: partial, compression });
  renameSync(partial, zipPath);
  rmSync(slicesDir, { recursive: true, force: true });
  const dataset = { generator, instances, compression, bytes: statSync(zipPath).size };
  writeFileSync(sidecar, JSON.stringify(dataset, null, 2) + "\n");
  log(`ZIP ready: ${formatMb(dataset.bytes)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { ...dataset, zipPath };
}

export function formatMb(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
