import { deflateRawSync } from "node:zlib";
import * as dicomParser from "dicom-parser";
import { parseDicomHeader } from "../ingest/parse-header";
import { buildCtElements, buildDataSetBytes, buildDicomFile, buildElementBytes, TINY_PIXEL_DATA } from "../ingest/testing/build-dicom";
import { buildViewableCopy, findViewerProblem, IMPLEMENTATION_CLASS_UID, ViewableCopyError } from "./index";
import { buildBadVrCt, buildBigEndianCt, buildEncapsulatedPixelData, buildItem, buildPart10, buildSequence, buildWrongLengthCt, EXPLICIT_BIG_ENDIAN } from "./testing/build-variants";
import { readAllValues, vrsOf } from "./testing/read-values";

const EXPLICIT_LE = "1.2.840.10008.1.2.1";
const DEFLATED = "1.2.840.10008.1.2.1.99";
const PIXELS = new Uint8Array([0x01, 0x02, 0x03, 0x04, 0xff, 0x7f, 0x00, 0x80]);

/** What ingest's tolerant reader finds, and the copy as the browser's parser (no options) reads it. */
function copyAndRead(original: Uint8Array) {
  const header = parseDicomHeader(original, "test.dcm");
  const copy = buildViewableCopy(original, { transferSyntaxUID: header.transferSyntaxUID });
  const parsed = dicomParser.parseDicom(copy.bytes);
  return { header, copy, parsed, sameValues: () => expect(readAllValues(parsed, vrsOf(parsed))).toEqual(readAllValues(header.dataSet, vrsOf(parsed), dataSetStart(original, header.transferSyntaxUID))) };
}

/** Where the data set starts: after the meta group of a Part 10 file; a deflated one is parsed from its inflated bytes. */
function dataSetStart(bytes: Uint8Array, transferSyntaxUID: string): number {
  if (transferSyntaxUID === DEFLATED) return 0;
  return Buffer.from(bytes).toString("latin1", 128, 132) === "DICM" ? 132 + 12 + Buffer.from(bytes).readUInt32LE(140) : 0;
}

function pixelBytes(dataSet: dicomParser.DataSet): Uint8Array {
  const element = dataSet.elements.x7fe00010!;
  return dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
}

describe("findViewerProblem", () => {
  it("passes files the browser reads as they are", () => {
    for (const encoding of ["explicit", "implicit"] as const) {
      const bytes = buildDicomFile(buildCtElements(), { encoding, pixelData: TINY_PIXEL_DATA });
      expect(findViewerProblem(bytes, { TransferSyntaxUID: parseDicomHeader(bytes, "x").transferSyntaxUID })).toBeUndefined();
    }
  });

  it("names what the browser would trip over", () => {
    const deflated = buildDicomFile(buildCtElements(), { encoding: "deflated", pixelData: TINY_PIXEL_DATA });
    expect(findViewerProblem(deflated, { TransferSyntaxUID: DEFLATED })).toMatch(/deflated/);
    expect(findViewerProblem(buildBigEndianCt(PIXELS), { TransferSyntaxUID: EXPLICIT_BIG_ENDIAN })).toMatch(/big endian/);
    expect(findViewerProblem(buildBadVrCt(PIXELS), { TransferSyntaxUID: EXPLICIT_LE })).toMatch(/\(0009,1001\) has VR code "\?\?"/);
    expect(findViewerProblem(buildWrongLengthCt(PIXELS), { TransferSyntaxUID: EXPLICIT_LE })).toMatch(/\(0010,1010\) AS has length 6|\(0018,1064\) UL has length 6/);
    const bare = buildDicomFile(buildCtElements(), { encoding: "raw-explicit", pixelData: TINY_PIXEL_DATA });
    expect(findViewerProblem(bare, { TransferSyntaxUID: EXPLICIT_LE })).toMatch(/browser's parser stops: DICM prefix not found/);
  });
});

describe("buildViewableCopy", () => {
  it("inflates a deflated data set into explicit VR little endian with the same values and pixels", () => {
    const original = buildDicomFile(buildCtElements(), { encoding: "deflated", pixelData: TINY_PIXEL_DATA });
    const { copy, parsed, sameValues } = copyAndRead(original);
    expect(copy.transferSyntaxUID).toBe(EXPLICIT_LE);
    expect(parsed.string("x00020010")).toBe(EXPLICIT_LE);
    expect(findViewerProblem(copy.bytes, { TransferSyntaxUID: copy.transferSyntaxUID })).toBeUndefined();
    sameValues();
    expect(Buffer.from(pixelBytes(parsed))).toEqual(Buffer.from(TINY_PIXEL_DATA));
  });

  it("writes a fresh meta group that keeps the SOP Class and Instance UIDs and names us", () => {
    const { copy, parsed } = copyAndRead(buildDicomFile(buildCtElements(), { encoding: "deflated", pixelData: TINY_PIXEL_DATA }));
    expect(parsed.string("x00020002")).toBe("1.2.840.10008.5.1.4.1.1.2");
    expect(parsed.string("x00020003")).toBe("1.2.826.0.1.3680043.10.1.3");
    expect(parsed.string("x00020012")).toBe(IMPLEMENTATION_CLASS_UID);
    const groupLength = parsed.uint32("x00020000")!;
    // The group length ends the meta group exactly where the data set's first element, (0008,0005) or later, begins.
    expect(Buffer.from(copy.bytes).readUInt16LE(132 + 12 + groupLength)).toBe(0x0008);
  });

  it("swaps big endian values by VR and 16-bit pixels by word", () => {
    const original = buildBigEndianCt(PIXELS);
    const { copy, parsed, sameValues } = copyAndRead(original);
    expect(copy.transferSyntaxUID).toBe(EXPLICIT_LE);
    sameValues();
    expect(readAllValues(parsed, vrsOf(parsed))).toMatchObject({ x00189219: [-2, 300], x00280009: "x00181063", x00181310: [1, 2, 3, 4], x00209241: [0.5], x00209251: [1.25, -7.5], x00181064: [70000], x00280010: [2] });
    expect(Buffer.from(pixelBytes(parsed))).toEqual(Buffer.from(PIXELS));
  });

  it("swaps 32-bit big endian pixel data as OW, by 16-bit words, as dcmtk and GDCM read it", () => {
    const pixels32 = new Uint8Array([0xe8, 0x0e, 0x13, 0x00, 0x01, 0x00, 0x00, 0x80]);
    const file = Buffer.from(buildBigEndianCt(pixels32));
    const bits = file.indexOf(Buffer.from([0x00, 0x28, 0x01, 0x00, 0x55, 0x53]));
    file.writeUInt16BE(32, bits + 8);
    const { parsed } = copyAndRead(file);
    expect(parsed.uint16("x00280100")).toBe(32);
    // buildBigEndianCt wrote the OW words byte-swapped; the copy swaps them back, word by word.
    expect(Buffer.from(pixelBytes(parsed))).toEqual(Buffer.from(pixels32));
  });

  it("writes a nonsense VR code as the dictionary's VR when known, else UN, keeping the value", () => {
    const { parsed, sameValues } = copyAndRead(buildBadVrCt(PIXELS));
    expect(parsed.elements.x00280010!.vr).toBe("US");
    expect(parsed.uint16("x00280010")).toBe(2);
    expect(parsed.elements.x00091001!.vr).toBe("UN");
    expect(Buffer.from(parsed.byteArray.subarray(parsed.elements.x00091001!.dataOffset, parsed.elements.x00091001!.dataOffset + 8)).toString("latin1")).toBe("PRIVATE ");
    sameValues();
  });

  it("trims values of impossible length to what can be read", () => {
    const { parsed, sameValues } = copyAndRead(buildWrongLengthCt(PIXELS));
    expect(parsed.elements.x00101010!.length).toBe(4);
    expect(parsed.string("x00101010")).toBe("045Y");
    expect(parsed.elements.x00181064!.length).toBe(4);
    expect(parsed.uint32("x00181064")).toBe(0x00011170);
    sameValues();
  });

  it("keeps sequences of defined and undefined length, re-encoding what is inside", () => {
    const inner = buildDataSetBytes([{ tag: "00081150", vr: "UI", value: "1.2.840.10008.5.1.4.1.1.2" }, { tag: "00081155", vr: "UI", value: "1.2.3.4" }], true);
    const badInside = Buffer.from(buildElementBytes({ tag: "00081160", vr: "IS", value: "7" }, true));
    badInside.write("!!", 4, "latin1");
    const sequences = Buffer.concat([
      buildSequence("00081140", [buildItem(inner, false), buildItem(Buffer.concat([inner, badInside]), true)], true),
      buildSequence("00082112", [buildItem(inner, true)], false),
    ]);
    const dataSet = Buffer.concat([buildDataSetBytes(buildCtElements(), true), sequences]);
    const original = buildPart10(EXPLICIT_LE, dataSet);
    expect(findViewerProblem(original, { TransferSyntaxUID: EXPLICIT_LE })).toMatch(/\(0008,1160\) has VR code "!!"/);
    const { parsed, sameValues } = copyAndRead(original);
    expect(parsed.elements.x00081140!.items).toHaveLength(2);
    expect(parsed.elements.x00082112!.items).toHaveLength(1);
    expect(parsed.elements.x00081140!.items![1]!.dataSet!.string("x00081155")).toBe("1.2.3.4");
    sameValues();
  });

  it("keeps an encapsulated transfer syntax and its fragments byte for byte", () => {
    const jpegBaseline = "1.2.840.10008.1.2.4.50";
    const fragments = [new Uint8Array([0xff, 0xd8, 1, 2, 3, 4]), new Uint8Array([5, 6, 0xff, 0xd9])];
    const bad = Buffer.from(buildElementBytes({ tag: "00091001", vr: "LO", value: "X" }, true));
    bad.write("zz", 4, "latin1");
    const dataSet = Buffer.concat([buildDataSetBytes(buildCtElements().filter((e) => e.tag < "00091001"), true), bad, buildDataSetBytes(buildCtElements().filter((e) => e.tag > "00091001"), true), buildEncapsulatedPixelData(fragments)]);
    const { copy, parsed } = copyAndRead(buildPart10(jpegBaseline, dataSet));
    expect(copy.transferSyntaxUID).toBe(jpegBaseline);
    const pixel = parsed.elements.x7fe00010!;
    expect(pixel.encapsulatedPixelData).toBe(true);
    expect(pixel.fragments!.map((f) => Buffer.from(parsed.byteArray.subarray(f.position, f.position + f.length)))).toEqual(fragments.map((f) => Buffer.from(f)));
  });

  it("gives a bare implicit VR data set the preamble and meta group the browser needs, its bytes unchanged", () => {
    const bare = buildDicomFile(buildCtElements(), { encoding: "raw-implicit", pixelData: TINY_PIXEL_DATA });
    const copy = buildViewableCopy(bare, { transferSyntaxUID: "1.2.840.10008.1.2" });
    expect(copy.transferSyntaxUID).toBe("1.2.840.10008.1.2");
    expect(Buffer.from(copy.bytes.subarray(copy.bytes.length - bare.length))).toEqual(Buffer.from(bare));
    expect(dicomParser.parseDicom(copy.bytes).string("x00100020")).toBe("PID-1");
  });

  it("refuses a deflated data set that inflates past the size limit or 200:1, with a clear error", () => {
    const zeros = new Uint8Array(5 * 1024 * 1024);
    const bomb = buildPart10(DEFLATED, deflateRawSync(Buffer.concat([buildDataSetBytes(buildCtElements(), true), buildElementBytes({ tag: "7FE00010", vr: "OW", value: zeros }, true)])));
    expect(() => buildViewableCopy(bomb, { transferSyntaxUID: DEFLATED })).toThrow(ViewableCopyError);
    expect(() => buildViewableCopy(bomb, { transferSyntaxUID: DEFLATED })).toThrow(/more than the 200:1 accepted/);
    const small = buildDicomFile(buildCtElements(), { encoding: "deflated", pixelData: TINY_PIXEL_DATA });
    const limits = { maxInflatedBytes: 100, maxCompressionRatio: 200, ratioCheckFromBytes: 4 * 1024 * 1024 };
    expect(() => buildViewableCopy(small, { transferSyntaxUID: DEFLATED, limits })).toThrow(/inflates to more than 100 B/);
  });
});
