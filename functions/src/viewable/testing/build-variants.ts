import { buildCtElements, buildDataSetBytes, buildDicomFile, buildElementBytes, buildValueBytes, type DicomElementSpec } from "../../ingest/testing/build-dicom";

/**
 * Files the browser viewer trips over, made for tests: what third-party
 * writers produce (big endian, bad VR codes, impossible lengths, sequences
 * and encapsulated pixel data), which the ingest test writer does not.
 */

export const EXPLICIT_BIG_ENDIAN = "1.2.840.10008.1.2.2";
const LONG = new Set(["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"]);
const SWAP: Record<string, number> = { US: 2, SS: 2, OW: 2, AT: 2, UL: 4, SL: 4, FL: 4, OF: 4, FD: 8, OD: 8 };

function buildMeta(transferSyntaxUID: string, sopClassUID: string, sopInstanceUID: string): Uint8Array {
  const body = buildDataSetBytes(
    [
      { tag: "00020001", vr: "OB", value: new Uint8Array([0, 1]) },
      { tag: "00020002", vr: "UI", value: sopClassUID },
      { tag: "00020003", vr: "UI", value: sopInstanceUID },
      { tag: "00020010", vr: "UI", value: transferSyntaxUID },
    ],
    true,
  );
  return Buffer.concat([buildElementBytes({ tag: "00020000", vr: "UL", value: body.length }, true), body]);
}

/** A Part 10 file around a data set already encoded. */
export function buildPart10(transferSyntaxUID: string, dataSet: Uint8Array, sopInstanceUID = "1.2.826.0.1.3680043.10.1.3"): Uint8Array {
  return Buffer.concat([new Uint8Array(128), Buffer.from("DICM", "latin1"), buildMeta(transferSyntaxUID, "1.2.840.10008.5.1.4.1.1.2", sopInstanceUID), dataSet]);
}

/** One element in explicit VR big endian: tag, length and binary values most significant byte first. */
function buildBigEndianElement(element: DicomElementSpec): Uint8Array {
  // An AT value is two 16-bit numbers, group then element.
  const little = buildValueBytes(element.vr === "AT" ? "US" : element.vr, element.value);
  const unit = SWAP[element.vr];
  const value = unit ? swap(little, unit) : little;
  const long = LONG.has(element.vr);
  const out = new Uint8Array((long ? 12 : 8) + value.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, parseInt(element.tag.slice(0, 4), 16));
  view.setUint16(2, parseInt(element.tag.slice(4, 8), 16));
  out[4] = element.vr.charCodeAt(0);
  out[5] = element.vr.charCodeAt(1);
  if (long) view.setUint32(8, value.length);
  else view.setUint16(6, value.length);
  out.set(value, long ? 12 : 8);
  return out;
}

function swap(bytes: Uint8Array, unit: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += 1) out[i] = bytes[i - (i % unit) + unit - 1 - (i % unit)]!;
  return out;
}

/** The CT of buildCtElements in explicit VR big endian, with binary attributes of several VRs. */
export function buildBigEndianCt(pixelsLittleEndian: Uint8Array): Uint8Array {
  const elements = [
    ...buildCtElements(),
    { tag: "00189219", vr: "SS", value: [-2, 300] },
    { tag: "00280009", vr: "AT", value: [0x0018, 0x1063] },
    { tag: "00181310", vr: "US", value: [1, 2, 3, 4] },
    { tag: "00209241", vr: "FL", value: 0.5 },
    { tag: "00209251", vr: "FD", value: [1.25, -7.5] },
    { tag: "00181064", vr: "UL", value: 70000 },
    { tag: "7FE00010", vr: "OW", value: pixelsLittleEndian },
  ].sort((a, b) => a.tag.localeCompare(b.tag));
  return buildPart10(EXPLICIT_BIG_ENDIAN, Buffer.concat(elements.map(buildBigEndianElement)));
}

/** Explicit VR little endian with an element whose VR code is no VR: known to the dictionary (Rows) and private. */
export function buildBadVrCt(pixels: Uint8Array): Uint8Array {
  const withBadCode = (tag: string, code: string, bytes: Uint8Array) => {
    const encoded = buildElementBytes({ tag, vr: "SH", value: bytes }, true);
    encoded[4] = code.charCodeAt(0);
    encoded[5] = code.charCodeAt(1);
    return encoded;
  };
  const good = buildCtElements()
    .filter((e) => e.tag !== "00280010")
    .concat([{ tag: "7FE00010", vr: "OW", value: pixels }])
    .map((e): [string, Uint8Array] => [e.tag, buildElementBytes(e, true)]);
  const bad: Array<[string, Uint8Array]> = [
    ["00091001", withBadCode("00091001", "??", Buffer.from("PRIVATE ", "latin1"))],
    ["00280010", withBadCode("00280010", "XX", new Uint8Array([2, 0]))],
  ];
  const sorted = [...good, ...bad].sort(([a], [b]) => a.localeCompare(b));
  return buildPart10("1.2.840.10008.1.2.1", Buffer.concat(sorted.map(([, bytes]) => bytes)));
}

/** Explicit VR little endian with an Age String of six bytes and a UL of six bytes. */
export function buildWrongLengthCt(pixels: Uint8Array): Uint8Array {
  return buildDicomFile(
    buildCtElements([
      { tag: "00101010", vr: "AS", value: Buffer.from("045Y  ", "latin1") },
      { tag: "00181064", vr: "UL", value: new Uint8Array([0x70, 0x11, 0x01, 0x00, 0xff, 0xff]) },
    ]),
    { pixelData: pixels },
  );
}

/** An item of explicit VR little endian elements, of defined or undefined length. */
export function buildItem(content: Uint8Array, undefinedLength: boolean): Uint8Array {
  const header = new Uint8Array(8);
  const view = new DataView(header.buffer);
  view.setUint16(0, 0xfffe, true);
  view.setUint16(2, 0xe000, true);
  view.setUint32(4, undefinedLength ? 0xffffffff : content.length, true);
  const delimiter = undefinedLength ? Buffer.from([0xfe, 0xff, 0x0d, 0xe0, 0, 0, 0, 0]) : new Uint8Array(0);
  return Buffer.concat([header, content, delimiter]);
}

/** A sequence element of defined or undefined length around items. */
export function buildSequence(tag: string, items: Uint8Array[], undefinedLength: boolean): Uint8Array {
  const body = Buffer.concat(items);
  const header = buildElementBytes({ tag, vr: "SQ", value: new Uint8Array(0) }, true);
  new DataView(header.buffer, header.byteOffset).setUint32(8, undefinedLength ? 0xffffffff : body.length, true);
  const delimiter = undefinedLength ? Buffer.from([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]) : new Uint8Array(0);
  return Buffer.concat([header, body, delimiter]);
}

/** Encapsulated pixel data (PS3.5 §A.4): an empty offset table, then the fragments. */
export function buildEncapsulatedPixelData(fragments: Uint8Array[]): Uint8Array {
  const header = Buffer.from([0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x42, 0, 0, 0xff, 0xff, 0xff, 0xff]);
  return Buffer.concat([header, buildItem(new Uint8Array(0), false), ...fragments.map((f) => buildItem(f, false)), Buffer.from([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0])]);
}
