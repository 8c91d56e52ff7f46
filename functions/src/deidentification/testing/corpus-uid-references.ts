import { findOccurrences } from "./corpus-identifying-values";
import { listUidOccurrences, readTopLevel } from "./corpus-checks";
import type { RawDataSet } from "./corpus-read-data-set";

/**
 * UID remapping over one study de-identified with one plan: the hierarchy
 * holds (same grouping of series and instances), every remapped UID is the
 * keyed HMAC of the original, references inside sequences that pointed to an
 * instance, series, study or frame of reference of the study point to the
 * remapped one, and no original UID of a remapped attribute is left anywhere.
 */

export interface StudyMember {
  name: string;
  original: RawDataSet;
  outputFile: Uint8Array;
  output: RawDataSet;
  result: { StudyInstanceUID: string; SeriesInstanceUID: string; SOPInstanceUID: string };
}

export interface UidReport {
  problems: string[];
  /** References in sequences to a UID defined in the study (its instances, series, study, frame of reference), found remapped to it. */
  resolved: number;
  /** Other references in sequences to remapped attributes, found as the keyed HMAC of the original. */
  remapped: number;
  /** References whose element is gone from the output (the profile removed it or its sequence). */
  removed: number;
}

const STUDY = "0020000D";
const SERIES = "0020000E";
const SOP_INSTANCE = "00080018";
const FRAME_OF_REFERENCE = "00200052";
const MEDIA_STORAGE_SOP_INSTANCE = "00020003";
/** UIDs of the standard itself (SOP classes, transfer syntaxes, coding schemes) are never remapped. */
const STANDARD_ROOT = "1.2.840.10008.";

export function checkStudyUids(members: StudyMember[], remap: (uid: string) => string, remappedTags: ReadonlySet<string>): UidReport {
  const report: UidReport = { problems: [], resolved: 0, remapped: 0, removed: 0 };
  const defined = new Map<string, string>();
  const series = new Map<string, string>();
  const instances = new Map<string, string>();
  const studies = new Set<string>();
  for (const member of members) {
    const problem = (text: string) => report.problems.push(`${member.name}: ${text}`);
    for (const [tag, field] of [[STUDY, "StudyInstanceUID"], [SERIES, "SeriesInstanceUID"], [SOP_INSTANCE, "SOPInstanceUID"]] as const) {
      const before = readTopLevel(member.original, tag);
      const after = readTopLevel(member.output, tag);
      // A DICOMDIR or a palette has none of the three (a DICOMDIR's instance UID is in its meta group only): none is made up.
      if (before === "") {
        if (after !== "") problem(`${field} ${after} added where the original had none`);
        continue;
      }
      if (after !== member.result[field]) problem(`${field} ${after} in the file, ${member.result[field]} in the result`);
      // A UID of the standard itself (a well-known colour palette's instance) identifies no one and is kept.
      const expected = before.startsWith(STANDARD_ROOT) ? before : remap(before);
      if (after !== expected) problem(`${field} ${after} is not ${before.startsWith(STANDARD_ROOT) ? "kept as" : "the keyed HMAC of"} ${before}`);
      defined.set(before, after);
    }
    // The instance is named by its SOPInstanceUID, or by the meta group's alone (a DICOMDIR).
    const instanceBefore = readTopLevel(member.original, SOP_INSTANCE) || member.original.meta.get(MEDIA_STORAGE_SOP_INSTANCE) || "";
    const mediaAfter = member.output.meta.get(MEDIA_STORAGE_SOP_INSTANCE);
    const mediaExpected = instanceBefore.startsWith(STANDARD_ROOT) ? instanceBefore : remap(instanceBefore);
    if (instanceBefore && mediaAfter !== mediaExpected) problem(`MediaStorageSOPInstanceUID ${mediaAfter} is not ${mediaExpected}, as the SOPInstanceUID ${instanceBefore} becomes`);
    const frame = readTopLevel(member.original, FRAME_OF_REFERENCE);
    if (frame) defined.set(frame, readTopLevel(member.output, FRAME_OF_REFERENCE));
    if (mediaAfter !== member.result.SOPInstanceUID) problem(`MediaStorageSOPInstanceUID ${mediaAfter} is not the SOPInstanceUID of the result, ${member.result.SOPInstanceUID}`);
    studies.add(member.result.StudyInstanceUID);
    keepFunction(series, readTopLevel(member.original, SERIES), member.result.SeriesInstanceUID, problem);
    keepFunction(instances, instanceBefore, member.result.SOPInstanceUID, problem);
  }
  if (studies.size !== 1) report.problems.push(`one study became ${studies.size}: ${[...studies].join(", ")}`);
  if (new Set(series.values()).size !== series.size) report.problems.push("two series became one");
  if (new Set(instances.values()).size !== instances.size) report.problems.push("two instances became one");
  for (const member of members) checkReferences(member, remap, remappedTags, defined, report);
  return report;
}

/** The same original always gives the same new UID (the duplicate encodings of one image in the corpus share theirs). */
function keepFunction(map: Map<string, string>, before: string, after: string, problem: (text: string) => void): void {
  const seen = map.get(before);
  if (seen !== undefined && seen !== after) problem(`${before} became both ${seen} and ${after}`);
  map.set(before, after);
}

function checkReferences(member: StudyMember, remap: (uid: string) => string, remappedTags: ReadonlySet<string>, defined: Map<string, string>, report: UidReport): void {
  const outputByPath = new Map(listUidOccurrences(member.output).map((occurrence) => [occurrence.path, occurrence.value]));
  for (const occurrence of listUidOccurrences(member.original)) {
    if (!remappedTags.has(occurrence.tag) || occurrence.value.startsWith(STANDARD_ROOT) || occurrence.value === "") continue;
    if (occurrence.value.length >= 8) {
      const left = findOccurrences(member.outputFile, Buffer.from(occurrence.value, "latin1")).length + (member.output.body.buffer === member.outputFile.buffer ? 0 : findOccurrences(member.output.body, Buffer.from(occurrence.value, "latin1")).length);
      if (left) report.problems.push(`${member.name}: the original UID ${occurrence.value} (${occurrence.path}) is still in the output`);
    }
    if (occurrence.depth === 0) continue;
    const after = outputByPath.get(occurrence.path);
    if (after === undefined) {
      report.removed++;
      continue;
    }
    if (after !== remap(occurrence.value)) report.problems.push(`${member.name}: ${occurrence.path} ${occurrence.value} became ${after}, not its keyed HMAC`);
    const target = defined.get(occurrence.value);
    if (target === undefined) report.remapped++;
    else if (after === target) report.resolved++;
    else report.problems.push(`${member.name}: ${occurrence.path} points to ${after}, but the study's ${occurrence.value} became ${target}`);
  }
}
