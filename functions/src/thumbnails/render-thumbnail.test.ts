import { encode as encodeJpeg } from "jpeg-js";
import { PNG } from "pngjs";
import { renderThumbnail, type Thumbnail } from "./render-thumbnail";
import { buildImageDicom, type TestImageSpec } from "./testing/build-image-dicom";
import { encodeJpegLossless } from "./testing/encode-jpeg-lossless";
import { encodeRleFrame } from "./testing/encode-rle";
import { encodeWithCodec } from "./testing/encode-wasm";
import { buildGradient12Bit, JPEG_12BIT_SPEC, readJpeg12BitFixture } from "./testing/jpeg-extended-12bit-fixture";

const ROWS = 48;
const COLUMNS = 64;
const SPEC: TestImageSpec = { rows: ROWS, columns: COLUMNS, bitsAllocated: 16 };

/** A 12-bit diagonal ramp: darkest top-left, brightest bottom-right. */
function buildGradient(): Uint16Array {
  return Uint16Array.from({ length: ROWS * COLUMNS }, (_, i) => (i % COLUMNS) * 40 + Math.floor(i / COLUMNS) * 30);
}

function readPng(thumbnail: Thumbnail) {
  const png = PNG.sync.read(Buffer.from(thumbnail.png));
  const grey = (x: number, y: number) => png.data[(y * png.width + x) * 4]!;
  return { width: png.width, height: png.height, grey, data: png.data };
}

function littleEndian(samples: Uint16Array): Uint8Array {
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  samples.forEach((value, i) => view.setUint16(i * 2, value, true));
  return bytes;
}

async function renderDecoded(file: Uint8Array) {
  const thumbnail = await renderThumbnail(file);
  if (!thumbnail.decoded) throw new Error(`expected a decoded thumbnail, got a placeholder: ${thumbnail.reason}`);
  return thumbnail;
}

function maxDifference(a: Thumbnail, b: Thumbnail): number {
  const [pa, pb] = [readPng(a).data, readPng(b).data];
  expect(pa.length).toBe(pb.length);
  let max = 0;
  for (let i = 0; i < pa.length; i++) max = Math.max(max, Math.abs(pa[i]! - pb[i]!));
  return max;
}

describe("renderThumbnail on generated images", () => {
  const gradient = buildGradient();
  const nativeFile = buildImageDicom(SPEC, "1.2.840.10008.1.2.1", { native: littleEndian(gradient) });

  it("renders uncompressed pixels at 128 on the longest side, keeping the aspect ratio", async () => {
    const thumbnail = await renderDecoded(nativeFile);
    const png = readPng(thumbnail);
    expect([thumbnail.width, thumbnail.height, png.width, png.height]).toEqual([128, 96, 128, 96]);
    expect(png.grey(0, 0)).toBeLessThan(10);
    expect(png.grey(127, 95)).toBeGreaterThan(245);
    expect(png.grey(64, 48)).toBeGreaterThan(60);
    expect(png.grey(64, 48)).toBeLessThan(200);
  });

  it("honours the requested size", async () => {
    const sized = await renderThumbnail(nativeFile, { size: 32 });
    const png = readPng(sized);
    expect([sized.width, sized.height, png.width, png.height]).toEqual([32, 24, 32, 24]);
  });

  it("applies the window, the rescale and MONOCHROME1 inversion", async () => {
    // Rescaled values run from -1024 to 2426; a window of 0..400 puts the top-left in black and most of the image in white.
    const windowed = buildImageDicom({ ...SPEC, window: [200, 400], rescale: { slope: 1, intercept: -1024 } }, "1.2.840.10008.1.2.1", {
      native: littleEndian(gradient),
    });
    const png = readPng(await renderDecoded(windowed));
    expect(png.grey(0, 0)).toBe(0);
    expect(png.grey(127, 95)).toBe(255);
    expect(png.grey(64, 48)).toBe(255);

    const inverted = buildImageDicom({ ...SPEC, photometricInterpretation: "MONOCHROME1" }, "1.2.840.10008.1.2.1", {
      native: littleEndian(gradient),
    });
    const invertedPng = readPng(await renderDecoded(inverted));
    expect(invertedPng.grey(0, 0)).toBeGreaterThan(245);
    expect(invertedPng.grey(127, 95)).toBeLessThan(10);
  });

  it.each([
    ["RLE lossless", "1.2.840.10008.1.2.5", () => encodeRleFrame(gradient, 2, 1)],
    ["JPEG lossless SV1", "1.2.840.10008.1.2.4.70", () => encodeJpegLossless(gradient, COLUMNS, ROWS, 16)],
    ["JPEG lossless process 14", "1.2.840.10008.1.2.4.57", () => encodeJpegLossless(gradient, COLUMNS, ROWS, 16)],
    ["JPEG-LS lossless", "1.2.840.10008.1.2.4.80", () => encodeWithCodec("jpeg-ls", gradient, COLUMNS, ROWS)],
    ["JPEG 2000 lossless", "1.2.840.10008.1.2.4.90", () => encodeWithCodec("jpeg-2000", gradient, COLUMNS, ROWS)],
    ["HTJ2K lossless", "1.2.840.10008.1.2.4.201", () => encodeWithCodec("htj2k", gradient, COLUMNS, ROWS)],
  ])("decodes %s to the same thumbnail as the uncompressed image", async (_name, syntax, encode) => {
    const file = buildImageDicom(SPEC, syntax, { frames: [await encode()] });
    const thumbnail = await renderDecoded(file);
    expect(maxDifference(thumbnail, await renderDecoded(nativeFile))).toBe(0);
  });

  it("decodes JPEG extended 12-bit (process 4) close to the uncompressed 12-bit image", async () => {
    const jpegFile = buildImageDicom(JPEG_12BIT_SPEC, "1.2.840.10008.1.2.4.51", { frames: [readJpeg12BitFixture()] });
    const nativeFile12 = buildImageDicom(JPEG_12BIT_SPEC, "1.2.840.10008.1.2.1", { native: littleEndian(buildGradient12Bit()) });
    const thumbnail = await renderDecoded(jpegFile);
    expect(maxDifference(thumbnail, await renderDecoded(nativeFile12))).toBeLessThanOrEqual(1);
    // The bright square (source 16..24 × 8..16, doubled in the thumbnail) stands out of the ramp around it.
    const png = readPng(thumbnail);
    expect(png.grey(40, 24) - png.grey(56, 24)).toBeGreaterThan(100);
  });

  it("decodes JPEG baseline colour close to the uncompressed colour image", async () => {
    const rgba = new Uint8Array(ROWS * COLUMNS * 4);
    const rgb = new Uint8Array(ROWS * COLUMNS * 3);
    for (let i = 0; i < ROWS * COLUMNS; i++) {
      const [r, g, b] = [(i % COLUMNS) * 4, Math.floor(i / COLUMNS) * 5, 128];
      rgba.set([r, g, b, 255], i * 4);
      rgb.set([r, g, b], i * 3);
    }
    const jpeg = encodeJpeg({ data: rgba, width: COLUMNS, height: ROWS }, 95).data;
    const colour: TestImageSpec = { rows: ROWS, columns: COLUMNS, bitsAllocated: 8, samplesPerPixel: 3 };
    const jpegFile = buildImageDicom({ ...colour, photometricInterpretation: "YBR_FULL_422" }, "1.2.840.10008.1.2.4.50", {
      frames: [jpeg],
    });
    const thumbnail = await renderDecoded(jpegFile);
    const nativeColour = await renderDecoded(buildImageDicom(colour, "1.2.840.10008.1.2.1", { native: rgb }));
    expect(maxDifference(thumbnail, nativeColour)).toBeLessThan(16);
    const png = readPng(thumbnail);
    // Bottom-right: red and green high, blue mid.
    const p = (127 + 95 * 128) * 4;
    expect(png.data[p]).toBeGreaterThan(230);
    expect(png.data[p + 1]).toBeGreaterThan(220);
    expect(Math.abs(png.data[p + 2]! - 128)).toBeLessThan(12);
  });
});

describe("renderThumbnail placeholders", () => {
  const gradient = buildGradient();

  function expectPlaceholder(thumbnail: Thumbnail, reason: RegExp) {
    expect(thumbnail.decoded).toBe(false);
    if (thumbnail.decoded) return;
    expect(thumbnail.reason).toMatch(reason);
    const png = readPng(thumbnail);
    expect([png.width, png.height]).toEqual([128, 128]);
    // Background and label ink both present, the label in the middle band.
    const values = new Set(Array.from({ length: 128 }, (_, x) => png.grey(x, 64)));
    expect(values.size).toBeGreaterThan(1);
    expect(png.grey(0, 0)).toBe(png.grey(127, 127));
  }

  it("shows the modality when pixel data is truncated", async () => {
    const file = buildImageDicom({ ...SPEC, modality: "MR" }, "1.2.840.10008.1.2.1", { native: littleEndian(gradient) });
    // Cut inside Pixel Data: the parser reports an overrun, the modality still reads.
    const thumbnail = await renderThumbnail(file.subarray(0, file.length - 1000));
    expectPlaceholder(thumbnail, /truncated|overrun|not readable/);
  });

  it("explains an unsupported transfer syntax", async () => {
    const file = buildImageDicom(SPEC, "1.2.840.10008.1.2.4.100", { frames: [new Uint8Array([1, 2, 3, 4])] });
    expectPlaceholder(await renderThumbnail(file), /1\.2\.840\.10008\.1\.2\.4\.100 cannot be decoded/);
  });

  it("explains a corrupt compressed frame", async () => {
    const rle = encodeRleFrame(gradient, 2, 1);
    const broken = buildImageDicom(SPEC, "1.2.840.10008.1.2.5", { frames: [rle.subarray(0, 100)] });
    expectPlaceholder(await renderThumbnail(broken), /RLE segment/);
    const jpeg = encodeJpegLossless(gradient, COLUMNS, ROWS, 16);
    const corrupt = buildImageDicom(SPEC, "1.2.840.10008.1.2.4.90", { frames: [jpeg] });
    expectPlaceholder(await renderThumbnail(corrupt), /does not decode/);
  });

  it("never throws, whatever the bytes", async () => {
    for (const bytes of [new Uint8Array(0), new Uint8Array(500).fill(7), Buffer.from("not dicom at all")]) {
      expectPlaceholder(await renderThumbnail(bytes), /not readable as DICOM/);
    }
  });
});
