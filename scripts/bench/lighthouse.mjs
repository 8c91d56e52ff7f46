#!/usr/bin/env node
// `npm run bench:lighthouse`: Lighthouse (desktop preset) on the study list
// of a signed-in user with some studies, on the emulators with Hosting
// serving a private copy of the web build, in Debian's Chromium. Prints the
// performance, accessibility and best-practices scores and FCP, LCP, TBT,
// CLS and Speed Index, median of the runs. Targets: performance >= 90,
// accessibility 100. Exit codes: 0 figures printed (whether or not the
// targets hold), 1 something malfunctioned, 2 the machine lacks a tool.
import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SetupError } from "../emulators/java.mjs";
import { beginBenchRun, isStopping, runBenchMain } from "./lib/cleanup.mjs";
import { buildFunctions } from "./lib/emulators.mjs";
import { CATEGORIES, launchChromium, METRICS, runLighthouse } from "./lib/lighthouse-run.mjs";
import { signInWithStudies } from "./lib/lighthouse-user.mjs";
import { parseBenchArgs, parsePositiveInt, readCommonOptions, UsageError } from "./lib/options.mjs";
import { describeMachine } from "./lib/report.mjs";
import { findChromium } from "./lib/viewer-browser.mjs";
import { summarise } from "./lib/viewer-stats.mjs";
import { startWebAppEmulators } from "./lib/viewer-web.mjs";

const USAGE = `Usage: npm run bench:lighthouse -- [options]

  --runs N         Lighthouse runs, median reported (default 3; 1 for a quick check)
  --studies N      studies in the signed-in user's list (default 12)
  --no-build       use the functions bundle built last time (the web app is never rebuilt:
                   apps/web/out with OHIF must exist; the bench serves a private copy)
  --port-base P    first port of the emulators (default $PACS_BENCH_LIGHTHOUSE_PORT_BASE or 28380)
  -h, --help       show this text`;

export const TARGETS = { performance: 90, accessibility: 100 };

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const cacheDir = join(root, ".cache", "bench");
const log = (message) => console.log(`[bench] ${message}`);

function parseOptions(argv = process.argv.slice(2), env = process.env) {
  const values = parseBenchArgs(argv, { runs: { type: "string", default: "3" }, studies: { type: "string", default: "12" } });
  return {
    ...readCommonOptions(values, env, { portEnv: "PACS_BENCH_LIGHTHOUSE_PORT_BASE", defaultPortBase: 28380 }),
    runs: parsePositiveInt(values.runs, "--runs"),
    studies: parsePositiveInt(values.studies, "--studies"),
  };
}

const median = (values) => summarise(values).medianMs;

function printReport({ runs, rows, version }) {
  const fmt = (id, v) => (v === null ? "-" : id === "cumulative-layout-shift" ? v.toFixed(3) : `${Math.round(v)} ms`);
  const lines = ["", `Lighthouse ${version} on /studies/ (desktop preset, emulators; ${rows} rows shown; ${runs.length} runs, median)`, ""];
  for (const id of CATEGORIES) lines.push(`${id.padEnd(18)}${String(median(runs.map((r) => r.scores[id]))).padStart(8)}   runs ${runs.map((r) => r.scores[id]).join(", ")}`);
  lines.push("");
  for (const [id, short] of Object.entries(METRICS)) lines.push(`${short.padEnd(18)}${fmt(id, median(runs.map((r) => r.metrics[id]))).padStart(8)}   runs ${runs.map((r) => fmt(id, r.metrics[id])).join(", ")}`);
  const last = runs.at(-1);
  lines.push("", `LCP element: ${last.lcpElement ?? "-"}`, "audits below 0.9 (last run):");
  for (const a of last.failing) lines.push(`  ${a.id.padEnd(36)} ${a.score.toFixed(2)}  ${a.displayValue}`);
  const perf = median(runs.map((r) => r.scores.performance));
  const a11y = median(runs.map((r) => r.scores.accessibility));
  lines.push(
    "",
    `target  performance >= ${TARGETS.performance}     ${perf >= TARGETS.performance ? "MET" : "MISSED"}`,
    `target  accessibility = ${TARGETS.accessibility}     ${a11y >= TARGETS.accessibility ? "MET" : "MISSED"}`,
    "Noisy on a shared machine; Lighthouse simulates desktop throttling (lantern) from the observed trace.",
  );
  console.log(lines.join("\n"));
}

async function main() {
  const options = parseOptions();
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const chromePath = findChromium();
  if (!chromePath) throw new SetupError("chromium is not installed (apt-get install chromium), or set CHROMIUM_PATH");
  const stamp = beginBenchRun({ cacheDir, log });
  if (options.build) buildFunctions(root);
  const { emulators, ports, stop } = await startWebAppEmulators({ root, cacheDir, stamp, portBase: options.portBase, log });
  const chromium = await launchChromium({ chromePath });
  try {
    const webOrigin = `http://127.0.0.1:${ports.web}`;
    const user = await signInWithStudies({ root, cacheDir, emulators, webOrigin, cdpPort: chromium.port, studies: options.studies, log });
    log(`signed in as ${user.email}; the list shows ${user.rows} rows. ${options.runs} Lighthouse runs...`);
    const runs = [];
    for (let i = 0; i < options.runs && !isStopping(); i += 1) {
      runs.push(await runLighthouse({ root, url: `${webOrigin}/studies/`, port: chromium.port }));
      log(`  run ${i + 1}: performance ${runs.at(-1).scores.performance}, accessibility ${runs.at(-1).scores.accessibility}`);
    }
    if (isStopping()) return 130;
    printReport({ runs, rows: user.rows, version: runs[0].lighthouseVersion });
    const path = join(cacheDir, `lighthouse-${stamp}.json`);
    writeFileSync(path, JSON.stringify({ stamp, machine: describeMachine(), targets: TARGETS, runs: runs.map(({ lhr: _lhr, ...figures }) => figures) }, null, 2) + "\n");
    // The whole last report, for the details behind each audit (which element shifted, which script blocked).
    writeFileSync(path.replace(/\.json$/, "-lhr.json"), JSON.stringify(runs.at(-1).lhr) + "\n");
    log(`figures written to ${path} (last full report beside it, -lhr.json)`);
    return 0;
  } finally {
    await chromium.stop();
    await stop();
  }
}

runBenchMain(main, { usage: USAGE, UsageError, SetupError });
