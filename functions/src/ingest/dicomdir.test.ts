import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import type { DataSet } from "dicom-parser";
import { DicomdirReadError, normaliseForDicomdirMatch, readDicomdirReferences, resolveDicomdirPath } from "./dicomdir";
import { parseDicomHeader } from "./parse-header";
import { readInstanceMetadata, SkippedInstanceError } from "./read-instance";
import { buildCtElements, buildDicomFile, TINY_PIXEL_DATA } from "./testing/build-dicom";
import { buildDicomdir, MEDIA_STORAGE_DIRECTORY_SOP_CLASS_UID, type DicomdirRecordSpec } from "./testing/build-dicomdir";

const LENGTHS = ["defined", "undefined"] as const;

/** Two patients, two studies, three series: enough to exercise every link of the hierarchy. */
const RECORDS: DicomdirRecordSpec[] = [
  { path: ["DICOM", "ST000000", "SE000000", "IM000000"], sopInstanceUID: "1.2.3.1.1.1" },
  { path: ["DICOM", "ST000000", "SE000000", "IM000001"], sopInstanceUID: "1.2.3.1.1.2" },
  { path: ["DICOM", "ST000000", "SE000001", "IM000000"], sopInstanceUID: "1.2.3.1.2.1", seriesInstanceUID: "1.2.3.1.2" },
  {
    path: ["DICOM", "ST000001", "SE000000", "SR000000"],
    sopInstanceUID: "1.2.3.2.1.1",
    sopClassUID: "1.2.840.10008.5.1.4.1.1.88.22",
    recordType: "SR DOCUMENT",
    patientID: "PID-2",
    studyInstanceUID: "1.2.3.2",
  },
];

function expectRefusal(read: () => unknown, reason: RegExp): void {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(DicomdirReadError);
    expect((error as DicomdirReadError).reason).toMatch(reason);
    return;
  }
  throw new Error("expected a DicomdirReadError, but the DICOMDIR was read");
}

describe("readDicomdirReferences", () => {
  it.each(LENGTHS)("lists every referenced file of a generated DICOMDIR (%s lengths)", (lengths) => {
    const references = readDicomdirReferences(buildDicomdir(RECORDS, { lengths }), "DICOMDIR");
    expect(references).toEqual([
      { path: "DICOM/ST000000/SE000000/IM000000", sopInstanceUID: "1.2.3.1.1.1" },
      { path: "DICOM/ST000000/SE000000/IM000001", sopInstanceUID: "1.2.3.1.1.2" },
      { path: "DICOM/ST000000/SE000001/IM000000", sopInstanceUID: "1.2.3.1.2.1" },
      { path: "DICOM/ST000001/SE000000/SR000000", sopInstanceUID: "1.2.3.2.1.1" },
    ]);
  });

  it.each(LENGTHS)("builds a Part 10 DICOMDIR whose offsets link PATIENT → STUDY → SERIES → leaves (%s lengths)", (lengths) => {
    const { dataSet, mediaStorageSOPClassUID } = parseDicomHeader(buildDicomdir(RECORDS, { lengths }), "DICOMDIR");
    expect(mediaStorageSOPClassUID).toBe(MEDIA_STORAGE_DIRECTORY_SOP_CLASS_UID);
    expect(walkHierarchy(dataSet)).toEqual([
      "PATIENT PID-1",
      "  STUDY 1.2.826.0.1.3680043.10.9.1",
      "    SERIES 1.2.826.0.1.3680043.10.9.1.1",
      "      IMAGE 1.2.3.1.1.1",
      "      IMAGE 1.2.3.1.1.2",
      "    SERIES 1.2.3.1.2",
      "      IMAGE 1.2.3.1.2.1",
      "PATIENT PID-2",
      "  STUDY 1.2.3.2",
      "    SERIES 1.2.3.2.1",
      "      SR DOCUMENT 1.2.3.2.1.1",
    ]);
  });

  it("builds what ingest's instance reader recognises as a DICOMDIR", () => {
    const read = () => readInstanceMetadata(buildDicomdir(RECORDS), "DICOMDIR");
    expect(read).toThrow(SkippedInstanceError);
    expect(read).toThrow(/DICOMDIR \(a directory of other files/);
  });

  it("ignores inactive records and lists a file referenced twice once", () => {
    const bytes = buildDicomdir([
      { path: ["IM1"], sopInstanceUID: "1.1" },
      { path: ["DELETED"], sopInstanceUID: "1.2", inUse: false },
      { path: ["IM1"], sopInstanceUID: "1.1", seriesInstanceUID: "9.9" },
    ]);
    expect(readDicomdirReferences(bytes, "DICOMDIR")).toEqual([{ path: "IM1", sopInstanceUID: "1.1" }]);
  });

  it("reads an empty file-set as no references", () => {
    expect(readDicomdirReferences(buildDicomdir([]), "DICOMDIR")).toEqual([]);
  });

  it("refuses a DICOM image", () => {
    const image = buildDicomFile(buildCtElements(), { pixelData: TINY_PIXEL_DATA });
    expectRefusal(() => readDicomdirReferences(image, "IM0001"), /not a DICOMDIR: its Media Storage SOP Class is 1\.2\.840\.10008\.5\.1\.4\.1\.1\.2/);
  });

  it("refuses a file that is not DICOM at all", () => {
    expectRefusal(() => readDicomdirReferences(Buffer.from("DICOMDIR\nnot really\n".repeat(10)), "DICOMDIR"), /text file/);
    expectRefusal(() => readDicomdirReferences(new Uint8Array(0), "DICOMDIR"), /empty/);
  });

  it("refuses a DICOMDIR without its Directory Record Sequence", () => {
    const bytes = buildDicomFile([{ tag: "00041130", vr: "CS", value: "EMPTY" }], { mediaStorageSOPClassUID: MEDIA_STORAGE_DIRECTORY_SOP_CLASS_UID });
    expectRefusal(() => readDicomdirReferences(bytes, "DICOMDIR"), /no Directory Record Sequence \(0004,1220\)/);
  });

  it("refuses a Referenced File ID that climbs out of the file-set", () => {
    const bytes = buildDicomdir([{ path: ["..", "ETC", "PASSWD"], sopInstanceUID: "1.1" }]);
    expectRefusal(() => readDicomdirReferences(bytes, "DICOMDIR"), /record 4 \(IMAGE\) has an unusable Referenced File ID "\.\.\\ETC\\PASSWD"/);
  });

  it.each(LENGTHS)("refuses a DICOMDIR cut at any byte, never returning part of the list (%s lengths)", (lengths) => {
    const whole = buildDicomdir(RECORDS, { lengths });
    for (let end = 0; end < whole.length; end++) {
      try {
        readDicomdirReferences(whole.subarray(0, end), "DICOMDIR");
      } catch (error) {
        if (error instanceof DicomdirReadError) continue;
        throw new Error(`cut at ${end} of ${whole.length}: ${String(error)}`);
      }
      throw new Error(`cut at ${end} of ${whole.length}: read as a complete DICOMDIR`);
    }
  });
});

describe("resolveDicomdirPath", () => {
  it.each([
    ["DICOMDIR", "DICOM/IM1", "DICOM/IM1"],
    ["CD/DICOMDIR", "DICOM/IM1", "CD/DICOM/IM1"],
    ["exam/CD1/DICOMDIR", "PT000000/ST000000/IM000000", "exam/CD1/PT000000/ST000000/IM000000"],
    ["CD\\DICOMDIR", "DICOM\\IM1", "CD/DICOM/IM1"],
  ])("%s + %s → %s", (dicomdir, reference, expected) => {
    expect(resolveDicomdirPath(dicomdir, reference)).toBe(expected);
  });
});

describe("normaliseForDicomdirMatch", () => {
  it.each([
    ["CD/DICOM/IM000001", "cd/dicom/im000001"],
    ["CD/DICOM/IM000001", "CD\\DICOM\\IM000001"],
    ["CD/DICOM/IM000001", "CD/DICOM/IM000001.;1"],
    ["CD/DICOM/IM000001", "cd/dicom/im000001."],
    ["CD/DICOM/IM000001", "CD/DICOM/IM000001;1"],
    ["CD/DICOM/IM000001", "./CD//DICOM/IM000001"],
  ])("matches %s with %s", (reference, uploaded) => {
    expect(normaliseForDicomdirMatch(uploaded)).toBe(normaliseForDicomdirMatch(reference));
  });

  it.each([
    ["CD/DICOM/IM000001", "CD/DICOM/IM000002"],
    ["CD/DICOM/IM000001", "DICOM/IM000001"],
    ["CD/DICOM/IM000001", "CD/DICOM/IM000001.DCM"],
  ])("keeps %s and %s apart", (reference, uploaded) => {
    expect(normaliseForDicomdirMatch(uploaded)).not.toBe(normaliseForDicomdirMatch(reference));
  });
});

/**
 * Follows the offsets a media reader follows (PS3.3 F.3.2): from the first
 * root record, along (0004,1400) to siblings and (0004,1420) to children.
 * Offsets count from the first byte of the file, preamble included.
 */
function walkHierarchy(dataSet: DataSet): string[] {
  const byOffset = new Map((dataSet.elements.x00041220?.items ?? []).map((item) => [item.dataOffset - 8, item.dataSet!]));
  const lines: string[] = [];
  const visit = (offset: number, depth: number) => {
    for (let at = offset; at !== 0; ) {
      const record = byOffset.get(at);
      if (!record) throw new Error(`no directory record at offset ${at}`);
      const type = record.string("x00041430") ?? "";
      const key = { PATIENT: "x00100020", STUDY: "x0020000d", SERIES: "x0020000e" }[type] ?? "x00041511";
      lines.push(`${"  ".repeat(depth)}${type} ${record.string(key) ?? ""}`);
      visit(record.uint32("x00041420") ?? 0, depth + 1);
      at = record.uint32("x00041400") ?? 0;
    }
  };
  visit(dataSet.uint32("x00041200") ?? 0, 0);
  return lines;
}

/** pydicom's DICOMDIR test files (see ../shared/dicom-samples/README.md), when this machine has them. */
const repoRoot = path.resolve(__dirname, "..", "..", "..");
const samplesRoot = path.join(repoRoot, "..", "shared", "dicom-samples");
const dicomdirTests = path.join(samplesRoot, "pydicom-test_files", "dicomdirtests");
const describeIfSamples = existsSync(dicomdirTests) ? describe : describe.skip;
const title = existsSync(dicomdirTests)
  ? `readDicomdirReferences over the DICOMDIRs in ${dicomdirTests}`
  : `readDicomdirReferences over real DICOMDIRs (skipped: ${dicomdirTests} is absent)`;

describeIfSamples(title, () => {
  const read = (name: string) => readDicomdirReferences(readFileSync(path.join(dicomdirTests, name)), name);

  it.each([
    ["DICOMDIR", 31],
    ["TINY_ALPHA/DICOMDIR", 50],
  ])("%s lists %i files, each of which is next to it on disk", (name, count) => {
    const references = read(name);
    expect(references).toHaveLength(count);
    for (const reference of references) {
      expect(reference.sopInstanceUID).toMatch(/^[0-9.]+$/);
      expect(existsSync(path.join(dicomdirTests, resolveDicomdirPath(name, reference.path)))).toBe(true);
    }
  });

  it("reads dcmtk's offsets the way the generator writes them", () => {
    const { dataSet } = parseDicomHeader(readFileSync(path.join(dicomdirTests, "DICOMDIR")), "DICOMDIR");
    expect(walkHierarchy(dataSet).filter((line) => line.trim().startsWith("IMAGE"))).toHaveLength(31);
  });

  it.each(["DICOMDIR-implicit", "DICOMDIR-bigEnd", "DICOMDIR-reordered", "DICOMDIR-nopatient"])(
    "%s lists the same files as DICOMDIR",
    (name) => {
      const sorted = (references: { path: string }[]) => references.map((reference) => reference.path).sort();
      expect(sorted(read(name))).toEqual(sorted(read("DICOMDIR")));
    },
  );

  it("reads DICOMDIR-empty.dcm as no references", () => {
    expect(read("DICOMDIR-empty.dcm")).toEqual([]);
  });

  it("refuses DICOMDIR-nooffset, whose sequence length no longer fits its records", () => {
    expectRefusal(() => read("DICOMDIR-nooffset"), /truncated or corrupt/);
  });

  it("refuses the corpus's images", () => {
    expectRefusal(() => read("77654033/CR1/6154"), /not a DICOMDIR/);
  });
});
