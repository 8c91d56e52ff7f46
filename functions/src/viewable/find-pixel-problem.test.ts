import { findPixelProblem } from "./find-pixel-problem";

/** SOI, optional APP segments, then an SOF0 for 3 components with the given ids and sampling factors. */
function jpegStart(ids: number[], sampling: number[], apps: number[][] = []): Uint8Array {
  const sof = [0xff, 0xc0, 0x00, 17, 8, 0, 2, 0, 2, 3, ...ids.flatMap((id, k) => [id, sampling[k]!, 0])];
  return Uint8Array.from([0xff, 0xd8, ...apps.flat(), ...sof, 0xff, 0xda, 0, 2]);
}
const JFIF = [0xff, 0xe0, 0, 16, ...Buffer.from("JFIF\0"), 1, 1, 0, 0, 1, 0, 1, 0, 0];
const ADOBE_RGB = [0xff, 0xee, 0, 14, ...Buffer.from("Adobe"), 0, 100, 0, 0, 0, 0, 0];
const rgbJpeg = { TransferSyntaxUID: "1.2.840.10008.1.2.4.50", Rows: 2, PhotometricInterpretation: "RGB", SamplesPerPixel: 3, BitsAllocated: 8 };

describe("an RGB JPEG the browser's libjpeg would read as YCbCr", () => {
  it("needs a decoded copy when nothing in the stream says YCbCr or RGB (ids 0, 1, 2, full-resolution chroma)", () => {
    expect(findPixelProblem(jpegStart([0, 1, 2], [0x11, 0x11, 0x11]), rgbJpeg)).toMatch(/RGB JPEG/);
  });
  it.each([
    ["a JFIF marker (the stream is YCbCr, whatever the header says)", jpegStart([1, 2, 3], [0x11, 0x11, 0x11], [JFIF])],
    ["subsampled chroma (only YCbCr is stored that way)", jpegStart([1, 2, 3], [0x22, 0x11, 0x11])],
    ["components named R, G and B", jpegStart([0x52, 0x47, 0x42], [0x11, 0x11, 0x11])],
    ["an Adobe marker saying RGB", jpegStart([1, 2, 3], [0x11, 0x11, 0x11], [ADOBE_RGB])],
  ])("is left alone with %s", (_, bytes) => {
    expect(findPixelProblem(bytes, rgbJpeg)).toBeUndefined();
  });
  it("is left alone when the header says YBR", () => {
    expect(findPixelProblem(jpegStart([0, 1, 2], [0x11, 0x11, 0x11]), { ...rgbJpeg, PhotometricInterpretation: "YBR_FULL_422" })).toBeUndefined();
  });
});

it("spots a JPEG 2000 codestream stored unsigned under a signed Pixel Representation", () => {
  const siz = (signed: boolean) => Uint8Array.from([0xff, 0x4f, 0xff, 0x51, 0, 41, 0, 0, ...new Array(32).fill(0), 0, 1, signed ? 0x8c : 0x0c, 1, 1]);
  const header = { TransferSyntaxUID: "1.2.840.10008.1.2.4.90", Rows: 2, PhotometricInterpretation: "MONOCHROME2", BitsAllocated: 16, PixelRepresentation: 1 as const };
  expect(findPixelProblem(siz(false), header)).toMatch(/unsigned/);
  expect(findPixelProblem(siz(true), header)).toBeUndefined();
  expect(findPixelProblem(siz(false), { ...header, PixelRepresentation: 0 })).toBeUndefined();
});
