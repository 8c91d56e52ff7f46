import type { DataSet } from "dicom-parser";
import { DEIDENTIFICATION_OPTION_KEYS, DeidentificationOptions } from "@pacs/shared";
import { dateShiftDays, deidentifyInstance, remapUid } from "./index";
import { MAX_SHIFT_DAYS } from "./date-shift";
import { buildCtElements, buildInstance, EXPLICIT_BIG_ENDIAN, EXPLICIT_LITTLE, IMPLICIT_LITTLE, JPEG_BASELINE, TINY_PIXELS, type ElementSpec } from "./testing/build-instance";
import { readOutput } from "./testing/read-output";

const KEY = new Uint8Array(32).fill(3);
const OTHER_KEY = new Uint8Array(32).fill(4);
const NONE = DeidentificationOptions.parse(Object.fromEntries(DEIDENTIFICATION_OPTION_KEYS.map((key) => [key, false])));
const run = (input: Uint8Array, options: Partial<DeidentificationOptions> = {}, key = KEY) =>
  deidentifyInstance(input, { key, pseudonym: "Case 7", options: { ...NONE, ...options } });

const STUDY = "1.2.826.0.1.3680043.8.498.1";
const SERIES_A = "1.2.826.0.1.3680043.8.498.2";
const SERIES_B = "1.2.826.0.1.3680043.8.498.20";
const FRAME_OF_REFERENCE = "1.2.826.0.1.3680043.8.498.4";

/** Two images of one study: the second references the first (source image, referenced series, frame of reference). */
function buildStudy(): [Uint8Array, Uint8Array] {
  const first = buildInstance(buildCtElements([{ tag: "00080018", vr: "UI", value: "1.2.826.0.1.3680043.8.498.10" }]), { pixelData: TINY_PIXELS });
  const second = buildInstance(
    buildCtElements([
      { tag: "00080018", vr: "UI", value: "1.2.826.0.1.3680043.8.498.11" },
      { tag: "0020000E", vr: "UI", value: SERIES_B },
      {
        tag: "00082112",
        vr: "SQ",
        items: [[{ tag: "00081150", vr: "UI", value: "1.2.840.10008.5.1.4.1.1.2" }, { tag: "00081155", vr: "UI", value: "1.2.826.0.1.3680043.8.498.10" }]],
      },
      {
        tag: "00081115",
        vr: "SQ",
        items: [[{ tag: "0020000E", vr: "UI", value: SERIES_A }, { tag: "00200052", vr: "UI", value: FRAME_OF_REFERENCE }]],
      },
    ]),
    { pixelData: TINY_PIXELS },
  );
  return [first, second];
}

function item(dataSet: DataSet, tag: string): DataSet {
  return dataSet.elements[tag]!.items![0]!.dataSet!;
}

describe("UIDs", () => {
  it("keeps the study hierarchy and every reference resolving, with the class UIDs untouched", () => {
    const [first, second] = buildStudy().map((input) => run(input));
    const a = readOutput(first!.bytes).dataSet;
    const b = readOutput(second!.bytes).dataSet;
    expect(a.string("x0020000d")).toBe(b.string("x0020000d"));
    expect(a.string("x0020000d")).toBe(remapUid(KEY, STUDY));
    const source = item(b, "x00082112");
    expect(source.string("x00081155")).toBe(a.string("x00080018"));
    expect(source.string("x00081150")).toBe("1.2.840.10008.5.1.4.1.1.2");
    const referencedSeries = item(b, "x00081115");
    expect(referencedSeries.string("x0020000e")).toBe(a.string("x0020000e"));
    expect(referencedSeries.string("x00200052")).toBe(a.string("x00200052"));
    expect(b.string("x00080016")).toBe("1.2.840.10008.5.1.4.1.1.2");
    expect(first!.SeriesInstanceUID).toBe(a.string("x0020000e"));
  });

  it("gives identical bytes for the same key and plan, and other UIDs for another key", () => {
    const [input] = buildStudy();
    expect(Buffer.from(run(input!).bytes).equals(Buffer.from(run(input!).bytes))).toBe(true);
    const other = run(input!, {}, OTHER_KEY);
    expect(other.StudyInstanceUID).not.toBe(run(input!).StudyInstanceUID);
    expect(other.SOPInstanceUID).not.toBe(run(input!).SOPInstanceUID);
  });

  it("derives UIDs of the 2.25 form from the first 128 bits of the HMAC", () => {
    const uid = remapUid(KEY, STUDY);
    expect(uid).toMatch(/^2\.25\.[1-9]\d*$/);
    expect(uid.length).toBeLessThanOrEqual(64);
    expect(BigInt(uid.slice(5)) < 2n ** 128n).toBe(true);
    expect(remapUid(KEY, STUDY)).toBe(uid);
    expect(remapUid(OTHER_KEY, STUDY)).not.toBe(uid);
  });

  it("remaps UIDs the table does not list but keeps well-known ones (DICOM root, coding schemes)", () => {
    const input = buildInstance(
      buildCtElements([
        { tag: "00081199", vr: "SQ", items: [[{ tag: "00081155", vr: "UI", value: "1.2.826.0.1.3680043.8.498.55" }, { tag: "00081150", vr: "UI", value: "1.3.12.2.1107.5.9.1" }]] },
        { tag: "00081088", vr: "SQ", items: [] },
        { tag: "00400260", vr: "SQ", items: [[{ tag: "0008010C", vr: "UI", value: "2.16.840.1.113883.6.96" }, { tag: "00080100", vr: "SH", value: "1234" }]] },
        { tag: "00189767", vr: "UI", value: "1.2.826.0.1.3680043.8.498.56" },
        { tag: "00200052", vr: "UI", value: "1.2.840.10008.1.4.1.1" },
      ]),
    );
    const out = readOutput(run(input).bytes).dataSet;
    expect(item(out, "x00081199").string("x00081150")).toBe("1.3.12.2.1107.5.9.1");
    expect(item(out, "x00081199").string("x00081155")).toBe(remapUid(KEY, "1.2.826.0.1.3680043.8.498.55"));
    expect(item(out, "x00400260").string("x0008010c")).toBe("2.16.840.1.113883.6.96");
    expect(out.string("x00189767")).toBe(remapUid(KEY, "1.2.826.0.1.3680043.8.498.56"));
    // Listed as U, but a well-known frame of reference (Talairach) identifies no one.
    expect(out.string("x00200052")).toBe("1.2.840.10008.1.4.1.1");
  });
});

describe("pixel data", () => {
  function findPixelData(bytes: Uint8Array): Buffer {
    const { dataSet } = readOutput(bytes);
    const element = dataSet.elements.x7fe00010!;
    return Buffer.from(dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length));
  }

  it.each([
    ["native, explicit VR", EXPLICIT_LITTLE],
    ["native, implicit VR", IMPLICIT_LITTLE],
    ["native, big endian", EXPLICIT_BIG_ENDIAN],
  ])("copies %s pixel data byte for byte", (_, transferSyntaxUID) => {
    const pixels = new Uint8Array(4096).map((_, i) => (i * 7) % 251);
    const input = buildInstance(buildCtElements(), { transferSyntaxUID, pixelData: pixels });
    expect(findPixelData(run(input).bytes).equals(findPixelData(input))).toBe(true);
  });

  it("copies encapsulated pixel data (offset table, fragments, delimiter) byte for byte", () => {
    const fragments = [new Uint8Array([0xff, 0xd8, 1, 2, 3, 4]), new Uint8Array([5, 6, 0xff, 0xd9])];
    const input = buildInstance(buildCtElements(), { transferSyntaxUID: JPEG_BASELINE, pixelData: { fragments } });
    const out = run(input).bytes;
    // The whole element: 12-byte header, empty offset table item, two fragment items, sequence delimiter.
    const element = Buffer.from(input.subarray(input.length - 54));
    expect(Buffer.from(out).subarray(out.length - 54).equals(element)).toBe(true);
    expect(findPixelData(out).equals(findPixelData(input))).toBe(true);
  });
});

describe("private attributes", () => {
  const privateElements: ElementSpec[] = [
    { tag: "00190010", vr: "LO", value: "ACME 1.0" },
    { tag: "00190011", vr: "LO", value: "GEMS_ACQU_01" },
    { tag: "00191001", vr: "LO", value: "Doe^John" },
    // A safe element number under another creator is not safe.
    { tag: "00191023", vr: "DS", value: "39.375" },
    { tag: "00191123", vr: "DS", value: "39.375" },
    { tag: "00191127", vr: "DS", value: "0.5" },
    { tag: "0019119E", vr: "LO", value: "not on the list" },
  ];

  it("removes them all without Retain Safe Private", () => {
    const out = readOutput(run(buildInstance(buildCtElements(privateElements))).bytes).dataSet;
    expect(Object.keys(out.elements).filter((tag) => tag.startsWith("x0019"))).toEqual([]);
  });

  it("keeps only allow-listed ones and their creator with Retain Safe Private", () => {
    const out = readOutput(run(buildInstance(buildCtElements(privateElements)), { retainSafePrivate: true }).bytes).dataSet;
    expect(Object.keys(out.elements).filter((tag) => tag.startsWith("x0019")).sort()).toEqual(["x00190011", "x00191123", "x00191127"]);
    expect(out.string("x00191123")).toBe("39.375");
  });
});

describe("dates", () => {
  const dated: ElementSpec[] = [
    { tag: "00080020", vr: "DA", value: "20240315" },
    { tag: "00080021", vr: "DA", value: "20240316" },
    { tag: "0008002A", vr: "DT", value: "20240317101500.25+0100" },
    { tag: "00100030", vr: "DA", value: "19600704" },
    { tag: "00080030", vr: "TM", value: "101500" },
  ];
  const day = (value: string) => Date.UTC(Number(value.slice(0, 4)), Number(value.slice(4, 6)) - 1, Number(value.slice(6, 8))) / 86_400_000;

  it("moves every date by the key's shift, keeping intervals and times of day", () => {
    const out = readOutput(run(buildInstance(buildCtElements(dated)), { retainLongitudinalModifiedDates: true }).bytes).dataSet;
    const shift = dateShiftDays(KEY);
    expect(day(out.string("x00080020")!)).toBe(day("20240315") + shift);
    expect(day(out.string("x00080021")!) - day(out.string("x00080020")!)).toBe(1);
    expect(out.string("x0008002a")!.slice(8)).toBe("101500.25+0100");
    expect(day(out.string("x0008002a")!)).toBe(day("20240317") + shift);
    expect(out.string("x00080030")).toBe("101500");
    expect(out.string("x00100030") ?? "").toBe("");
    expect(out.string("x00280303")).toBe("MODIFIED");
  });

  it("removes or empties dates without the option", () => {
    const out = readOutput(run(buildInstance(buildCtElements(dated))).bytes).dataSet;
    expect(out.string("x00080020") ?? "").toBe("");
    expect(out.elements.x00080021?.length ?? 0).toBeGreaterThan(0); // X/D: a dummy date
    expect(out.string("x00080021")).not.toBe("20240316");
    expect(out.string("x00280303")).toBe("REMOVED");
  });

  it("derives a whole-day shift of one day to ten years back from the key", () => {
    const shifts = Array.from({ length: 200 }, (_, i) => dateShiftDays(new Uint8Array(32).fill(i)));
    for (const shift of shifts) {
      expect(Number.isInteger(shift)).toBe(true);
      expect(shift).toBeLessThanOrEqual(-1);
      expect(shift).toBeGreaterThanOrEqual(-MAX_SHIFT_DAYS);
    }
    expect(new Set(shifts).size).toBeGreaterThan(150);
    expect(dateShiftDays(KEY)).toBe(dateShiftDays(new Uint8Array(32).fill(3)));
  });
});

describe("method and descriptors", () => {
  it("records the profile and the options used, in words and in codes", () => {
    const out = readOutput(run(buildInstance(buildCtElements()), { retainLongitudinalModifiedDates: true, cleanDescriptors: true }).bytes).dataSet;
    expect(out.string("x00120062")).toBe("YES");
    const codes = out.elements.x00120064!.items!.map((entry) => entry.dataSet!.string("x00080100"));
    expect(codes).toEqual(["113100", "113107", "113105"]);
    expect(out.elements.x00120064!.items!.every((entry) => entry.dataSet!.string("x00080102") === "DCM")).toBe(true);
    expect(out.string("x00120063")).toContain("Basic Profile");
  });

  it("cleans identifying values out of kept descriptions", () => {
    const input = buildInstance(buildCtElements([{ tag: "0008103E", vr: "LO", value: "Chest for DOE, John 15.03.2024 PID12345 at Saint Elsewhere Hospital" }]));
    const out = readOutput(run(input, { cleanDescriptors: true }).bytes).dataSet;
    expect(out.string("x0008103e")).toBe("Chest for , at");
  });
});
