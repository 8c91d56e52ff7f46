import { createHmac } from "node:crypto";
import { buildDataSetBytes, buildMetaGroup, type DicomElementSpec } from "../../ingest/testing/build-dicom";
import { comparePixelData, findLeaks, isDigitsInRemappedUid, isKeptAttributeCoincidence } from "./corpus-checks";
import { findNewDiagnostics } from "./corpus-dcmtk";
import { findIdentifyingValues } from "./corpus-identifying-values";
import { readRawDataSet } from "./corpus-read-data-set";
import { checkStudyUids, type StudyMember } from "./corpus-uid-references";

/**
 * The corpus test's own checks, on files built here: each must catch the
 * fault it exists for (a changed pixel fragment, a name left in another
 * attribute, a reference not remapped, a new dcmdump warning), or the corpus
 * test would pass over a broken engine.
 */

const SOP_CLASS = "1.2.840.10008.5.1.4.1.1.7";

function item(elements: DicomElementSpec[]): Uint8Array {
  const body = buildDataSetBytes(elements, true);
  const header = Buffer.alloc(8);
  header.writeUInt16LE(0xfffe, 0);
  header.writeUInt16LE(0xe000, 2);
  header.writeUInt32LE(body.length, 4);
  return Buffer.concat([header, body]);
}

function encapsulated(fragments: Uint8Array[]): Uint8Array {
  const header = Buffer.from([0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x42, 0, 0, 0xff, 0xff, 0xff, 0xff]);
  const items = fragments.map((fragment) => {
    const itemHeader = Buffer.alloc(8);
    itemHeader.writeUInt16LE(0xfffe, 0);
    itemHeader.writeUInt16LE(0xe000, 2);
    itemHeader.writeUInt32LE(fragment.length, 4);
    return Buffer.concat([itemHeader, fragment]);
  });
  return Buffer.concat([header, ...items, Buffer.from([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0])]);
}

interface FileSpec {
  study: string;
  series: string;
  sop: string;
  patientName?: string | Uint8Array;
  studyId?: string;
  referencedSop?: string;
  extra?: DicomElementSpec[];
  /** Encapsulated fragments (the first is the offset table); null for no pixel data. */
  fragments?: Uint8Array[] | null;
}

/** A secondary capture with an optional SourceImageSequence reference and encapsulated pixel data (JPEG baseline). */
function buildFile(spec: FileSpec): Uint8Array {
  const elements: DicomElementSpec[] = [
    { tag: "00080016", vr: "UI", value: SOP_CLASS },
    { tag: "00080018", vr: "UI", value: spec.sop },
    { tag: "00100010", vr: "PN", value: spec.patientName ?? "Doe^Jane=Ideo^Graphic" },
    { tag: "0020000D", vr: "UI", value: spec.study },
    { tag: "0020000E", vr: "UI", value: spec.series },
  ];
  elements.push(...(spec.extra ?? []));
  if (spec.studyId) elements.push({ tag: "00200010", vr: "SH", value: spec.studyId });
  if (spec.referencedSop) {
    const reference = item([
      { tag: "00081150", vr: "UI", value: SOP_CLASS },
      { tag: "00081155", vr: "UI", value: spec.referencedSop },
    ]);
    elements.push({ tag: "00082112", vr: "SQ", value: reference });
  }
  const dataSet = buildDataSetBytes(elements, true);
  const pixels = spec.fragments === null ? new Uint8Array(0) : encapsulated(spec.fragments ?? [new Uint8Array(0), new Uint8Array([0xff, 0xd8, 1, 2, 0xff, 0xd9])]);
  const meta = buildMetaGroup("1.2.840.10008.1.2.4.50", SOP_CLASS, spec.sop);
  return Buffer.concat([new Uint8Array(128), Buffer.from("DICM", "latin1"), meta, dataSet, pixels]);
}

const key = new Uint8Array(32).fill(7);
const remap = (uid: string) => `2.25.${BigInt(`0x${createHmac("sha256", key).update(uid).digest().subarray(0, 16).toString("hex")}`)}`;

describe("the corpus test's reader and checks", () => {
  it("walks sequences with item paths and keeps encapsulated pixel data as one span", () => {
    const data = readRawDataSet(buildFile({ study: "1.2.3", series: "1.2.3.4", sop: "1.2.3.4.5", referencedSop: "1.2.3.4.6" }));
    expect(data.elements.map((element) => element.path)).toContain("00082112[0]/00081155");
    const pixels = data.elements.find((element) => element.tag === "7FE00010")!;
    expect(pixels.end).toBe(data.body.length);
  });

  it("sees a changed byte in a pixel fragment, and pixel data dropped", () => {
    const spec = { study: "1.2.3", series: "1.2.3.4", sop: "1.2.3.4.5" };
    const original = readRawDataSet(buildFile(spec));
    expect(comparePixelData(original, readRawDataSet(buildFile(spec)))).toEqual({ bytes: 12 + 8 + 8 + 6 + 8 });
    const changed = readRawDataSet(buildFile({ ...spec, fragments: [new Uint8Array(0), new Uint8Array([0xff, 0xd8, 1, 3, 0xff, 0xd9])] }));
    expect(comparePixelData(original, changed).problem).toMatch(/differs/);
    const resplit = readRawDataSet(buildFile({ ...spec, fragments: [new Uint8Array(0), new Uint8Array([0xff, 0xd8]), new Uint8Array([1, 2, 0xff, 0xd9])] }));
    expect(comparePixelData(original, resplit).problem).toMatch(/differs/);
    expect(comparePixelData(original, readRawDataSet(buildFile({ ...spec, fragments: null }))).problem).toMatch(/missing from the output/);
  });

  it("searches each person name group, skips short values and the pseudonym, and finds a name left in another attribute", () => {
    const original = readRawDataSet(buildFile({ study: "1.2.3", series: "1.2.3.4", sop: "1.2.3.4.5" }));
    expect(findIdentifyingValues(original, "Case 12").map((value) => value.text).sort()).toEqual(["Doe^Jane", "Doe^Jane=Ideo^Graphic", "Ideo^Graphic"]);
    const leaky = buildFile({ study: "1.2.3", series: "1.2.3.4", sop: "1.2.3.4.5", patientName: "Case 12", studyId: "Ideo^Graphic" });
    const leaks = findLeaks(leaky, readRawDataSet(leaky), findIdentifyingValues(original, "Case 12"));
    expect(leaks.map((leak) => leak.where)).toEqual(["00200010"]);
  });

  it("tells a leak from chance: digits inside a remapped UID, the same text in an attribute the profile keeps", () => {
    const uids = { study: "1.2.3", series: "1.2.3.4", sop: "1.2.3.4.5" };
    const manufacturer = { tag: "00080070", vr: "LO", value: "TOSHIBA" };
    const original = readRawDataSet(buildFile({ ...uids, extra: [{ tag: "00080050", vr: "SH", value: "134" }, { tag: "00080080", vr: "LO", value: "TOSHIBA" }, manufacturer] }));
    const values = findIdentifyingValues(original, "Case 12");
    const classify = (extra: DicomElementSpec[], sop = "2.25.11341") => {
      const bytes = buildFile({ study: "2.25.1", series: "2.25.2", sop, patientName: "Case 12", extra });
      const output = readRawDataSet(bytes);
      return findLeaks(bytes, output, values).map((leak) =>
        isDigitsInRemappedUid(leak) ? `chance ${leak.where}` : isKeptAttributeCoincidence(leak, original, output, new Set(["00080080", "00081010"])) ? `kept ${leak.where}` : `leak ${leak.where}`,
      );
    };
    expect(classify([manufacturer]).sort()).toEqual(["chance 00080018", "chance meta 00020003", "kept 00080070"]);
    expect(classify([{ tag: "00081010", vr: "SH", value: "TOSHIBA" }, { tag: "00200010", vr: "SH", value: "134" }], "2.25.9").sort()).toEqual(["leak 00081010", "leak 00200010"]);
    // Kept unchanged from the original, but the text is only part of it: a PatientID as a DICOMDIR folder name.
    const fileId = { tag: "00041500", vr: "CS", value: ["TOSHIBA", "CR1"] };
    const withFileId = readRawDataSet(buildFile({ ...uids, extra: [{ tag: "00080080", vr: "LO", value: "TOSHIBA" }, fileId] }));
    const bytes = buildFile({ study: "2.25.1", series: "2.25.2", sop: "2.25.9", patientName: "Case 12", extra: [fileId] });
    const leaks = findLeaks(bytes, readRawDataSet(bytes), findIdentifyingValues(withFileId, "Case 12"));
    expect(leaks.map((leak) => isKeptAttributeCoincidence(leak, withFileId, readRawDataSet(bytes), new Set(["00080080"])))).toEqual([false]);
  });

  it("does not split an ISO 2022 two-byte run on a byte that reads as a delimiter", () => {
    // ESC $ B, then two JIS characters whose second byte is 0x5C ("\") and 0x3D ("="), then ESC ( B.
    const name = Buffer.from([0x41, 0x42, 0x43, 0x3d, 0x1b, 0x24, 0x42, 0x30, 0x5c, 0x30, 0x3d, 0x1b, 0x28, 0x42]);
    const data = readRawDataSet(buildFile({ study: "1.2.3", series: "1.2.3.4", sop: "1.2.3.4.5", patientName: name }));
    const groups = findIdentifyingValues(data, "Case 12").map((value) => value.bytes.toString("hex"));
    expect(groups).toContain(name.subarray(4).toString("hex"));
  });

  it("finds a reference not remapped to the study's instance, and counts one that is", () => {
    const build = (remapped: boolean, referenceRemapped: boolean): StudyMember[] =>
      [
        { sop: "1.2.3.4.5", ref: undefined },
        { sop: "1.2.3.4.6", ref: "1.2.3.4.5" },
      ].map(({ sop, ref }) => {
        const originalBytes = buildFile({ study: "1.2.3", series: "1.2.3.4", sop, ...(ref ? { referencedSop: ref } : {}) });
        const newRef = ref && (referenceRemapped ? remap(ref) : ref);
        const outputFile = buildFile({ study: remap("1.2.3"), series: remap("1.2.3.4"), sop: remapped ? remap(sop) : sop, ...(newRef ? { referencedSop: newRef } : {}) });
        return { name: sop, original: readRawDataSet(originalBytes), outputFile, output: readRawDataSet(outputFile), result: { StudyInstanceUID: remap("1.2.3"), SeriesInstanceUID: remap("1.2.3.4"), SOPInstanceUID: remapped ? remap(sop) : sop } };
      });
    const tags = new Set(["0020000D", "0020000E", "00080018", "00081155"]);
    expect(checkStudyUids(build(true, true), remap, tags)).toEqual({ problems: [], resolved: 1, remapped: 0, removed: 0 });
    expect(checkStudyUids(build(true, false), remap, tags).problems.join("\n")).toMatch(/00082112\[0\]\/00081155 1\.2\.3\.4\.5 became 1\.2\.3\.4\.5/);
    expect(checkStudyUids(build(false, true), remap, tags).problems.join("\n")).toMatch(/is not the keyed HMAC/);
  });

  it("counts a dcmdump warning the original did not have, and every error", () => {
    const original = { code: 0, stdout: "", diagnostics: ["W: DcmItem: Length of element (7fe0,0010) is not a multiple of 2 (VR=OW)"] };
    expect(findNewDiagnostics(original, { code: 0, stdout: "", diagnostics: [...original.diagnostics] })).toEqual([]);
    expect(findNewDiagnostics(original, { code: 0, stdout: "", diagnostics: ["W: DcmItem: Non-standard VR"] })).toHaveLength(1);
    expect(findNewDiagnostics({ ...original, diagnostics: ["E: x"] }, { code: 1, stdout: "", diagnostics: ["E: x"] })).toEqual(["E: x"]);
  });
});
