// The output of `npm run bench:share`: our shared manifest under load beside
// Orthanc's WADO-RS metadata under the same load, our opens, the zero-errors
// target, and the same figures as JSON in .cache/bench/.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describeMachine } from "./report.mjs";
import { describeExtent, warmUpSteps } from "./share-load.mjs";

const fixed = (value, digits) => (value === null || value === undefined ? "-" : value.toFixed(digits));
const ms = (value) => (value === null || value === undefined ? "-" : value.toFixed(value < 100 ? 1 : 0));

/** The acceptance target: the shared manifest answers every request with a 200 under the load. */
export function evaluateShareTargets({ ours }) {
  const errors = ours?.manifest?.errors.total;
  return { manifestZeroErrors: errors === undefined ? null : errors === 0 };
}

const COLUMNS = [
  { head: "ours manifest", figures: (ours) => ours?.manifest },
  { head: "Orthanc WADO-RS", figures: (_ours, orthanc) => orthanc?.metadata },
  { head: "ours opens", figures: (ours) => ours?.opens },
];

const ROWS = [
  ["requests/s", (f) => fixed(f.requestsPerSecond, 1)],
  ["latency p50 ms", (f) => ms(f.latency.p50Ms)],
  ["latency p95 ms", (f) => ms(f.latency.p95Ms)],
  ["latency p99 ms", (f) => ms(f.latency.p99Ms)],
  ["latency max ms", (f) => ms(f.latency.maxMs)],
  ["errors", (f) => String(f.errors.total)],
  ["  non-200 / short 200", (f) => `${f.errors.non200} / ${f.errors.short}`],
  ["  socket / timeouts", (f) => `${f.errors.socket} / ${f.errors.timeouts}`],
  ["requests answered", (f) => String(f.answered)],
  ["  unfinished at the end", (f) => String(f.unfinished)],
  ["seconds", (f) => fixed(f.seconds, 1)],
];

function buildTable(ours, orthanc) {
  const line = (label, cells) => `${label.padEnd(24)}${cells.map((cell) => cell.padStart(18)).join("")}`;
  const rows = [line("", COLUMNS.map((column) => column.head))];
  for (const [label, cell] of ROWS) {
    rows.push(line(label, COLUMNS.map((column) => {
      const figures = column.figures(ours, orthanc);
      return figures ? cell(figures) : "not run";
    })));
  }
  return rows;
}

function describeErrors(name, figures) {
  if (!figures || figures.errors.total === 0) return [];
  return [`${name}: status codes ${JSON.stringify(figures.statusCodes)}${figures.errorMessages.length ? `; ${figures.errorMessages.join("; ")}` : ""}`];
}

/** Requests that got neither an answer nor an error are left out, and with them the slowest latencies: say so. */
function describeUnfinished(name, figures) {
  if (!figures?.unfinished) return [];
  return [`note: ${figures.unfinished} ${name} requests got no answer before the run ended (a timed run stops with some under way) and are left out, with their latencies`];
}

function describeWarmUp(name, warm) {
  if (!warm) return [];
  const messages = warm.errorMessages.length ? ` (${warm.errorMessages.join("; ")})` : "";
  return [`  ${name}: ${warm.answered} answers in ${fixed(warm.seconds, 1)} s, slowest ${ms(warm.maxMs)} ms, ${warm.errors} errors${messages}`];
}

export function printShareReport({ dataset, options, ours, orthanc, targets }) {
  const { connections, timeoutSeconds } = options.load;
  const verdict = targets.manifestZeroErrors === null ? "not measured" : targets.manifestZeroErrors ? "MET" : "MISSED";
  const lines = [
    "",
    `Share bench: one link to a ${dataset.instances}-slice CT (${(dataset.bytes / 1024 / 1024).toFixed(1)} MB ZIP, ${dataset.generator}); manifest load: ${describeExtent(options.load)} per side, timeout ${timeoutSeconds} s; opens: ${options.opens}`,
    "",
    ...buildTable(ours, orthanc),
    "",
    `target  zero errors on the shared manifest under ${connections} connections:  ${verdict}`,
    "",
    "ours manifest = GET /api/share-manifests/<ticket> through the Hosting emulator's /api rewrite on 127.0.0.1 (the link re-read",
    "                for revocation, one V4 signed URL per instance); Orthanc WADO-RS = GET /dicom-web/studies/<uid>/metadata.",
    "ours opens    = POST /api/shares/open {token}: one view counted (an atomic increment: the link has no view limit), one access-log and one audit entry.",
    "Latencies are of 200 answers; errors = non-200 + 200s lighter than 90% of the checked answer + socket errors + timeouts.",
    `Each side's load follows an untimed warm-up, one request per connection on ${warmUpSteps(connections).join(", then ")} connections (the Functions`,
    "emulator starts a worker process per request that finds none idle). Warm-ups:",
    ...describeWarmUp("ours", ours?.warmUp),
    ...describeWarmUp("Orthanc", orthanc?.warmUp),
  ];
  if (ours) lines.push(`checked before the load: our manifest lists ${ours.manifestShape.instances} instances with ${ours.manifestShape.signedUrls} signed URLs, ${(ours.manifestShape.bytes / 1e6).toFixed(2)} MB`);
  if (orthanc) lines.push(`                         Orthanc ${orthanc.version} lists ${orthanc.metadataShape.instances} instances, ${(orthanc.metadataShape.bytes / 1e6).toFixed(2)} MB`);
  if (ours?.opens) {
    const { views, least, most, consistent } = ours.views;
    lines.push(`views counted on the link: ${views} (expected ${least}..${most}: one per open answered 200, up to one per open sent) ${consistent ? "OK" : "WRONG"}`);
  }
  lines.push(...describeUnfinished("ours manifest", ours?.manifest), ...describeUnfinished("Orthanc", orthanc?.metadata), ...describeUnfinished("ours opens", ours?.opens));
  lines.push(...describeErrors("ours manifest", ours?.manifest), ...describeErrors("Orthanc", orthanc?.metadata), ...describeErrors("ours opens", ours?.opens));
  console.log(lines.join("\n"));
}

/** Writes .cache/bench/share-<stamp>.json and returns its path. */
export function writeShareJson({ cacheDir, stamp, dataset, options, ours, orthanc, targets }) {
  const path = join(cacheDir, `share-${stamp}.json`);
  const { zipPath: _zipPath, ...data } = dataset;
  const run = { load: options.load, opens: options.opens };
  writeFileSync(path, JSON.stringify({ stamp, machine: describeMachine(), dataset: data, run, ours, orthanc, targets }, null, 2) + "\n");
  return path;
}
