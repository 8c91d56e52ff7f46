// Large archives in parallel (docs/ingest.md): the wall time of one ZIP of
// --fanout-instances slices with 1, 2, 4... workers, i.e. the task queue's
// maxConcurrentDispatches. Each worker count gets its own emulator run, since
// the function reads PACS_INGEST_WORKERS when it loads.
import { join } from "node:path";
import { ensureDataset } from "./dataset.mjs";
import { startEmulators } from "./emulators.mjs";
import { benchOurs } from "./ours.mjs";

const RANGE_FUNCTION = "ingestArchiveRange";

/**
 * The functions' settings for one run (written to their .env.local, which
 * firebase-tools also reads when it builds the queue from the function's
 * options): as many parts as the largest worker count, so that each worker
 * count has parts to run at once; every upload is looked at.
 */
function fanoutEnv({ workers, rangeEntries }) {
  return { PACS_INGEST_WORKERS: String(workers), PACS_INGEST_RANGE_ENTRIES: String(rangeEntries), PACS_INGEST_FANOUT_MIN_BYTES: "1" };
}

/** One emulator run per worker count, one after the other; returns the figures of each. */
export async function benchFanout({ root, cacheDir, stamp, options, log }) {
  const dataset = await ensureDataset({ root, cacheDir, instances: options.fanoutInstances, big: false, regenerate: options.regenerate, log });
  const rangeEntries = Math.ceil(dataset.instances / Math.max(...options.workers));
  const runs = [];
  for (const workers of options.workers) {
    log(`fan-out: ${dataset.instances} instances, parts of ${rangeEntries} entries, ${workers} worker(s)`);
    const workDir = join(cacheDir, "logs", stamp, `fanout-${workers}`);
    const functionsEnv = fanoutEnv({ workers, rangeEntries });
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
      seconds: figures.seconds,
      instances: figures.instances,
      rate: figures.rate,
      ratePerWorker: figures.rate / workers,
      rangeWorkerProcesses: rangeWorkers,
      counts: figures.counts,
      problems: figures.problems.slice(0, 5),
    });
  }
  return { dataset: { instances: dataset.instances, bytes: dataset.bytes, compression: dataset.compression, generator: dataset.generator }, rangeEntries, runs };
}
