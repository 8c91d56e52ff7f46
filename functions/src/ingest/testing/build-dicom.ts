import { deflateRawSync } from "node:zlib";

/**
 * A tiny DICOM writer for tests: enough of PS3.5/PS3.10 to produce valid
 * Part 10 files (and raw data sets) without shipping binary fixtures.
 * No sequences, no big endian, no encapsulated pixel data.
 */

export const TRANSFER_SYNTAX = {
  implicitLittle: "1.2.840.10008.1.2",
  explicitLittle: "1.2.840.10008.1.2.1",
  deflatedExplicitLittle: "1.2.840.10008.1.2.1.99",
} as const;

/** One data element. A Uint8Array value is written as is (raw charset bytes, OB). */
export interface DicomElementSpec {
  /** Eight hex digits, group then element: "00100010". */
  tag: string;
  vr: string;
  value: string | string[] | number | number[] | Uint8Array;
}

export type DicomFileEncoding =
  | "explicit" // Part 10, explicit VR little endian
  | "implicit" // Part 10, implicit VR little endian
  | "deflated" // Part 10, deflated explicit VR little endian
  | "raw-implicit" // no preamble, no meta: a bare implicit VR little endian data set
  | "raw-explicit"; // no preamble, no meta: a bare explicit VR little endian data set

export interface BuildDicomOptions {
  encoding?: DicomFileEncoding;
  /** Adds (0008,0005); give raw Uint8Array values for the text it governs. */
  specificCharacterSet?: string;
  /** Adds (7FE0,0010) OW with these bytes. */
  pixelData?: Uint8Array;
  /** Overrides (0002,0002); defaults to SOPClassUID (0008,0016). */
  mediaStorageSOPClassUID?: string;
}

const LONG_LENGTH_VRS = new Set(["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"]);
const BINARY_WRITERS: Record<string, [number, (view: DataView, offset: number, n: number) => void]> = {
  US: [2, (v, o, n) => v.setUint16(o, n, true)],
  SS: [2, (v, o, n) => v.setInt16(o, n, true)],
  UL: [4, (v, o, n) => v.setUint32(o, n, true)],
  SL: [4, (v, o, n) => v.setInt32(o, n, true)],
  FL: [4, (v, o, n) => v.setFloat32(o, n, true)],
  FD: [8, (v, o, n) => v.setFloat64(o, n, true)],
};

/** Encodes a value to even-length bytes, padded as PS3.5 §6.2 says (NUL for UI, space for text). */
export function buildValueBytes(vr: string, value: DicomElementSpec["value"]): Uint8Array {
  let bytes: Uint8Array;
  const writer = BINARY_WRITERS[vr];
  if (value instanceof Uint8Array) {
    bytes = value;
  } else if (writer && typeof value !== "string" && !isStringArray(value)) {
    const [size, write] = writer;
    const numbers = typeof value === "number" ? [value] : value;
    bytes = new Uint8Array(size * numbers.length);
    const view = new DataView(bytes.buffer);
    numbers.forEach((n, i) => write(view, i * size, n));
  } else {
    const parts = Array.isArray(value) ? value.map(String) : [String(value)];
    bytes = Buffer.from(parts.join("\\"), "latin1");
  }
  if (bytes.length % 2 === 0) return bytes;
  const padded = new Uint8Array(bytes.length + 1);
  padded.set(bytes);
  padded[bytes.length] = vr === "UI" || vr === "OB" ? 0x00 : 0x20;
  return padded;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}

/** Encodes one element in explicit or implicit VR little endian. */
export function buildElementBytes(element: DicomElementSpec, explicit: boolean): Uint8Array {
  const value = buildValueBytes(element.vr, element.value);
  const group = parseInt(element.tag.slice(0, 4), 16);
  const number = parseInt(element.tag.slice(4, 8), 16);
  const long = !explicit || LONG_LENGTH_VRS.has(element.vr);
  const headerLength = explicit ? (long ? 12 : 8) : 8;
  const out = new Uint8Array(headerLength + value.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, group, true);
  view.setUint16(2, number, true);
  if (!explicit) {
    view.setUint32(4, value.length, true);
  } else {
    out[4] = element.vr.charCodeAt(0);
    out[5] = element.vr.charCodeAt(1);
    if (long) view.setUint32(8, value.length, true);
    else view.setUint16(6, value.length, true);
  }
  out.set(value, headerLength);
  return out;
}

/** Encodes a data set: elements sorted by tag, as PS3.5 §7.1 requires. */
export function buildDataSetBytes(elements: DicomElementSpec[], explicit: boolean): Uint8Array {
  const sorted = [...elements].sort((a, b) => a.tag.localeCompare(b.tag));
  return Buffer.concat(sorted.map((e) => buildElementBytes(e, explicit)));
}

export function buildMetaGroup(transferSyntaxUID: string, sopClassUID: string, sopInstanceUID: string): Uint8Array {
  const body = buildDataSetBytes(
    [
      { tag: "00020001", vr: "OB", value: new Uint8Array([0, 1]) },
      { tag: "00020002", vr: "UI", value: sopClassUID },
      { tag: "00020003", vr: "UI", value: sopInstanceUID },
      { tag: "00020010", vr: "UI", value: transferSyntaxUID },
      { tag: "00020012", vr: "UI", value: "1.2.826.0.1.3680043.10.1" },
    ],
    true,
  );
  const length = buildElementBytes({ tag: "00020000", vr: "UL", value: body.length }, true);
  return Buffer.concat([length, body]);
}

function findStringValue(elements: DicomElementSpec[], tag: string): string {
  const value = elements.find((e) => e.tag === tag)?.value;
  return typeof value === "string" ? value : "";
}

/** Builds a whole file, Part 10 (preamble, "DICM", meta group) unless a raw encoding is asked for. */
export function buildDicomFile(elements: DicomElementSpec[], options: BuildDicomOptions = {}): Uint8Array {
  const encoding = options.encoding ?? "explicit";
  const all = [...elements];
  if (options.specificCharacterSet !== undefined) {
    all.push({ tag: "00080005", vr: "CS", value: options.specificCharacterSet });
  }
  if (options.pixelData) all.push({ tag: "7FE00010", vr: "OW", value: options.pixelData });
  const explicit = encoding !== "implicit" && encoding !== "raw-implicit";
  const dataSet = buildDataSetBytes(all, explicit);
  if (encoding === "raw-implicit" || encoding === "raw-explicit") return dataSet;

  const transferSyntaxUID = {
    explicit: TRANSFER_SYNTAX.explicitLittle,
    implicit: TRANSFER_SYNTAX.implicitLittle,
    deflated: TRANSFER_SYNTAX.deflatedExplicitLittle,
  }[encoding];
  const sopClassUID = options.mediaStorageSOPClassUID ?? findStringValue(all, "00080016");
  const meta = buildMetaGroup(transferSyntaxUID, sopClassUID, findStringValue(all, "00080018"));
  const body = encoding === "deflated" ? deflateRawSync(dataSet) : dataSet;
  return Buffer.concat([new Uint8Array(128), Buffer.from("DICM", "latin1"), meta, body]);
}

/** A small but complete CT image's elements; `overrides` replace or add by tag. */
export function buildCtElements(overrides: DicomElementSpec[] = []): DicomElementSpec[] {
  const base: DicomElementSpec[] = [
    { tag: "00080016", vr: "UI", value: "1.2.840.10008.5.1.4.1.1.2" },
    { tag: "00080018", vr: "UI", value: "1.2.826.0.1.3680043.10.1.3" },
    { tag: "00080020", vr: "DA", value: "20240131" },
    { tag: "00080030", vr: "TM", value: "101500" },
    { tag: "00080050", vr: "SH", value: "ACC123" },
    { tag: "00080060", vr: "CS", value: "CT" },
    { tag: "00080090", vr: "PN", value: "Referrer^Rita" },
    { tag: "00081030", vr: "LO", value: "CT HEAD" },
    { tag: "0008103E", vr: "LO", value: "Axial 5mm" },
    { tag: "00100010", vr: "PN", value: "Doe^Jane" },
    { tag: "00100020", vr: "LO", value: "PID-1" },
    { tag: "00100030", vr: "DA", value: "19700101" },
    { tag: "00100040", vr: "CS", value: "F" },
    { tag: "00180015", vr: "CS", value: "HEAD" },
    { tag: "00180050", vr: "DS", value: "5" },
    { tag: "0020000D", vr: "UI", value: "1.2.826.0.1.3680043.10.1.1" },
    { tag: "0020000E", vr: "UI", value: "1.2.826.0.1.3680043.10.1.2" },
    { tag: "00200011", vr: "IS", value: "3" },
    { tag: "00200013", vr: "IS", value: "7" },
    { tag: "00200032", vr: "DS", value: [-125, -130.5, 42] },
    { tag: "00200037", vr: "DS", value: [1, 0, 0, 0, 1, 0] },
    { tag: "00200052", vr: "UI", value: "1.2.826.0.1.3680043.10.1.4" },
    { tag: "00201041", vr: "DS", value: "42" },
    { tag: "00280002", vr: "US", value: 1 },
    { tag: "00280004", vr: "CS", value: "MONOCHROME2" },
    { tag: "00280010", vr: "US", value: 2 },
    { tag: "00280011", vr: "US", value: 2 },
    { tag: "00280030", vr: "DS", value: [0.5, 0.5] },
    { tag: "00280100", vr: "US", value: 16 },
    { tag: "00280101", vr: "US", value: 12 },
    { tag: "00280102", vr: "US", value: 11 },
    { tag: "00280103", vr: "US", value: 1 },
    { tag: "00281050", vr: "DS", value: [40, 400] },
    { tag: "00281051", vr: "DS", value: [80, 2000] },
    { tag: "00281052", vr: "DS", value: "-1024" },
    { tag: "00281053", vr: "DS", value: "1" },
  ];
  const replaced = new Set(overrides.map((e) => e.tag));
  return [...base.filter((e) => !replaced.has(e.tag)), ...overrides];
}

/** Four 16-bit pixels, the size of the image {@link buildCtElements} describes. */
export const TINY_PIXEL_DATA = new Uint8Array([0, 0, 1, 0, 2, 0, 3, 0]);
