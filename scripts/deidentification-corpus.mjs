#!/usr/bin/env node
/**
 * Runs the de-identification corpus test over ../shared/dicom-samples and
 * prints its figures (files, refusals, attributes changed, pixel bytes
 * compared, bytes searched, UID references), for docs/deidentification.md.
 * The test itself writes them to .cache/deidentification-corpus.json.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const figuresFile = path.join(root, ".cache", "deidentification-corpus.json");
rmSync(figuresFile, { force: true });
const run = spawnSync("npx", ["jest", "functions/src/deidentification/corpus.test.ts", "--selectProjects", "unit", "--silent"], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
if (!existsSync(figuresFile)) {
  console.error("No figures: the corpus test was skipped (is ../shared/dicom-samples there, and dcmdump on PATH?) or did not finish.");
  process.exit(run.status || 1);
}
const f = JSON.parse(readFileSync(figuresFile, "utf8"));
const n = (value) => (typeof value === "number" ? value.toLocaleString("en-US") : String(value));
const lines = [
  `files in the corpus            ${n(f.files)}`,
  `de-identified                  ${n(f.deidentified)} (${n(f.bytesIn)} bytes in, ${n(f.bytesOut)} out)`,
  `refused                        ${n(f.refused.length)}`,
  ...f.refused.map((line) => `  ${line}`),
  `attributes changed             ${n(f.attributesChanged.total)} (per file min ${f.attributesChanged.min}, median ${f.attributesChanged.median}, max ${f.attributesChanged.max})`,
  `pixel data bytes compared      ${n(f.pixelBytesCompared)} in ${n(f.pixelElementsCompared)} files (whole element), ${n(f.independentPixelCheck?.bytes)} more by ${f.independentPixelCheck?.tools?.join(" and ")} on ${f.independentPixelCheck?.files} files`,
  `identifying values searched    ${n(f.identifyingValuesSearched)} in ${n(f.bytesSearched)} bytes (3 option sets)`,
  `  chance digit hits in 2.25 UIDs ${n(f.digitsFoundInRemappedUids)}; same text in kept attributes ${n(f.sameTextInKeptAttributes?.length)}`,
  `UID references in sequences    ${n(f.uidReferences?.resolved)} resolved in the study, ${n(f.uidReferences?.remapped)} remapped elsewhere, ${n(f.uidReferences?.removed)} removed (${n(f.uidReferences?.studies)} studies)`,
  `dates shifted                  ${n(f.datesShifted)}`,
  `private attributes removed     ${n(f.privateAttributesRemoved)}`,
  `burned-in text flagged         ${n(f.burnedInTextFlagged)} files`,
  `dcmdump                        ${n(f.filesDumped)} files in ${n(f.dcmdumpCalls)} calls`,
];
console.log(lines.join("\n"));
process.exit(run.status ?? 0);
