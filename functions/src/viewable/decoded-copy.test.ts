import * as dicomParser from "dicom-parser";
import { buildImageDicom } from "../thumbnails/testing/build-image-dicom";
import { encodeRleFrame } from "../thumbnails/testing/encode-rle";
import { planViewerCopy } from "./plan-viewer-copy";

const W = 4;
const H = 2;
const INDICES = new Uint8Array([0, 1, 2, 3, 255, 254, 10, 20]);
const lut = (f: (i: number) => number) => new Uint8Array(Uint16Array.from({ length: 256 }, (_, i) => f(i) * 257).buffer);

function pixelModuleOf(bytes: Uint8Array) {
  const dataSet = dicomParser.parseDicom(bytes);
  const pixels = dataSet.elements.x7fe00010!;
  return {
    dataSet,
    photometric: dataSet.string("x00280004"),
    samplesPerPixel: dataSet.uint16("x00280002"),
    bitsAllocated: dataSet.uint16("x00280100"),
    pixels: dataSet.byteArray.subarray(pixels.dataOffset, pixels.dataOffset + pixels.length),
  };
}

function paletteFile(transferSyntaxUID: string, frames = 1): Uint8Array {
  const elements = [
    { tag: "00281101", vr: "US", value: [256, 0, 16] },
    { tag: "00281102", vr: "US", value: [256, 0, 16] },
    { tag: "00281103", vr: "US", value: [256, 0, 16] },
    { tag: "00281201", vr: "OW", value: lut((i) => i) },
    { tag: "00281202", vr: "OW", value: lut((i) => 255 - i) },
    { tag: "00281203", vr: "OW", value: lut((i) => (i * 7) % 256) },
    { tag: "00280008", vr: "IS", value: String(frames) },
  ];
  const spec = { rows: H, columns: W, bitsAllocated: 8 as const, photometricInterpretation: "PALETTE COLOR" };
  return transferSyntaxUID === "1.2.840.10008.1.2.5"
    ? buildImageDicom(spec, transferSyntaxUID, { frames: Array.from({ length: frames }, () => encodeRleFrame(INDICES, 1, 1)) }, elements)
    : buildImageDicom(spec, transferSyntaxUID, { native: INDICES }, elements);
}

const expectedRgb = Uint8Array.from([...INDICES].flatMap((i) => [i, 255 - i, (i * 7) % 256]));

it("leaves files the viewer draws as they are", () => {
  const plain = buildImageDicom({ rows: H, columns: W, bitsAllocated: 8 }, "1.2.840.10008.1.2.1", { native: INDICES });
  expect(planViewerCopy(plain, { TransferSyntaxUID: "1.2.840.10008.1.2.1", Rows: H, PhotometricInterpretation: "MONOCHROME2", BitsAllocated: 8 })).toBeUndefined();
});

it.each([
  ["uncompressed", "1.2.840.10008.1.2.1", 1],
  ["RLE, multi-frame (ultrasound cine)", "1.2.840.10008.1.2.5", 3],
])("expands %s palette colour into RGB through its tables, with a header that says so", async (_, syntax, frames) => {
  const plan = planViewerCopy(paletteFile(syntax, frames), { TransferSyntaxUID: syntax, Rows: H, PhotometricInterpretation: "PALETTE COLOR", BitsAllocated: 8 });
  expect(plan?.reason).toMatch(/palette colour/);
  const copy = await plan!.build();
  expect(copy.transferSyntaxUID).toBe("1.2.840.10008.1.2.1");
  expect(copy.pixelModule).toMatchObject({ PhotometricInterpretation: "RGB", SamplesPerPixel: 3, BitsAllocated: 8, PlanarConfiguration: 0 });
  const read = pixelModuleOf(copy.bytes);
  expect([read.photometric, read.samplesPerPixel, read.bitsAllocated]).toEqual(["RGB", 3, 8]);
  expect(read.dataSet.elements.x00281201).toBeUndefined();
  expect(Buffer.from(read.pixels)).toEqual(Buffer.concat(Array.from({ length: frames }, () => Buffer.from(expectedRgb))));
});

it("turns uncompressed YBR_FULL_422 into RGB", async () => {
  // Two pairs per row: Y1 Y2 Cb Cr, neutral chroma, so RGB equals Y.
  const ybr = new Uint8Array([10, 20, 128, 128, 30, 40, 128, 128, 50, 60, 128, 128, 70, 80, 128, 128]);
  const file = buildImageDicom({ rows: H, columns: W, bitsAllocated: 8, samplesPerPixel: 3, photometricInterpretation: "YBR_FULL_422" }, "1.2.840.10008.1.2.1", { native: ybr });
  const plan = planViewerCopy(file, { TransferSyntaxUID: "1.2.840.10008.1.2.1", Rows: H, PhotometricInterpretation: "YBR_FULL_422", BitsAllocated: 8, SamplesPerPixel: 3 });
  const read = pixelModuleOf((await plan!.build()).bytes);
  expect(read.photometric).toBe("RGB");
  expect([...read.pixels]).toEqual([10, 20, 30, 40, 50, 60, 70, 80].flatMap((y) => [y, y, y]));
});

it("decodes RLE with 32-bit samples (dose grids) into uncompressed 32-bit values", async () => {
  const values = Uint32Array.from({ length: W * H }, (_, i) => 70000 * (i + 1));
  const file = buildImageDicom({ rows: H, columns: W, bitsAllocated: 16 }, "1.2.840.10008.1.2.5", { frames: [encodeRleFrame(values, 4, 1)] }, [
    { tag: "00280100", vr: "US", value: 32 },
    { tag: "00280101", vr: "US", value: 32 },
    { tag: "00280102", vr: "US", value: 31 },
  ]);
  const plan = planViewerCopy(file, { TransferSyntaxUID: "1.2.840.10008.1.2.5", Rows: H, PhotometricInterpretation: "MONOCHROME2", BitsAllocated: 32 });
  expect(plan?.reason).toMatch(/RLE with 32-bit/);
  const read = pixelModuleOf((await plan!.build()).bytes);
  expect(read.bitsAllocated).toBe(32);
  expect([...new Uint32Array(Uint8Array.from(read.pixels).buffer)]).toEqual([...values]);
});

it("refuses, with a reason, a palette image whose tables are missing", async () => {
  const file = buildImageDicom({ rows: H, columns: W, bitsAllocated: 8, photometricInterpretation: "PALETTE COLOR" }, "1.2.840.10008.1.2.1", { native: INDICES });
  const plan = planViewerCopy(file, { TransferSyntaxUID: "1.2.840.10008.1.2.1", Rows: H, PhotometricInterpretation: "PALETTE COLOR", BitsAllocated: 8 });
  await expect(plan!.build()).rejects.toThrow(/lookup table/);
});

it("scales RLE colour with 32-bit samples down to 8-bit RGB by its top bits", async () => {
  const rgb = Uint32Array.from({ length: W * H * 3 }, (_, i) => (i % 3 === 0 ? 0xffffffff : i % 3 === 1 ? 0x80808080 : 0));
  const file = buildImageDicom({ rows: H, columns: W, bitsAllocated: 16, samplesPerPixel: 3 }, "1.2.840.10008.1.2.5", { frames: [encodeRleFrame(rgb, 4, 3)] }, [
    { tag: "00280100", vr: "US", value: 32 },
    { tag: "00280101", vr: "US", value: 32 },
    { tag: "00280102", vr: "US", value: 31 },
  ]);
  const plan = planViewerCopy(file, { TransferSyntaxUID: "1.2.840.10008.1.2.5", Rows: H, PhotometricInterpretation: "RGB", BitsAllocated: 32, SamplesPerPixel: 3 });
  const read = pixelModuleOf((await plan!.build()).bytes);
  expect([read.photometric, read.bitsAllocated]).toEqual(["RGB", 8]);
  expect([...read.pixels.subarray(0, 6)]).toEqual([255, 128, 0, 255, 128, 0]);
});

it("widens 8-bit pixel data of odd length (a 3×3 RGB image) to 16 bits, so no padding byte is read as a sample", async () => {
  const rgb = Uint8Array.from({ length: 27 }, (_, i) => i * 9);
  const file = buildImageDicom({ rows: 3, columns: 3, bitsAllocated: 8, samplesPerPixel: 3 }, "1.2.840.10008.1.2.1", { native: rgb });
  const plan = planViewerCopy(file, { TransferSyntaxUID: "1.2.840.10008.1.2.1", Rows: 3, Columns: 3, PhotometricInterpretation: "RGB", BitsAllocated: 8, SamplesPerPixel: 3 });
  expect(plan?.reason).toMatch(/odd length/);
  const copy = await plan!.build();
  expect(copy.pixelModule).toMatchObject({ BitsAllocated: 16, BitsStored: 8, SamplesPerPixel: 3 });
  const read = pixelModuleOf(copy.bytes);
  expect(read.pixels.length).toBe(54);
  expect([...new Uint16Array(Uint8Array.from(read.pixels).buffer)]).toEqual([...rgb]);
});
