import { deflateRawSync } from "node:zlib";
import { TRANSFER_SYNTAX } from "../../ingest/testing/build-dicom";

/**
 * A small DICOM writer for the engine's tests, independent of the engine's
 * own writer: sequences and items with defined lengths (the engine writes
 * undefined ones), explicit or implicit VR, little or big endian, native or
 * encapsulated pixel data.
 */

export const EXPLICIT_BIG_ENDIAN = "1.2.840.10008.1.2.2";
export const JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
export const { implicitLittle: IMPLICIT_LITTLE, explicitLittle: EXPLICIT_LITTLE, deflatedExplicitLittle: DEFLATED } = TRANSFER_SYNTAX;

export const CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";

/** One element: text (joined by backslash), numbers (binary VRs), raw bytes, or items of a sequence. */
export interface ElementSpec {
  tag: string;
  vr: string;
  value?: string | string[] | number[] | Uint8Array;
  items?: ElementSpec[][];
}

export interface InstanceOptions {
  transferSyntaxUID?: string;
  /** Native pixel data (OW) or the fragments of encapsulated pixel data (with an empty offset table). */
  pixelData?: Uint8Array | { fragments: Uint8Array[] };
  /** Leave out the preamble and meta group: a bare data set. */
  bare?: boolean;
}

const LONG = new Set(["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"]);
const SIZES: Record<string, number> = { US: 2, SS: 2, UL: 4, SL: 4, FL: 4, FD: 8, AT: 2, OW: 2, OF: 4, OL: 4, OD: 8, SV: 8, UV: 8, OV: 8 };

export function buildInstance(elements: ElementSpec[], options: InstanceOptions = {}): Uint8Array {
  const transferSyntaxUID = options.transferSyntaxUID ?? EXPLICIT_LITTLE;
  const explicit = transferSyntaxUID !== IMPLICIT_LITTLE;
  const little = transferSyntaxUID !== EXPLICIT_BIG_ENDIAN;
  const all = [...elements];
  const pixels = options.pixelData;
  let tail: Uint8Array = new Uint8Array(0);
  if (pixels instanceof Uint8Array) all.push({ tag: "7FE00010", vr: "OW", value: pixels });
  else if (pixels) tail = buildEncapsulated(pixels.fragments);
  const plain = concat([encodeElements(all, explicit, little), tail]);
  const body = transferSyntaxUID === DEFLATED ? new Uint8Array(deflateRawSync(plain)) : plain;
  if (options.bare) return body;
  const sopClass = findText(elements, "00080016") ?? CT_IMAGE_STORAGE;
  const sopInstance = findText(elements, "00080018") ?? "1.2.3";
  const meta = encodeElements(
    [
      { tag: "00020001", vr: "OB", value: new Uint8Array([0, 1]) },
      { tag: "00020002", vr: "UI", value: sopClass },
      { tag: "00020003", vr: "UI", value: sopInstance },
      { tag: "00020010", vr: "UI", value: transferSyntaxUID },
      { tag: "00020012", vr: "UI", value: "1.2.3.4.5" },
      { tag: "00020016", vr: "AE", value: "SOURCE_AE" },
    ],
    true,
    true,
  );
  const groupLength = encodeElements([{ tag: "00020000", vr: "UL", value: [meta.length] }], true, true);
  return concat([new Uint8Array(128), new TextEncoder().encode("DICM"), groupLength, meta, body]);
}

export function encodeElements(elements: ElementSpec[], explicit: boolean, little: boolean): Uint8Array {
  const sorted = [...elements].sort((a, b) => parseInt(a.tag, 16) - parseInt(b.tag, 16));
  return concat(sorted.map((element) => encodeElement(element, explicit, little)));
}

function encodeElement(element: ElementSpec, explicit: boolean, little: boolean): Uint8Array {
  const value = element.items
    ? concat(element.items.map((item) => withItemHeader(encodeElements(item, explicit, little), little)))
    : encodeValue(element, little);
  const tag = parseInt(element.tag, 16);
  if (!explicit) return concat([header(tag, little, value.length), value]);
  const long = LONG.has(element.vr);
  const out = new Uint8Array(long ? 12 : 8);
  const view = new DataView(out.buffer);
  view.setUint16(0, tag >>> 16, little);
  view.setUint16(2, tag & 0xffff, little);
  out[4] = element.vr.charCodeAt(0);
  out[5] = element.vr.charCodeAt(1);
  if (long) view.setUint32(8, value.length, little);
  else view.setUint16(6, value.length, little);
  return concat([out, value]);
}

function encodeValue(element: ElementSpec, little: boolean): Uint8Array {
  const { value, vr } = element;
  if (value === undefined) return new Uint8Array(0);
  if (value instanceof Uint8Array) return pad(value, vr);
  const size = SIZES[vr];
  if (size && Array.isArray(value) && value.every((v) => typeof v === "number")) {
    const out = new Uint8Array(size * value.length);
    const view = new DataView(out.buffer);
    (value as number[]).forEach((n, i) => {
      if (size === 2) view.setUint16(i * 2, n, little);
      else if (size === 4) vr === "FL" || vr === "OF" ? view.setFloat32(i * 4, n, little) : view.setUint32(i * 4, n, little);
      else view.setFloat64(i * 8, n, little);
    });
    return out;
  }
  return pad(new TextEncoder().encode(Array.isArray(value) ? value.join("\\") : value), vr);
}

function pad(bytes: Uint8Array, vr: string): Uint8Array {
  if (bytes.length % 2 === 0) return bytes;
  return concat([bytes, new Uint8Array([vr === "UI" || vr === "OB" || vr === "UN" ? 0 : 0x20])]);
}

function header(tag: number, little: boolean, length: number): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint16(0, tag >>> 16, little);
  view.setUint16(2, tag & 0xffff, little);
  view.setUint32(4, length, little);
  return out;
}

/** The value of a sequence stored as UN: items in implicit VR little endian (PS3.5 §6.2.2). */
export function buildUnSequenceValue(items: ElementSpec[][]): Uint8Array {
  return concat(items.map((item) => withItemHeader(encodeElements(item, false, true), true)));
}

function withItemHeader(content: Uint8Array, little: boolean): Uint8Array {
  return concat([header(0xfffee000, little, content.length), content]);
}

/** (7FE0,0010) OB with undefined length: an empty offset table, the fragments, the sequence delimiter. */
export function buildEncapsulated(fragments: Uint8Array[]): Uint8Array {
  const start = new Uint8Array(12);
  const view = new DataView(start.buffer);
  view.setUint16(0, 0x7fe0, true);
  view.setUint16(2, 0x0010, true);
  start[4] = 0x4f; // O
  start[5] = 0x42; // B
  view.setUint32(8, 0xffffffff, true);
  const parts = [start, header(0xfffee000, true, 0)];
  for (const fragment of fragments) parts.push(header(0xfffee000, true, fragment.length), fragment);
  parts.push(header(0xfffee0dd, true, 0));
  return concat(parts);
}

function findText(elements: ElementSpec[], tag: string): string | undefined {
  const value = elements.find((element) => element.tag === tag)?.value;
  return typeof value === "string" ? value : undefined;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A plain CT header with identifying values in the places the corpus check looks at. */
export function buildCtElements(overrides: ElementSpec[] = []): ElementSpec[] {
  const base: ElementSpec[] = [
    { tag: "00080005", vr: "CS", value: "ISO_IR 100" },
    { tag: "00080008", vr: "CS", value: ["ORIGINAL", "PRIMARY", "AXIAL"] },
    { tag: "00080016", vr: "UI", value: CT_IMAGE_STORAGE },
    { tag: "00080018", vr: "UI", value: "1.2.826.0.1.3680043.8.498.3" },
    { tag: "00080020", vr: "DA", value: "20240315" },
    { tag: "00080030", vr: "TM", value: "101500" },
    { tag: "00080050", vr: "SH", value: "ACC98765" },
    { tag: "00080060", vr: "CS", value: "CT" },
    { tag: "00080080", vr: "LO", value: "Saint Elsewhere Hospital" },
    { tag: "00080090", vr: "PN", value: "Referrer^Robert" },
    { tag: "0008103E", vr: "LO", value: "Chest for Doe John 20240315" },
    { tag: "00100010", vr: "PN", value: "Doe^John" },
    { tag: "00100020", vr: "LO", value: "PID12345" },
    { tag: "00100030", vr: "DA", value: "19600704" },
    { tag: "00100040", vr: "CS", value: "M" },
    { tag: "00101010", vr: "AS", value: "063Y" },
    { tag: "0020000D", vr: "UI", value: "1.2.826.0.1.3680043.8.498.1" },
    { tag: "0020000E", vr: "UI", value: "1.2.826.0.1.3680043.8.498.2" },
    { tag: "00200052", vr: "UI", value: "1.2.826.0.1.3680043.8.498.4" },
    { tag: "00280002", vr: "US", value: [1] },
    { tag: "00280004", vr: "CS", value: "MONOCHROME2" },
    { tag: "00280010", vr: "US", value: [2] },
    { tag: "00280011", vr: "US", value: [2] },
    { tag: "00280100", vr: "US", value: [16] },
    { tag: "00280101", vr: "US", value: [12] },
    { tag: "00280102", vr: "US", value: [11] },
    { tag: "00280103", vr: "US", value: [0] },
  ];
  const replaced = new Set(overrides.map((element) => element.tag));
  return [...base.filter((element) => !replaced.has(element.tag)), ...overrides];
}

export const TINY_PIXELS = new Uint8Array([1, 0, 2, 0, 3, 0, 4, 0]);
