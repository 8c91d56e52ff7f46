// The output of `npm run bench:dicomweb`: ours and Orthanc's side by side,
// the ratio, and the targets (search and metadata at most a quarter of
// Orthanc's time; STOW-RS rate at least Orthanc's), ours labelled as the
// emulator figures they are; the same figures as JSON.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describeMachine } from "./report.mjs";

/** Our time may be at most this share of Orthanc's for searches and metadata. */
export const TIME_SHARE_TARGET = 0.25;

const num = (value, digits = 1) => (value === null || value === undefined ? "-" : value.toFixed(value >= 100 ? 0 : digits));
const verdict = (met) => (met === null ? "not measured" : met ? "MET" : "MISSED");

/** Per row: ours, Orthanc's, their ratio and whether the row's target holds. */
export function evaluateDicomwebTargets({ ours, orthanc }) {
  const timeRow = (a, b) => {
    const ratio = a && b ? a.medianMs / b.medianMs : null;
    return { ratio, met: ratio === null ? null : ratio <= TIME_SHARE_TARGET };
  };
  const labels = (ours ?? orthanc)?.searches.map((s) => s.label) ?? [];
  const searches = labels.map((label, i) => ({ label, ...timeRow(ours?.searches[i], orthanc?.searches[i]) }));
  const metadata = timeRow(ours?.metadata, orthanc?.metadata);
  const stowRatio = ours && orthanc ? ours.stow.rate / orthanc.stow.rate : null;
  return { searches, metadata, stow: { ratio: stowRatio, met: stowRatio === null ? null : stowRatio >= 1 } };
}

export function printDicomwebReport({ ours, orthanc, targets, seedCount, ctInstances, quick }) {
  const row = (label, a, b, ratio, target) => `${label.padEnd(56)}${a.padStart(12)}${b.padStart(10)}${ratio.padStart(9)}   ${target}`;
  const timeTarget = (t) => `<= ${TIME_SHARE_TARGET}: ${verdict(t.met)}`;
  const lines = [
    "",
    `DICOMweb bench${quick ? " (--quick)" : ""}: ${seedCount} one-instance studies + a ${ctInstances}-slice CT, loaded into both through their STOW-RS`,
    `ours = EMULATOR figures (Functions, Firestore and Storage emulators on this machine, called with a personal access token);`,
    `Orthanc ${orthanc?.version ?? "(not run)"} with its DICOMweb plugin, on the same machine, one after the other`,
    "",
    row("", "ours (emul.)", "Orthanc", "ratio", "target"),
  ];
  (ours ?? orthanc).searches.forEach((search, i) => {
    lines.push(row(`QIDO-RS ${search.label}, median ms`, num(ours?.searches[i].medianMs), num(orthanc?.searches[i].medianMs), num(targets.searches[i].ratio, 2), timeTarget(targets.searches[i])));
  });
  const m = ours?.metadata ?? orthanc?.metadata;
  lines.push(row(`WADO-RS study metadata (${m.instances} inst.), median ms`, num(ours?.metadata.medianMs), num(orthanc?.metadata.medianMs), num(targets.metadata.ratio, 2), timeTarget(targets.metadata)));
  const s = (ours ?? orthanc).stow;
  lines.push(
    row(`STOW-RS ${s.instances} slices, ${s.requests} requests, inst/s`, num(ours?.stow.rate), num(orthanc?.stow.rate), num(targets.stow.ratio, 2), `>= 1: ${verdict(targets.stow.met)}`),
    "",
    `STOW-RS: ${(s.bytes / 1024 / 1024).toFixed(0)} MB in requests under 30 MiB each (Cloud Functions take 32 MB), sent one after the other; the rate counts`,
    `until the archive lists every instance (ours: answered after ${num(ours?.stow.answeredSeconds, 2)} s, ${ours ? (ours.stow.listedAtAnswer ? "listed by then" : `listed after ${num(ours.stow.listedSeconds, 2)} s`) : "-"}; Orthanc: ${num(orthanc?.stow.answeredSeconds, 2)} s).`,
    `Medians of ${(ours ?? orthanc).searches[0].n} searches and ${m.n} metadata reads per side after one untimed warm-up; p95 and every sample are in the JSON.`,
    "Emulator times are not production times: the Firestore emulator scans a collection where production walks an index, and",
    "production adds Hosting's rewrite and the network in front of the function. They compare like with like on one machine only.",
  );
  console.log(lines.join("\n"));
}

export function writeDicomwebJson({ cacheDir, stamp, ours, orthanc, targets, options }) {
  const path = join(cacheDir, `dicomweb-${stamp}.json`);
  writeFileSync(path, JSON.stringify({ stamp, machine: describeMachine(), options, ours, orthanc, targets }, null, 2) + "\n");
  return path;
}
