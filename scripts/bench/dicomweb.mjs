#!/usr/bin/env node
// `npm run bench:dicomweb`: our DICOMweb service beside Orthanc's DICOMweb
// plugin, in one run, on the same files loaded into both: QIDO-RS study
// searches of a few shapes, WADO-RS study metadata of the 300-slice CT of
// bench:ingest, and STOW-RS of that CT in requests under 32 MB. Prints both
// side by side with the ratio and the targets, ours labelled as emulator
// figures. Exit codes: 0 figures printed (whether or not the targets hold),
// 1 something malfunctioned, 2 the machine lacks a tool. See --help.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SetupError } from "../emulators/java.mjs";
import { beginBenchRun, isStopping, runBenchMain } from "./lib/cleanup.mjs";
import { ensureDataset } from "./lib/dataset.mjs";
import { buildSeedFiles, readCtSlices } from "./lib/dicomweb-data.mjs";
import { buildQueryShapes, readStudyInstanceUID } from "./lib/dicomweb-measure.mjs";
import { evaluateDicomwebTargets, printDicomwebReport, writeDicomwebJson } from "./lib/dicomweb-report.mjs";
import { benchOrthancDicomweb, benchOurDicomweb } from "./lib/dicomweb-sides.mjs";
import { buildFunctions } from "./lib/emulators.mjs";
import { ensureOrthanc, finalExitCode } from "./lib/orthanc-install.mjs";
import { parseBenchArgs, parsePositiveInt, readCommonOptions, UsageError } from "./lib/options.mjs";
import { buildStudyUidRoot } from "./lib/viewer-studies.mjs";

const USAGE = `Usage: npm run bench:dicomweb -- [options]

  --quick            a short check: a 30-slice CT, 50 studies, 3 searches and 2 metadata reads per shape
  --instances N      slices of the CT stored and read (default 300, bench:ingest's series)
  --studies N        one-instance studies searched among (default 500)
  --searches N       timed searches per query shape and side (default 20)
  --metadata N       timed metadata reads per side (default 5)
  --only WHICH       run only "ours" or only "orthanc"
  --install          install Orthanc with apt-get if it is missing (root only; implied by CI=true)
  --no-build         use the functions bundle built last time
  --regenerate       build the CT series and its ZIP again even if a cached copy exists
  --port-base P      first port of the emulators (default $PACS_BENCH_DICOMWEB_PORT_BASE or 28400)
  -h, --help         show this text`;

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const cacheDir = join(root, ".cache", "bench");
const log = (message) => console.log(`[bench] ${message}`);

function parseOptions(argv = process.argv.slice(2), env = process.env) {
  const values = parseBenchArgs(argv, {
    quick: { type: "boolean", default: false },
    instances: { type: "string" },
    studies: { type: "string" },
    searches: { type: "string" },
    metadata: { type: "string" },
  });
  const quick = values.quick;
  const count = (name, full, short) => parsePositiveInt(values[name] ?? String(quick ? short : full), `--${name}`);
  return {
    ...readCommonOptions(values, env, { portEnv: "PACS_BENCH_DICOMWEB_PORT_BASE", defaultPortBase: 28400 }),
    quick,
    instances: count("instances", 300, 30),
    studies: count("studies", 500, 50),
    repeats: { search: count("searches", 20, 3), metadata: count("metadata", 5, 2) },
  };
}

async function main() {
  const options = parseOptions();
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const stamp = beginBenchRun({ cacheDir, log });
  const orthancBinary = options.runOrthanc ? ensureOrthanc({ install: options.install, log }) : null;
  const dataset = await ensureDataset({ root, cacheDir, instances: options.instances, big: false, regenerate: options.regenerate, log });
  const slices = await readCtSlices(root, dataset.zipPath);
  const uidRoot = buildStudyUidRoot();
  const seeds = await buildSeedFiles({ root, cacheDir, uidRoot, count: options.studies });
  const load = {
    ct: { slices, studyUID: readStudyInstanceUID(slices[0]) },
    seeds,
    shapes: buildQueryShapes({ uidRoot, seedCount: options.studies }),
    repeats: options.repeats,
  };

  // One after the other, never together: each gets both cores.
  const orthanc = orthancBinary ? await benchOrthancDicomweb({ binary: orthancBinary, root, cacheDir, stamp, load, log }) : null;
  if (options.runOurs && options.build) buildFunctions(root);
  const ours = options.runOurs ? await benchOurDicomweb({ root, cacheDir, stamp, portBase: options.portBase, load, log }) : null;
  if (isStopping()) return 130;

  const targets = evaluateDicomwebTargets({ ours, orthanc });
  if (ours || orthanc) printDicomwebReport({ ours, orthanc, targets, seedCount: options.studies, ctInstances: slices.length, quick: options.quick });
  log(`figures written to ${writeDicomwebJson({ cacheDir, stamp, ours, orthanc, targets, options })}`);
  return finalExitCode({ orthancMissing: options.runOrthanc && !orthancBinary });
}

runBenchMain(main, { usage: USAGE, UsageError, SetupError });
