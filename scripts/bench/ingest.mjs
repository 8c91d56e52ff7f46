#!/usr/bin/env node
// `npm run bench:ingest`: our ingest and Orthanc's on the same CT ZIP, in one
// run, side by side. Figures go to the terminal and .cache/bench/; timings
// never go into tests. Exit codes: 0 figures printed (whether or not the
// targets hold), 1 something malfunctioned, 2 the machine lacks a tool.
// See `npm run bench:ingest -- --help`.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SetupError } from "../emulators/java.mjs";
import { beginBenchRun, isStopping, runBenchMain } from "./lib/cleanup.mjs";
import { ensureDataset } from "./lib/dataset.mjs";
import { buildFunctions, startEmulators } from "./lib/emulators.mjs";
import { benchOrthanc } from "./lib/orthanc.mjs";
import { ensureOrthanc, finalExitCode } from "./lib/orthanc-install.mjs";
import { parseOptions, UsageError, USAGE } from "./lib/options.mjs";
import { benchOurs } from "./lib/ours.mjs";
import { benchOursWithCost, evaluateCostTargets } from "./lib/cost-run.mjs";
import { printCostReport } from "./lib/cost-report.mjs";
import { startOpsCounting } from "./lib/ops-count.mjs";
import { evaluateTargets, printReport, writeReportJson } from "./lib/report.mjs";
import { benchFanout } from "./lib/fanout.mjs";
import { printFanoutReport, writeFanoutJson } from "./lib/fanout-report.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const cacheDir = join(root, ".cache", "bench");
const log = (message) => console.log(`[bench] ${message}`);

/** The backend may not have its trigger yet; say so instead of waiting for a batch that never finishes. */
function assertIngestTriggerBuilt() {
  const bundle = readFileSync(join(root, "functions", "lib", "index.js"), "utf8");
  if (!/\bingestUpload\b/.test(bundle)) {
    throw new Error("functions/lib/index.js exports no ingestUpload trigger: the backend has none yet, or the build is stale (run without --no-build).");
  }
}

async function runOurs({ options, stamp, dataset }) {
  if (options.build) buildFunctions(root);
  assertIngestTriggerBuilt();
  const workDir = join(cacheDir, "logs", stamp, "emulators");
  const logPath = join(workDir, "emulators.log");
  // Operations are counted, never estimated (lib/ops-count.mjs); --no-cost measures the rate alone.
  const counting = options.cost ? await startOpsCounting({ portBase: options.portBase, workDir }) : null;
  const emulators = await startEmulators({ root, portBase: options.portBase, workDir, logPath, log, env: counting?.env });
  try {
    if (!counting) return await benchOurs({ emulators, dataset, timeoutMs: options.timeoutMs, log });
    return await benchOursWithCost({ root, emulators, counting, logPath, dataset, timeoutMs: options.timeoutMs, log });
  } finally {
    log("stopping the emulators...");
    await emulators.stop();
    await counting?.stop();
  }
}

/** A count other than the series' size means the figures describe a different job: fail loudly. */
function checkStoredCount(name, figures, expected, malfunctions) {
  if (figures && figures.instances !== expected) {
    const detail = figures.problems?.length ? `; first problems: ${JSON.stringify(figures.problems.slice(0, 5))}` : "";
    malfunctions.push(`${name} stored ${figures.instances} instances, expected ${expected} (${JSON.stringify(figures.counts ?? figures.statuses)})${detail}`);
  }
}

async function main() {
  const options = parseOptions();
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const stamp = beginBenchRun({ cacheDir, log });
  // Look for Orthanc first: no point in generating a gigabyte to find it missing at the end.
  const orthancBinary = options.runOrthanc ? ensureOrthanc({ install: options.install, log }) : null;
  const dataset = await ensureDataset({ root, cacheDir, instances: options.instances, big: options.big, regenerate: options.regenerate, log });

  // One after the other, never together: each gets both cores.
  const orthanc = orthancBinary ? await benchOrthanc({ binary: orthancBinary, root, cacheDir, stamp, dataset, log }) : null;
  const ours = options.runOurs ? await runOurs({ options, stamp, dataset }) : null;
  // Built above (or not asked to be): the fan-out runs load the same bundle.
  const fanout = options.runOurs && options.workers.length > 0 ? await benchFanout({ root, cacheDir, stamp, options, log }) : null;

  // Ctrl+C during the last poll: the figures may be from a half-stopped run.
  if (isStopping()) return 130;
  const malfunctions = [];
  checkStoredCount("Orthanc", orthanc, dataset.instances, malfunctions);
  checkStoredCount("Our ingest", ours, dataset.instances, malfunctions);
  const targets = { ...evaluateTargets({ ours, orthanc, big: options.big }), ...evaluateCostTargets(ours?.cost, orthanc) };
  printReport({ dataset, ours, orthanc, big: options.big, targets });
  printCostReport({ cost: ours?.cost && { ...ours.cost, targets }, orthanc });
  log(`figures written to ${writeReportJson({ cacheDir, stamp, dataset, ours, orthanc, big: options.big, targets })}`);
  if (fanout) {
    printFanoutReport(fanout);
    for (const run of fanout.runs) checkStoredCount(`Fan-out with ${run.workers} worker(s)`, run, fanout.dataset.instances, malfunctions);
    log(`fan-out figures written to ${writeFanoutJson({ cacheDir, stamp, fanout })}`);
  }

  return finalExitCode({ malfunctions, orthancMissing: options.runOrthanc && !orthancBinary });
}

runBenchMain(main, { usage: USAGE, UsageError, SetupError });
