import { readInstanceMetadata } from "../ingest/read-instance";
import { buildDicomFile, buildCtElements, TRANSFER_SYNTAX } from "../ingest/testing/build-dicom";
import { buildImageDicom, type TestImageSpec } from "../thumbnails/testing/build-image-dicom";
import { encodeWithCodec } from "../thumbnails/testing/encode-wasm";

// OpenJPEG's encoder needs 32 pixels or more per side for its default decomposition levels.
const spec: TestImageSpec = { rows: 48, columns: 64, bitsAllocated: 16 };
const ramp = Uint16Array.from({ length: spec.rows * spec.columns }, (_, i) => i * 7);
const J2K_LOSSLESS = "1.2.840.10008.1.2.4.90";
const JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80";
const HTJ2K_LOSSLESS = "1.2.840.10008.1.2.4.201";

/** Ingest's own reading of the file: what the stored instance will record. */
const undrawableOf = (file: Uint8Array) => readInstanceMetadata(file, "test.dcm").undrawable;

describe("images the viewer cannot draw", () => {
  it.each([
    ["JPEG 2000", J2K_LOSSLESS, "jpeg-2000"],
    ["HTJ2K", HTJ2K_LOSSLESS, "htj2k"],
    ["JPEG-LS", JPEG_LS_LOSSLESS, "jpeg-ls"],
  ] as const)("a sound %s frame is drawable", async (_name, syntax, codec) => {
    const frame = await encodeWithCodec(codec, ramp, spec.columns, spec.rows);
    expect(undrawableOf(buildImageDicom(spec, syntax, { frames: [frame] }))).toBeUndefined();
  });

  it("uncompressed images are drawable", () => {
    const file = buildImageDicom(spec, TRANSFER_SYNTAX.explicitLittle, { native: new Uint8Array(ramp.buffer) });
    expect(undrawableOf(file)).toBeUndefined();
  });

  it("an image header without pixel data is named as such", () => {
    const file = buildDicomFile(buildCtElements());
    expect(undrawableOf(file)).toBe("the image holds no pixel data (only its header)");
  });

  it("a JPEG 2000 frame whose size contradicts Rows and Columns is damaged", async () => {
    const frame = await encodeWithCodec("jpeg-2000", ramp, spec.columns, spec.rows);
    const file = buildImageDicom({ ...spec, rows: 96 }, J2K_LOSSLESS, { frames: [frame] });
    expect(undrawableOf(file)).toBe("its JPEG 2000 stream is damaged: it says 64 × 48 pixels where the header says 64 × 96");
  });

  it("a JPEG 2000 frame whose SIZ marker was overwritten is damaged (pydicom's embedded-delimiter file)", async () => {
    const frame = await encodeWithCodec("jpeg-2000", ramp, spec.columns, spec.rows);
    // Rsiz and the top of Xsiz overwritten by a sequence delimiter's bytes, as in the corpus file.
    frame.set([0xfe, 0xff, 0xdd, 0xe0], 6);
    expect(undrawableOf(buildImageDicom(spec, J2K_LOSSLESS, { frames: [frame] }))).toMatch(/^its JPEG 2000 stream is damaged: it asks for \d+ tiles/);
  });

  it("a JPEG-LS frame that is not a JPEG stream is damaged", () => {
    const file = buildImageDicom(spec, JPEG_LS_LOSSLESS, { frames: [new Uint8Array([1, 2, 3, 4, 5, 6])] });
    expect(undrawableOf(file)).toBe("its JPEG stream is damaged: it does not start with a JPEG start-of-image marker");
  });

  it("a frame with more components than samples per pixel is damaged", async () => {
    const frame = await encodeWithCodec("jpeg-ls", ramp, spec.columns, spec.rows);
    const file = buildImageDicom({ ...spec, samplesPerPixel: 3, photometricInterpretation: "RGB", bitsAllocated: 8 }, JPEG_LS_LOSSLESS, { frames: [frame] });
    expect(undrawableOf(file)).toBe("its JPEG-LS stream is damaged: it holds 1 components where the header says 3 samples per pixel");
  });
});
