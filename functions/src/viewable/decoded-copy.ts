import * as dicomParser from "dicom-parser";
import { decodeFrame } from "../thumbnails/decoders";
import { readImageInfo, type ImageInfo } from "../thumbnails/image-info";
import { maskToBitsStored, type PixelArray } from "../thumbnails/decoders/types";
import { assemblePart10, type CopyPixelModule, type ViewableCopy } from "./build-viewable-copy";
import { encodeDataSet } from "./encode-data-set";
import { readFrame } from "./read-frames";
import { EXPLICIT_VR_BIG_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN, readSource, ViewableCopyError, type InflateLimits } from "./read-source";
import { readPalette, type Palette } from "./palette";
import { buildElementHeader, padEven, type Chunks } from "./write-element";

/** Pixel-module attributes the copy writes itself, and the palette and transforms it drops. */
const REPLACED = new Set([
  "x00280002", "x00280004", "x00280006", "x00280100", "x00280101", "x00280102", "x00280103", "x7fe00010",
  "x00281101", "x00281102", "x00281103", "x00281199", "x00281201", "x00281202", "x00281203", "x00281221", "x00281222", "x00281223",
]);
/** Modality and VOI transforms apply to greyscale only (PS3.3 C.11.1); a colour copy must not carry them. */
const GREYSCALE_TRANSFORMS = new Set(["x00281050", "x00281051", "x00281052", "x00281053", "x00281054", "x00281055", "x00283010", "x00283000"]);

interface DecodedPixels {
  samplesPerPixel: 1 | 3;
  photometric: string;
  bitsAllocated: 8 | 16 | 32;
  bitsStored: number;
  pixelRepresentation: 0 | 1;
  frames: Uint8Array[];
}

/**
 * A copy with the pixels decoded to what the viewer draws (find-pixel-problem.ts
 * says when): palette and YBR_FULL_422 become 8-bit RGB, RLE colour or 32-bit
 * samples become uncompressed, a J2K codestream the header calls signed is
 * sign-extended. The rest of the data set is kept; the copy is explicit VR
 * little endian. Decoding runs the codecs thumbnails use.
 * @throws ViewableCopyError when a frame does not decode.
 */
export async function buildDecodedCopy(bytes: Uint8Array, transferSyntaxUID: string, limits: InflateLimits): Promise<ViewableCopy> {
  const source = readSource(bytes, transferSyntaxUID, limits);
  const info = readImageInfo(source.dataSet);
  const palette = info.photometricInterpretation === "PALETTE COLOR" ? readPalette(source.dataSet) : undefined;
  const pixels = await decodeAllFrames(source.dataSet, transferSyntaxUID, info, palette);
  const body = encodeWithPixels(source.dataSet, transferSyntaxUID === EXPLICIT_VR_BIG_ENDIAN, pixels);
  const pixelModule: CopyPixelModule = {
    PhotometricInterpretation: pixels.photometric,
    SamplesPerPixel: pixels.samplesPerPixel,
    BitsAllocated: pixels.bitsAllocated,
    BitsStored: pixels.bitsStored,
    HighBit: pixels.bitsStored - 1,
    PixelRepresentation: pixels.pixelRepresentation,
    ...(pixels.samplesPerPixel === 3 ? { PlanarConfiguration: 0 as const } : {}),
  };
  return { bytes: assemblePart10(source, EXPLICIT_VR_LITTLE_ENDIAN, body), transferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN, pixelModule };
}

async function decodeAllFrames(dataSet: dicomParser.DataSet, transferSyntaxUID: string, info: ImageInfo, palette: Palette | undefined): Promise<DecodedPixels> {
  const frames: Uint8Array[] = [];
  let layout: Omit<DecodedPixels, "frames"> | undefined;
  for (let index = 0; index < info.numberOfFrames; index += 1) {
    let decoded;
    try {
      decoded = await decodeFrame(transferSyntaxUID, readFrame(dataSet, transferSyntaxUID, info, index), info);
    } catch (error) {
      throw new ViewableCopyError(`frame ${index + 1} does not decode: ${(error as Error).message}`, { cause: error });
    }
    const converted = convert(decoded.pixels, decoded.photometricInterpretation, info, palette);
    layout = converted.layout;
    frames.push(converted.bytes);
  }
  const pixels = { ...layout!, frames };
  return pixels.bitsAllocated === 8 && frames.reduce((n, f) => n + f.length, 0) % 2 === 1 ? widenTo16Bits(pixels) : pixels;
}

/**
 * 8-bit samples of odd total length need a padding byte, which the browser's
 * loader reads as one more sample (and then refuses an RGB image whose size is
 * not a multiple of 3): the same values in 16-bit words have no padding.
 */
function widenTo16Bits(pixels: DecodedPixels): DecodedPixels {
  return { ...pixels, bitsAllocated: 16, frames: pixels.frames.map((frame) => new Uint8Array(Uint16Array.from(frame).buffer)) };
}

/** One decoded frame in the copy's encoding. */
function convert(pixels: PixelArray, photometric: string, info: ImageInfo, palette: Palette | undefined): { layout: Omit<DecodedPixels, "frames">; bytes: Uint8Array } {
  if (palette) return { layout: rgbLayout(), bytes: palette.toRgb(pixels) };
  if (photometric.startsWith("YBR_FULL")) return { layout: rgbLayout(), bytes: ybrFullToRgb(pixels) };
  if (info.samplesPerPixel === 3) {
    const shift = Math.max(0, info.bitsStored - 8);
    return { layout: { ...rgbLayout(), photometric }, bytes: Uint8Array.from(pixels, (v) => Math.min(255, Math.max(0, v >>> shift))) };
  }
  // Greyscale keeps its values, sign-extended to BitsStored as the header says, in 16 or 32 bits.
  const values = maskToBitsStored(pixels, info);
  const wide = info.bitsAllocated > 16;
  const signed = info.pixelRepresentation === 1;
  const out = wide ? (signed ? Int32Array.from(values) : Uint32Array.from(values)) : signed ? Int16Array.from(values) : Uint16Array.from(values);
  return {
    layout: { samplesPerPixel: 1, photometric, bitsAllocated: wide ? 32 : 16, bitsStored: info.bitsStored, pixelRepresentation: signed ? 1 : 0 },
    bytes: new Uint8Array(out.buffer),
  };
}

function rgbLayout(): Omit<DecodedPixels, "frames"> {
  return { samplesPerPixel: 3, photometric: "RGB", bitsAllocated: 8, bitsStored: 8, pixelRepresentation: 0 };
}

/** Full-range YCbCr to RGB (PS3.3 C.7.6.3.1.2). */
function ybrFullToRgb(ybr: PixelArray): Uint8Array {
  const out = new Uint8Array(ybr.length);
  const clamp = (v: number) => Math.min(255, Math.max(0, Math.round(v)));
  for (let i = 0; i + 2 < ybr.length; i += 3) {
    const [y, cb, cr] = [ybr[i]!, ybr[i + 1]! - 128, ybr[i + 2]! - 128];
    out[i] = clamp(y + 1.402 * cr);
    out[i + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
    out[i + 2] = clamp(y + 1.772 * cb);
  }
  return out;
}

/**
 * The data set with its pixel module and pixel data replaced. Kept elements are
 * re-encoded one by one (so big endian ones are swapped as such) and merged in
 * tag order with the new ones, which are already little endian.
 */
function encodeWithPixels(dataSet: dicomParser.DataSet, bigEndian: boolean, pixels: DecodedPixels): Chunks {
  const colour = pixels.samplesPerPixel === 3;
  const parts: Array<[string, Chunks]> = [];
  for (const tag of Object.keys(dataSet.elements)) {
    if (REPLACED.has(tag) || (colour && GREYSCALE_TRANSFORMS.has(tag))) continue;
    const single = { byteArray: dataSet.byteArray, elements: { [tag]: dataSet.elements[tag]! } } as unknown as dicomParser.DataSet;
    parts.push([tag, encodeDataSet(single, { bigEndian }, true)]);
  }
  const us = (value: number) => new Uint8Array(new Uint16Array([value]).buffer);
  const added: Array<[string, string, Uint8Array]> = [
    ["x00280002", "US", us(pixels.samplesPerPixel)],
    ["x00280004", "CS", Buffer.from(pixels.photometric, "latin1")],
    ["x00280100", "US", us(pixels.bitsAllocated)],
    ["x00280101", "US", us(pixels.bitsStored)],
    ["x00280102", "US", us(pixels.bitsStored - 1)],
    ["x00280103", "US", us(pixels.pixelRepresentation)],
    ["x7fe00010", pixels.bitsAllocated === 8 ? "OB" : "OW", Buffer.concat(pixels.frames)],
  ];
  if (colour) added.push(["x00280006", "US", us(0)]);
  for (const [tag, vr, value] of added) {
    const padded = padEven(value, vr);
    parts.push([tag, [buildElementHeader(tag, vr, padded.length), padded]]);
  }
  return parts.sort(([a], [b]) => a.localeCompare(b)).flatMap(([, chunks]) => chunks);
}
