// The output of `npm run bench:viewer`: ours and Orthanc's figures side by
// side, the three targets, and the same as JSON in .cache/bench/.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describeMachine } from "./report.mjs";

export const TARGETS = { manifestShareOfOrthanc: 0.25, searchMedianMs: 50, firstImageMs: 3000 };

const ms = (value) => (value === null || value === undefined ? "-" : value.toFixed(value < 100 ? 1 : 0));
const verdict = (met) => (met === null ? "not measured" : met ? "MET" : "MISSED");

/** Each target: MET, MISSED, or null when a figure is missing. */
export function evaluateViewerTargets({ ours, orthanc }) {
  const manifest = ours?.manifest?.medianMs;
  const metadata = orthanc?.metadata?.medianMs;
  const ratio = manifest != null && metadata != null ? manifest / metadata : null;
  const search = ours?.search?.admin?.medianMs;
  const firstImage = ours?.firstImage?.medianMs;
  return {
    manifestToMetadataRatio: ratio,
    manifestAtMostQuarterOfOrthanc: ratio === null ? null : ratio <= TARGETS.manifestShareOfOrthanc,
    searchMedianAtMost50Ms: search == null ? null : search <= TARGETS.searchMedianMs,
    firstImageUnder3s: firstImage == null ? null : firstImage < TARGETS.firstImageMs,
  };
}

function row(label, ours, peer, note = "") {
  return `${label.padEnd(34)}${ours.padStart(12)}${peer.padStart(12)}   ${note}`;
}

function pair(label, oursFigures, peerFigures, note) {
  return [
    row(`${label} median ms`, ms(oursFigures?.medianMs), peerFigures === "n/a" ? "n/a" : ms(peerFigures?.medianMs), note),
    row(`${"".padEnd(label.length)} p95 ms`, ms(oursFigures?.p95Ms), peerFigures === "n/a" ? "n/a" : ms(peerFigures?.p95Ms)),
  ];
}

export function printViewerReport({ dataset, ours, orthanc, targets }) {
  const search = ours?.search;
  const peerSearch = orthanc?.search;
  const lines = [
    "",
    `Viewer bench: ${dataset.instances}-slice CT (${(dataset.bytes / 1024 / 1024).toFixed(1)} MB ZIP, ${dataset.generator}); search at ${search?.studies ?? "-"} studies (ours) / ${peerSearch?.studies ?? "-"} (Orthanc)`,
    "",
    row("", "ours", "Orthanc"),
    ...pair("study metadata", ours?.manifest, orthanc?.metadata, `ours/Orthanc ${targets.manifestToMetadataRatio === null ? "-" : targets.manifestToMetadataRatio.toFixed(2)}`),
    ...pair(`search "${search?.text ?? peerSearch?.text ?? ""}"`, search?.admin, peerSearch),
    row("  ours as the user (REST, rules)", ms(search?.asUser?.medianMs), "", `p95 ${ms(search?.asUser?.p95Ms)} ms`),
    ...pair("first image", ours?.firstImage, "n/a", ours?.firstImage?.skipped ?? "(Orthanc's own viewer is not installed)"),
    "",
    `target  ${"manifest <= 1/4 of Orthanc's metadata time".padEnd(46)}${verdict(targets.manifestAtMostQuarterOfOrthanc)}`,
    `target  ${`search median <= ${TARGETS.searchMedianMs} ms at ${search?.studies ?? "-"} studies`.padEnd(46)}${verdict(targets.searchMedianAtMost50Ms)}`,
    `target  ${`first image < ${TARGETS.firstImageMs / 1000} s on localhost`.padEnd(46)}${verdict(targets.firstImageUnder3s)}`,
    "",
    "study metadata: ours = GET /api/studies/{uid}/manifest on the Functions emulator (dicomjson, one V4 signed URL per instance);",
    "                Orthanc = GET /dicom-web/studies/{uid}/metadata. Both: whole body read, after one untimed warm-up request.",
  ];
  if (ours?.manifest) lines.push(`                ours ${ours.manifest.instances} instances, ${(ours.manifest.bytes / 1e6).toFixed(2)} MB, warm-up ${ms(ours.manifest.warmUpMs)} ms`);
  if (orthanc?.metadata) lines.push(`                Orthanc ${orthanc.metadata.instances} instances, ${(orthanc.metadata.bytes / 1e6).toFixed(2)} MB, warm-up ${ms(orthanc.metadata.warmUpMs)} ms`);
  if (search) lines.push(`search: ours = the study list's query (${search.planSource}) via the Admin SDK, limit ${search.pageSize}; ${search.admin.n} runs.`);
  if (peerSearch) {
    const seeded = peerSearch.seeded;
    lines.push(`        Orthanc = QIDO-RS studies?PatientName=${peerSearch.text}*&limit=50; ${peerSearch.n} runs; ${seeded.stored} studies loaded in ${seeded.seconds.toFixed(0)} s${seeded.complete ? "" : " (time budget reached: FEWER studies than ours)"}.`);
  }
  if (ours?.firstImage?.samplesMs) lines.push(`first image: fresh browser context per load, from navigation to > 16 grey levels in the viewport; loads ${ours.firstImage.samplesMs.join(", ")} ms.`);
  console.log(lines.join("\n"));
}

/** Writes .cache/bench/viewer-<stamp>.json and returns its path. */
export function writeViewerJson({ cacheDir, stamp, dataset, ours, orthanc, targets }) {
  const path = join(cacheDir, `viewer-${stamp}.json`);
  const machine = describeMachine();
  const { zipPath: _zipPath, ...data } = dataset;
  writeFileSync(path, JSON.stringify({ stamp, machine, dataset: data, ours, orthanc, targets, targetValues: TARGETS }, null, 2) + "\n");
  return path;
}
