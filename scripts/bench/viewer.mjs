#!/usr/bin/env node
// `npm run bench:viewer`: what a reader waits for, ours beside Orthanc's, in
// one run: a 300-slice CT's study metadata (our manifest with signed URLs vs
// WADO-RS metadata), study search at 10,000 studies (the study list's query
// vs QIDO-RS), and the time to the first image in headless Chromium. Exit
// codes: 0 figures printed (whether or not the targets hold), 1 something
// malfunctioned, 2 the machine lacks a tool. See `npm run bench:viewer -- --help`.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SetupError } from "../emulators/java.mjs";
import { beginBenchRun, isStopping, runBenchMain } from "./lib/cleanup.mjs";
import { ensureDataset } from "./lib/dataset.mjs";
import { buildFunctions } from "./lib/emulators.mjs";
import { ensureOrthanc, finalExitCode } from "./lib/orthanc-install.mjs";
import { UsageError } from "./lib/options.mjs";
import { createVerifiedUser } from "./lib/pacs-client.mjs";
import { benchFirstImage } from "./lib/viewer-browser.mjs";
import { parseViewerOptions, VIEWER_USAGE } from "./lib/viewer-options.mjs";
import { benchOrthancViewer } from "./lib/viewer-orthanc.mjs";
import { benchManifest, ingestCtForUser } from "./lib/viewer-ours.mjs";
import { evaluateViewerTargets, printViewerReport, writeViewerJson } from "./lib/viewer-report.mjs";
import { benchOurSearch } from "./lib/viewer-search.mjs";
import { buildStudyUidRoot } from "./lib/viewer-studies.mjs";
import { startWebAppEmulators } from "./lib/viewer-web.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const cacheDir = join(root, ".cache", "bench");
const log = (message) => console.log(`[bench] ${message}`);

/** Our side, with Hosting serving a private copy of the web app so the viewer URL works. */
async function runOurs({ options, stamp, dataset, uidRoot, expectedStudyUID }) {
  if (options.build) buildFunctions(root);
  const { emulators, stop } = await startWebAppEmulators({ root, cacheDir, stamp, portBase: options.portBase, log });
  try {
    const user = await createVerifiedUser(emulators);
    const timeoutMs = (60 + dataset.instances) * 1000;
    const { ingest, studyUID } = await ingestCtForUser({ emulators, dataset, user, expectedStudyUID, timeoutMs, log });
    log(`ingested ${ingest.instances} instances in ${ingest.seconds.toFixed(1)} s; timing the manifest of ${studyUID} ${options.repeats.manifest} times...`);
    const manifest = await benchManifest({ emulators, user, studyUID, expectedInstances: dataset.instances, n: options.repeats.manifest });
    // The image first, while the user has one study: seeding must not slow the page being timed.
    const { rounds, warmVisits } = options.repeats;
    log(`timing the first image in headless Chromium: ${rounds} fresh browser contexts, each 1 cold and ${warmVisits} warm visits...`);
    const firstImage = await benchFirstImage({ root, emulators, user, studyUID, rounds, warmVisits, trace: options.trace, traceDir: join(cacheDir, "logs", stamp), log });
    const search = await benchOurSearch({ root, cacheDir, emulators, user, uidRoot, count: options.studies, searches: options.repeats.search, log });
    return { studyUID, ingest: { instances: ingest.instances, seconds: ingest.seconds }, manifest, search, firstImage };
  } finally {
    await stop();
  }
}

async function main() {
  const options = parseViewerOptions();
  if (options.help) {
    console.log(VIEWER_USAGE);
    return 0;
  }
  const stamp = beginBenchRun({ cacheDir, log });

  const orthancBinary = options.runOrthanc ? ensureOrthanc({ install: options.install, log }) : null;
  const dataset = await ensureDataset({ root, cacheDir, instances: 300, big: false, regenerate: options.regenerate, log });
  // Both archives hold the same seeded studies (same UIDs, names, dates).
  const uidRoot = buildStudyUidRoot();
  const repeats = options.repeats;

  // One after the other, never together: each gets both cores.
  const orthanc = orthancBinary
    ? await benchOrthancViewer({ binary: orthancBinary, root, cacheDir, stamp, dataset, uidRoot, seedStudies: options.studies, seedBudgetSeconds: options.orthancBudgetSeconds, repeats, log })
    : null;
  const ours = options.runOurs ? await runOurs({ options, stamp, dataset, uidRoot, expectedStudyUID: orthanc?.studyUID }) : null;

  if (isStopping()) return 130;
  const targets = evaluateViewerTargets({ ours, orthanc });
  printViewerReport({ dataset, ours, orthanc, targets });
  log(`figures written to ${writeViewerJson({ cacheDir, stamp, dataset, ours, orthanc, targets })}`);
  return finalExitCode({ orthancMissing: options.runOrthanc && !orthancBinary });
}

runBenchMain(main, { usage: VIEWER_USAGE, UsageError, SetupError });
