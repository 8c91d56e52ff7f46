// The fan-out part of `bench:ingest`: wall time by worker count, the speed-up
// over one worker, and the rate per worker. Figures from the emulators.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describeMachine } from "./report.mjs";

const fixed = (value, digits) => (value === null || value === undefined || Number.isNaN(value) ? "-" : value.toFixed(digits));

export function printFanoutReport(fanout) {
  const { dataset, runs } = fanout;
  const base = runs.find((run) => run.workers === 1) ?? runs[0];
  const header = ["workers", "instances", "seconds", "instances/s", "per worker", "speed-up"].map((h) => h.padStart(12)).join("");
  const rows = runs.map((run) =>
    [String(run.workers), String(run.instances), fixed(run.seconds, 1), fixed(run.rate, 1), fixed(run.ratePerWorker, 1), `${fixed(base.seconds / run.seconds, 2)}x`].map((c) => c.padStart(12)).join(""),
  );
  console.log(
    [
      "",
      `Large archive in parallel: one ZIP of ${dataset.instances} CT slices (${(dataset.bytes / 1024 / 1024).toFixed(1)} MB, ${dataset.compression}); W workers = W parts running at once (1 = the single-run path)`,
      "",
      header,
      ...rows,
      "",
      "emulator figures: from the ZIP finalised to the batch done; all workers share this machine's cores (speed-up over the first row).",
    ].join("\n"),
  );
}

export function writeFanoutJson({ cacheDir, stamp, fanout }) {
  const path = join(cacheDir, `ingest-fanout-${stamp}.json`);
  writeFileSync(path, JSON.stringify({ stamp, machine: describeMachine(), ...fanout }, null, 2) + "\n");
  return path;
}
