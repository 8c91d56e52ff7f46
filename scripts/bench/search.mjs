#!/usr/bin/env node
// `npm run bench:search`: the study list's search among 10,000 studies, ours
// beside Orthanc's QIDO-RS, in one run. Prints what production pays per
// page (document reads, counted) and the declared composite index that
// serves the query (checked against firestore.indexes.json for every query
// shape the list builds), then the latencies, ours labelled as the
// emulator's. Exit codes: 0 figures printed (whether or not the targets
// hold), 1 something malfunctioned, 2 the machine lacks a tool. See --help.
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SetupError } from "../emulators/java.mjs";
import { beginBenchRun, isStopping, runBenchMain } from "./lib/cleanup.mjs";
import { buildFunctions, startEmulators } from "./lib/emulators.mjs";
import { ensureOrthanc, finalExitCode } from "./lib/orthanc-install.mjs";
import { parseBenchArgs, parsePositiveInt, readCommonOptions, UsageError } from "./lib/options.mjs";
import { createVerifiedUser } from "./lib/pacs-client.mjs";
import { benchOrthancSearch } from "./lib/search-orthanc.mjs";
import { evaluateSearchTargets, printSearchReport, writeSearchJson } from "./lib/search-report.mjs";
import { benchOurSearch } from "./lib/viewer-search.mjs";
import { buildStudyUidRoot } from "./lib/viewer-studies.mjs";

const USAGE = `Usage: npm run bench:search -- [options]

  --studies N        studies to search among (default 10000; ours and Orthanc's)
  --searches N       timed searches on each side (default 20; 3 for a quick check)
  --orthanc-budget S stop loading studies into Orthanc after about S seconds (default 120)
  --only WHICH       run only "ours" or only "orthanc"
  --install          install Orthanc with apt-get if it is missing (root only; implied by CI=true)
  --no-build         use the functions bundle built last time
  --port-base P      first port of the emulators (default $PACS_BENCH_SEARCH_PORT_BASE or 28360)
  -h, --help         show this text`;

/** The page size both sides ask for (study-query.ts STUDY_PAGE_SIZE; checked against ours after the run). */
const PAGE_SIZE = 50;

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const cacheDir = join(root, ".cache", "bench");
const log = (message) => console.log(`[bench] ${message}`);

function parseOptions(argv = process.argv.slice(2), env = process.env) {
  const values = parseBenchArgs(argv, { studies: { type: "string", default: "10000" }, searches: { type: "string", default: "20" }, "orthanc-budget": { type: "string", default: "120" } });
  return {
    ...readCommonOptions(values, env, { portEnv: "PACS_BENCH_SEARCH_PORT_BASE", defaultPortBase: 28360 }),
    studies: parsePositiveInt(values.studies, "--studies"),
    searches: parsePositiveInt(values.searches, "--searches"),
    orthancBudgetSeconds: parsePositiveInt(values["orthanc-budget"], "--orthanc-budget"),
  };
}

async function runOurs({ options, stamp, uidRoot }) {
  if (options.build) buildFunctions(root);
  const workDir = join(cacheDir, "logs", stamp, "emulators");
  mkdirSync(workDir, { recursive: true });
  const emulators = await startEmulators({ root, portBase: options.portBase, workDir, logPath: join(workDir, "emulators.log"), log });
  try {
    const user = await createVerifiedUser(emulators);
    return await benchOurSearch({ root, cacheDir, emulators, user, uidRoot, count: options.studies, searches: options.searches, log, otherStudies: 0 });
  } finally {
    log("stopping the emulators...");
    await emulators.stop();
  }
}

async function main() {
  const options = parseOptions();
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const stamp = beginBenchRun({ cacheDir, log });
  const uidRoot = buildStudyUidRoot();
  const orthancBinary = options.runOrthanc ? ensureOrthanc({ install: options.install, log }) : null;
  // One after the other, never together: each gets both cores.
  const orthanc = orthancBinary
    ? await benchOrthancSearch({ binary: orthancBinary, root, cacheDir, stamp, uidRoot, count: options.studies, budgetSeconds: options.orthancBudgetSeconds, searches: options.searches, pageSize: PAGE_SIZE, log })
    : null;
  const ours = options.runOurs ? await runOurs({ options, stamp, uidRoot }) : null;
  if (isStopping()) return 130;
  if (ours && ours.pageSize !== PAGE_SIZE) log(`note: the study list's page size is ${ours.pageSize}, Orthanc was asked for ${PAGE_SIZE}`);
  const targets = evaluateSearchTargets(ours);
  printSearchReport({ ours, orthanc, targets });
  log(`figures written to ${writeSearchJson({ cacheDir, stamp, ours, orthanc, targets })}`);
  return finalExitCode({ orthancMissing: options.runOrthanc && !orthancBinary });
}

runBenchMain(main, { usage: USAGE, UsageError, SetupError });
