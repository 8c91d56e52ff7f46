// The bench's output: one table, the ratio, the targets, and the same figures
// as JSON for whoever tracks them over time.
import { writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";

/** The function's memory limit we design for; the ingest worker must stay below it. */
export const RSS_TARGET_MB = 512;

const fixed = (value, digits) => (value === null || value === undefined ? "-" : value.toFixed(digits));

function formatRow(label, figures) {
  const cells = figures
    ? [String(figures.instances), fixed(figures.seconds, 2), fixed(figures.rate, 1), fixed(figures.peakRssMb, 0)]
    : ["not run", "", "", ""];
  return [label.padEnd(18), ...cells.map((cell) => cell.padStart(12))].join("");
}

/** Ratio of ingest rates and the two targets; a target is null when its figures are missing. */
export function evaluateTargets({ ours, orthanc, big }) {
  const ratio = ours && orthanc ? ours.rate / orthanc.rate : null;
  return {
    ratio,
    rateAtLeastOrthanc: ratio === null ? null : ratio >= 1,
    rssBelowTarget: big && ours?.peakRssMb != null ? ours.peakRssMb < RSS_TARGET_MB : null,
  };
}

function verdict(met) {
  return met === null ? "not measured" : met ? "MET" : "MISSED";
}

export function printReport({ dataset, ours, orthanc, big, targets }) {
  const lines = [
    "",
    `Ingest of one ZIP: ${dataset.instances} CT slices 512x512x16, ${(dataset.bytes / 1024 / 1024).toFixed(1)} MB, ${dataset.compression}, ${dataset.generator} series`,
    "",
    ["".padEnd(18), ..."instances|seconds|instances/s|peak RSS MB".split("|").map((h) => h.padStart(12))].join(""),
    formatRow("ours (emulators)", ours),
    formatRow("Orthanc", orthanc),
    "",
    `ours / Orthanc (instances/s): ${targets.ratio === null ? "-" : `${targets.ratio.toFixed(2)}x`}`,
    `target  rate >= Orthanc:            ${verdict(targets.rateAtLeastOrthanc)}`,
  ];
  if (big) lines.push(`target  ingest RSS < ${RSS_TARGET_MB} MB:        ${verdict(targets.rssBelowTarget)}`);
  lines.push("");
  if (ours) {
    lines.push(
      `ours: from the ZIP being finalised in Storage to the batch being done (the upload before it, ${fixed(ours.uploadSeconds, 1)} s, is not counted);`,
      "      RSS = VmHWM of the largest ingestUpload worker process.",
      describeWorkers(ours.workers),
    );
  }
  if (orthanc) {
    lines.push("Orthanc: from the first byte of POST /instances to the end of its answer (includes sending the ZIP over loopback); RSS = VmHWM of Orthanc.");
  }
  console.log(lines.join("\n"));
}

/**
 * The Functions emulator gives each event a worker process of its own when
 * the existing ones are busy, so one ZIP can leave many workers behind: say
 * how many, since each costs a Node start-up on the same two cores.
 */
function describeWorkers(workers) {
  const ingest = workers.filter((w) => w.function === "ingestUpload");
  const sumMb = workers.reduce((sum, w) => sum + w.peakRssMb, 0);
  return `      ingestUpload ran in ${ingest.length} worker process(es); all ${workers.length} function workers' peaks add up to ${sumMb.toFixed(0)} MB.`;
}

/** The machine a run's JSON was measured on; the load average says how busy it was. */
export function describeMachine() {
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, memoryGb: totalmem() / 1024 ** 3, node: process.version, loadAverage: loadavg() };
}

/** Writes .cache/bench/ingest-<stamp>.json and returns its path. */
export function writeReportJson({ cacheDir, stamp, dataset, ours, orthanc, big, targets }) {
  const path = join(cacheDir, `ingest-${stamp}.json`);
  const machine = describeMachine();
  // The bench streams the ZIP everywhere; its own peak shows it stayed out of the measurement's way.
  const benchPeakRssMb = process.resourceUsage().maxRSS / 1024;
  const { zipPath: _zipPath, ...data } = dataset;
  writeFileSync(path, JSON.stringify({ stamp, big, machine, dataset: data, ours, orthanc, targets, rssTargetMb: RSS_TARGET_MB, benchPeakRssMb }, null, 2) + "\n");
  return path;
}
