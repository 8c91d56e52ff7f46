#!/usr/bin/env node
// `npm run bench:share`: one share link's manifest under 50 concurrent
// connections (autocannon), ours beside Orthanc's WADO-RS study metadata under
// the same load, in one run; then our link opens under the same concurrency.
// Exit codes: 0 figures printed (whether or not the target holds), 1 something
// malfunctioned, 2 the machine lacks a tool. See `npm run bench:share -- --help`.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SetupError } from "../emulators/java.mjs";
import { beginBenchRun, isStopping, runBenchMain } from "./lib/cleanup.mjs";
import { ensureDataset } from "./lib/dataset.mjs";
import { UsageError } from "./lib/options.mjs";
import { ensureOrthanc, finalExitCode } from "./lib/orthanc-install.mjs";
import { parseShareOptions, SHARE_USAGE } from "./lib/share-options.mjs";
import { benchOrthancShare } from "./lib/share-orthanc.mjs";
import { benchOurShare } from "./lib/share-ours.mjs";
import { evaluateShareTargets, printShareReport, writeShareJson } from "./lib/share-report.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const cacheDir = join(root, ".cache", "bench");
const log = (message) => console.log(`[bench] ${message}`);

async function main() {
  const options = parseShareOptions();
  if (options.help) {
    console.log(SHARE_USAGE);
    return 0;
  }
  const stamp = beginBenchRun({ cacheDir, log });

  const orthancBinary = options.runOrthanc ? ensureOrthanc({ install: options.install, log }) : null;
  const dataset = await ensureDataset({ root, cacheDir, instances: options.instances, big: false, regenerate: options.regenerate, log });

  // One after the other, never together: each gets both cores.
  const orthanc = orthancBinary ? await benchOrthancShare({ binary: orthancBinary, root, cacheDir, stamp, dataset, options, log }) : null;
  const ours = options.runOurs ? await benchOurShare({ root, cacheDir, stamp, dataset, expectedStudyUID: orthanc?.studyUID, options, log }) : null;

  if (isStopping()) return 130;
  const targets = evaluateShareTargets({ ours });
  printShareReport({ dataset, options, ours, orthanc, targets });
  log(`figures written to ${writeShareJson({ cacheDir, stamp, dataset, options, ours, orthanc, targets })}`);
  const malfunctions = [];
  if (ours?.opens && !ours.views.consistent) {
    malfunctions.push(`the link counts ${ours.views.views} views after ${ours.views.least - 1} opens answered 200 and ${ours.views.most - 1} sent (plus the one before the load)`);
  }
  return finalExitCode({ malfunctions, orthancMissing: options.runOrthanc && !orthancBinary });
}

runBenchMain(main, { usage: SHARE_USAGE, UsageError, SetupError });
