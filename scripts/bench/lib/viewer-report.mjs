// The output of `npm run bench:viewer`: ours and Orthanc's figures side by
// side, the three targets, and the same as JSON in .cache/bench/.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describeMachine } from "./report.mjs";
import { STAGE_LABELS, STAGES } from "./viewer-timing.mjs";

export const TARGETS = { manifestShareOfOrthanc: 0.25, searchMedianMs: 50, firstImageColdMs: 3000, firstImageWarmMs: 1500 };

const ms = (value) => (value === null || value === undefined ? "-" : value.toFixed(value < 100 ? 1 : 0));
const verdict = (met) => (met === null ? "not measured" : met ? "MET" : "MISSED");

/** Each target: MET, MISSED, or null when a figure is missing. */
export function evaluateViewerTargets({ ours, orthanc }) {
  const manifest = ours?.manifest?.medianMs;
  const metadata = orthanc?.metadata?.medianMs;
  const ratio = manifest != null && metadata != null ? manifest / metadata : null;
  const search = ours?.search?.admin?.medianMs;
  const cold = ours?.firstImage?.cold?.medianMs;
  const warm = ours?.firstImage?.warm?.medianMs;
  return {
    manifestToMetadataRatio: ratio,
    manifestAtMostQuarterOfOrthanc: ratio === null ? null : ratio <= TARGETS.manifestShareOfOrthanc,
    searchMedianAtMost50Ms: search == null ? null : search <= TARGETS.searchMedianMs,
    firstImageColdUnder3s: cold == null ? null : cold < TARGETS.firstImageColdMs,
    firstImageWarmUnder1500Ms: warm == null ? null : warm < TARGETS.firstImageWarmMs,
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

/** Cold and warm medians, each with the median of every stage (Orthanc's own viewer is not installed). */
function firstImageRows(firstImage) {
  if (!firstImage || firstImage.skipped) return pair("first image", null, "n/a", firstImage?.skipped ?? "not measured");
  const rows = [];
  for (const [kind, figures] of [["cold", firstImage.cold], ["warm", firstImage.warm], ["prefetched", firstImage.prefetched]]) {
    if (!figures) continue;
    rows.push(...pair(`first image ${kind}`, figures, "n/a", `${figures.n} loads`));
    for (const stage of STAGES) rows.push(row(`  ${STAGE_LABELS[stage]}`, ms(figures.stages[stage].medianMs), "", "median ms"));
    rows.push(row("  boot scripts over the wire", `${(figures.bootTransferBytesMedian / 1e6).toFixed(1)} MB`, "", "median"));
  }
  return rows;
}

function firstImageNotes(firstImage) {
  if (!firstImage?.cold) return [];
  const all = (figures) => figures?.samplesMs.join(", ") ?? "-";
  const traced = [["cold", firstImage.cold.loads[0]?.boot], ["warm", firstImage.warm?.loads[0]?.boot]].filter(([, boot]) => boot);
  const traceLines = traced.map(
    ([kind, boot]) => `             --trace, ${kind}: main thread until the manifest request: ${Object.entries(boot).map(([key, value]) => `${key.replace(/Ms$/, "")} ${value.toFixed(0)}`).join(", ")} ms`,
  );
  return [
    `first image: from navigation to > 16 grey levels in the viewport, headless Chromium. Cold = first visit in a fresh browser profile`,
    `             (empty HTTP cache); warm = ${firstImage.warmVisits} later visits in the same profile (disk HTTP cache, V8 code cache; no device image cache).`,
    `             Each visit opens a new viewer session first (not timed). Cold ${all(firstImage.cold)} ms; warm ${all(firstImage.warm)} ms.`,
    `             Prefetched = cold, after the study page's prefetch of /ohif/pacs-boot-files.json (the click a reader makes)${firstImage.prefetched ? `: ${all(firstImage.prefetched)} ms` : ": no list in this build"}.`,
    `             Stages: OHIF boot = navigation -> manifest request start; manifest = its request -> response end; first pixel bytes`,
    `             = -> end of the first instance response; drawn = -> more than 16 grey levels in the viewport.`,
    ...traceLines,
    `             The Hosting emulator gzips every response on the fly (superstatic's compression middleware); production Hosting serves`,
    `             pre-compressed gzip/brotli from its CDN, so the emulator's cold bytes cost more CPU here than in production.`,
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
    ...firstImageRows(ours?.firstImage),
    "",
    `target  ${"manifest <= 1/4 of Orthanc's metadata time".padEnd(46)}${verdict(targets.manifestAtMostQuarterOfOrthanc)}`,
    `target  ${`search median <= ${TARGETS.searchMedianMs} ms at ${search?.studies ?? "-"} studies`.padEnd(46)}${verdict(targets.searchMedianAtMost50Ms)}`,
    `target  ${`first image cold median < ${TARGETS.firstImageColdMs / 1000} s`.padEnd(46)}${verdict(targets.firstImageColdUnder3s)}`,
    `target  ${`first image warm median < ${TARGETS.firstImageWarmMs / 1000} s`.padEnd(46)}${verdict(targets.firstImageWarmUnder1500Ms)}`,
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
  lines.push(...firstImageNotes(ours?.firstImage));
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
