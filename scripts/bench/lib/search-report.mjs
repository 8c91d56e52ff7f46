// The output of `npm run bench:search`: what production pays per search page
// (reads, counted; the declared index serving the query, checked), then the
// emulator's latency beside Orthanc's, labelled as the emulator figure it is.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describeMachine } from "./report.mjs";

const ms = (value) => (value === null || value === undefined ? "-" : value.toFixed(value < 100 ? 1 : 0));
const verdict = (ok) => (ok ? "MET" : "MISSED");

/** Whether every page read cost exactly the page size and the query has its declared index. */
export function evaluateSearchTargets(ours) {
  if (!ours) return { readsEqualPageSize: null, servedByDeclaredIndex: null, everyShapeIndexed: null };
  const { pages, pageSize } = ours.reads;
  const full = pages.filter((p) => p.full);
  // With fewer matches than two pages (a short run) no full page is read, so the target is not measured.
  const readsEqualPageSize = full.length === 0 ? null : full.every((p) => p.reads === pageSize) && pages.every((p) => p.reads <= pageSize);
  return {
    readsEqualPageSize,
    servedByDeclaredIndex: ours.index.servedBy !== null,
    everyShapeIndexed: ours.index.missing.length === 0,
  };
}

/** Lines about reads and indexes, shared with `npm run bench:viewer`'s report. */
export function formatSearchCost(search) {
  const { reads, index } = search;
  const lines = [`reads per search page (page size ${reads.pageSize}; Firestore bills one read per document returned):`];
  reads.pages.forEach((p, i) => {
    const extra = i === 0 ? "no count() query" : "startAt the previous page's last row, a snapshot in hand: no cursor lookup";
    lines.push(`  page ${i + 1}: ${p.documents} documents + ${p.extraReads} extra reads = ${p.reads} reads (${extra})`);
  });
  lines.push(
    `index: the query needs ${index.required}`,
    `       served by ${index.servedBy ? `the declared composite index [${index.servedBy}] in firestore.indexes.json` : "NO declared index: production would refuse it"}`,
    `       every query shape the study list builds: ${index.shapes} shapes, ${index.compositeShapes} need one of ${index.declaredStudyIndexes} declared composite indexes, ${index.singleFieldShapes} use automatic single-field indexes; missing ${index.missing.length}, unused ${index.unused.length}`,
  );
  for (const missing of index.missing) lines.push(`       MISSING ${missing}`);
  for (const unused of index.unused) lines.push(`       UNUSED  ${unused}`);
  return lines;
}

export function printSearchReport({ ours, orthanc, targets }) {
  const row = (label, a, b, note = "") => `${label.padEnd(44)}${a.padStart(10)}${b.padStart(10)}   ${note}`;
  const lines = ["", `Search bench: "${ours?.text ?? orthanc?.text}" (patient-name prefix) among ${ours?.studies ?? "-"} studies (ours) / ${orthanc?.studies ?? "-"} (Orthanc)`, ""];
  if (ours) lines.push(...formatSearchCost(ours), "");
  lines.push(
    row("latency, one page", "ours", "Orthanc"),
    row("  median ms (ours: EMULATOR, Admin SDK)", ms(ours?.admin?.medianMs), ms(orthanc?.medianMs)),
    row("  p95 ms    (ours: EMULATOR, Admin SDK)", ms(ours?.admin?.p95Ms), ms(orthanc?.p95Ms)),
    row("  median ms (ours: EMULATOR, REST as the user)", ms(ours?.asUser?.medianMs), "", `p95 ${ms(ours?.asUser?.p95Ms)} ms`),
    "",
    "The Firestore emulator scans every document of the collection for each query; production walks the",
    "composite index above, so its latency does not grow with the number of studies. Emulator times say",
    "nothing about production; the reads and the index do.",
  );
  if (orthanc) lines.push(`Orthanc ${orthanc.version} = QIDO-RS studies?PatientName=${orthanc.text}*&limit=${ours?.pageSize ?? 50}; ${orthanc.n} runs; ${orthanc.seeded.stored} studies loaded in ${orthanc.seeded.seconds.toFixed(0)} s${orthanc.seeded.complete ? "" : " (time budget reached: FEWER studies than ours)"}.`);
  lines.push(
    "",
    `target  reads per full page = page size                 ${targets.readsEqualPageSize === null ? "not measured (no full page: fewer than 50 matches; use more --studies)" : verdict(targets.readsEqualPageSize)}`,
    `target  query served by a declared composite index      ${targets.servedByDeclaredIndex === null ? "not measured" : verdict(targets.servedByDeclaredIndex)}`,
    `target  every query shape has its index                 ${targets.everyShapeIndexed === null ? "not measured" : verdict(targets.everyShapeIndexed)}`,
  );
  console.log(lines.join("\n"));
}

export function writeSearchJson({ cacheDir, stamp, ours, orthanc, targets }) {
  const path = join(cacheDir, `search-${stamp}.json`);
  writeFileSync(path, JSON.stringify({ stamp, machine: describeMachine(), ours, orthanc, targets }, null, 2) + "\n");
  return path;
}
