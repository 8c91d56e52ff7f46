// Large archives in parallel (docs/ingest.md): the wall time of one ZIP of
// --fanout-instances slices with 1, 2, 4... workers. W workers are W parts,
// which the queue (8 at once) dispatches together; 1 worker is one part, i.e.
// the single-run path. Each worker count gets its own emulator run, since the
// part size is a setting of the functions.
import { join } from "node:path";
import { ensureDataset } from "./dataset.mjs";
import { startEmulators } from "./emulators.mjs";
import { benchOurs } from "./ours.mjs";

const RANGE_FUNCTION = "ingestArchiveRange";

/** The functions' settings for one run (their .env.local): `workers` parts; every upload is looked at. */
function fanoutEnv(instances, workers) {
  return { PACS_INGEST_RANGE_ENTRIES: String(Math.ceil(instances / workers)), PACS_INGEST_FANOUT_MIN_BYTES: "1" };
}

/** One emulator run per worker count, one after the other; returns the figures of each. */
export async function benchFanout({ root, cacheDir, stamp, options, log }) {
  const dataset = await ensureDataset({ root, cacheDir, instances: options.fanoutInstances, big: false, regenerate: options.regenerate, log });
  const runs = [];
  for (const workers of options.workers) {
    log(`fan-out: ${dataset.instances} instances in ${workers} part(s) at once`);
    const workDir = join(cacheDir, "logs", stamp, `fanout-${workers}`);
    const functionsEnv = fanoutEnv(dataset.instances, workers);
    const emulators = await startEmulators({ root, portBase: options.portBase, workDir, logPath: join(workDir, "emulators.log"), log, functionsEnv });
    let figures;
    try {
      figures = await benchOurs({ emulators, dataset, timeoutMs: (120 + dataset.instances) * 1000, log });
    } finally {
      await emulators.stop();
    }
    const rangeWorkers = figures.workers.filter((w) => w.function === RANGE_FUNCTION).length;
    runs.push({
      workers,
      rangeEntries: Number(functionsEnv.PACS_INGEST_RANGE_ENTRIES),
      seconds: figures.seconds,
      instances: figures.instances,
      rate: figures.rate,
      ratePerWorker: figures.rate / workers,
      rangeWorkerProcesses: rangeWorkers,
      counts: figures.counts,
      problems: figures.problems.slice(0, 5),
    });
  }
  return { dataset: { instances: dataset.instances, bytes: dataset.bytes, compression: dataset.compression, generator: dataset.generator }, runs };
}
