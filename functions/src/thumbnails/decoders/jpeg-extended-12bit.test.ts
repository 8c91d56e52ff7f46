import { encode as encodeJpeg } from "jpeg-js";
import type { ImageInfo } from "../image-info";
import { buildGradient12Bit, JPEG_12BIT_SPEC, readJpeg12BitFixture } from "../testing/jpeg-extended-12bit-fixture";
import { decodeFrame } from ".";

const JPEG_EXTENDED = "1.2.840.10008.1.2.4.51";
const { rows, columns } = JPEG_12BIT_SPEC;
const INFO: ImageInfo = {
  rows,
  columns,
  samplesPerPixel: 1,
  bitsAllocated: 16,
  bitsStored: 12,
  pixelRepresentation: 0,
  photometricInterpretation: "MONOCHROME2",
  planarConfiguration: 0,
  numberOfFrames: 1,
  rescaleSlope: 1,
  rescaleIntercept: 0,
  modality: "CT",
};

function compareWithSource(pixels: ArrayLike<number>, expected: (source: number) => number) {
  const source = buildGradient12Bit();
  let max = 0;
  let sum = 0;
  for (let i = 0; i < source.length; i++) {
    const error = Math.abs(pixels[i]! - expected(source[i]!));
    max = Math.max(max, error);
    sum += error;
  }
  return { max, mean: sum / source.length };
}

describe("decodeFrame for JPEG extended 12-bit (process 4)", () => {
  it("decodes the 12-bit gradient to its source samples within the lossy error", async () => {
    const { pixels, photometricInterpretation } = await decodeFrame(JPEG_EXTENDED, readJpeg12BitFixture(), INFO);
    expect(pixels).toHaveLength(rows * columns);
    expect(photometricInterpretation).toBe("MONOCHROME2");
    // Quality 95 on a smooth 12-bit ramp: off by 1 at most (IJG gives max 1, mean 0.28).
    // An 8-bit clamp, a lost high nibble or a byte swap is off by hundreds.
    const error = compareWithSource(pixels, (v) => v);
    expect(error.max).toBeLessThanOrEqual(2);
    expect(error.mean).toBeLessThan(0.5);
    // The bright square keeps its 4000.
    expect(Math.abs(pixels[12 * columns + 20]! - 4000)).toBeLessThanOrEqual(2);
  });

  it("sign-extends the 12 bits when PixelRepresentation is signed", async () => {
    const { pixels } = await decodeFrame(JPEG_EXTENDED, readJpeg12BitFixture(), { ...INFO, pixelRepresentation: 1 });
    const error = compareWithSource(pixels, (v) => (v >= 2048 ? v - 4096 : v));
    // A lossy sample next to 2048 may cross the sign boundary (off by 4096); none does here.
    expect(error.max).toBeLessThanOrEqual(2);
    expect(Math.min(...pixels)).toBeLessThan(-2000);
  });

  it("still decodes 8-bit extended frames (jpeg-js path)", async () => {
    const rgba = new Uint8Array(rows * columns * 4).fill(255);
    for (let i = 0; i < rows * columns; i++) rgba.fill((i % columns) * 4, i * 4, i * 4 + 3);
    const jpeg = encodeJpeg({ data: rgba, width: columns, height: rows }, 95).data;
    const colour = { ...INFO, bitsAllocated: 8, bitsStored: 8, samplesPerPixel: 3, photometricInterpretation: "YBR_FULL_422" };
    const { pixels, photometricInterpretation } = await decodeFrame(JPEG_EXTENDED, jpeg, colour);
    expect(photometricInterpretation).toBe("RGB");
    expect(Math.abs(pixels[(10 * columns + 50) * 3]! - 200)).toBeLessThan(8);
  });

  it("refuses a frame whose size disagrees with the DICOM header", async () => {
    await expect(decodeFrame(JPEG_EXTENDED, readJpeg12BitFixture(), { ...INFO, rows: 50 })).rejects.toThrow(
      /64×48 but the header says 64×50/,
    );
  });

  it("explains a damaged 12-bit frame", async () => {
    const fixture = readJpeg12BitFixture();
    const startOfScan = Buffer.from(fixture).indexOf(Buffer.from([0xff, 0xda]));
    await expect(decodeFrame(JPEG_EXTENDED, fixture.subarray(0, startOfScan), INFO)).rejects.toThrow(
      /1\.2\.840\.10008\.1\.2\.4\.51 frame does not decode: .*missing SOS marker/,
    );
  });

  it("explains a frame with no JPEG frame header", async () => {
    const noHeader = readJpeg12BitFixture().slice();
    noHeader.set([0x12, 0x34], 2); // what follows SOI is no longer a marker
    await expect(decodeFrame(JPEG_EXTENDED, noHeader, INFO)).rejects.toThrow(/no frame header/);
  });
});
