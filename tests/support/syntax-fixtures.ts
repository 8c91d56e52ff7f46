/**
 * One generated image per transfer syntax and photometric interpretation the
 * viewer must draw, for the suite that runs without ../shared. Each carries
 * the picture it should show (`expected`), computed from its source samples:
 * grey levels through the file's window (inverted for MONOCHROME1), or RGB.
 * The picture is asymmetric (a ramp, a bright square that moves per frame),
 * so a flipped, shifted, byte-swapped or colour-swapped rendering scores low.
 */
import charlsFactory from "@cornerstonejs/codec-charls/wasmjs";
import openjpegFactory from "@cornerstonejs/codec-openjpeg/wasmjs";
// @ts-expect-error no types are published for the HTJ2K codec
import openjphFactory from "@cornerstonejs/codec-openjph";
import jpeg from "jpeg-js";
import { deflateRawSync } from "node:zlib";
import { buildCtElements, buildDataSetBytes, buildElementBytes, buildValueBytes, type DicomElementSpec } from "../../functions/src/ingest/testing/build-dicom";
import { uniqueUID } from "../../functions/src/ingest/testing/build-study";
import { buildImageDicom } from "../../functions/src/thumbnails/testing/build-image-dicom";
import { encodeJpegLossless } from "../../functions/src/thumbnails/testing/encode-jpeg-lossless";
import { encodeRleFrame } from "../../functions/src/thumbnails/testing/encode-rle";
import { buildGradient12Bit, JPEG_12BIT_SPEC, readJpeg12BitFixture } from "../../functions/src/thumbnails/testing/jpeg-extended-12bit-fixture";
import type { Raster } from "./image-compare";

export const TS = {
  implicit: "1.2.840.10008.1.2",
  explicit: "1.2.840.10008.1.2.1",
  deflated: "1.2.840.10008.1.2.1.99",
  bigEndian: "1.2.840.10008.1.2.2",
  rle: "1.2.840.10008.1.2.5",
  jpegBaseline: "1.2.840.10008.1.2.4.50",
  jpegExtended: "1.2.840.10008.1.2.4.51",
  jpegLossless: "1.2.840.10008.1.2.4.57",
  jpegLosslessSV1: "1.2.840.10008.1.2.4.70",
  jpegLs: "1.2.840.10008.1.2.4.80",
  jpegLsNear: "1.2.840.10008.1.2.4.81",
  j2kLossless: "1.2.840.10008.1.2.4.90",
  j2k: "1.2.840.10008.1.2.4.91",
  htj2kLossless: "1.2.840.10008.1.2.4.201",
} as const;

export interface SyntaxFixture {
  name: string;
  transferSyntaxUID: string;
  photometric: string;
  frames: number;
  bytes: Uint8Array;
  sopInstanceUID: string;
  studyInstanceUID: string;
  /** The picture frame `frame` (1-based) should show. */
  expected(frame: number): Raster;
}

const W = 96;
const H = 80;
const WINDOW: [number, number] = [2100, 4200];

/** 16-bit grey samples: a horizontal ramp, a darker band, and a bright square that moves right each frame. */
function greySamples(frame: number): Uint16Array {
  return Uint16Array.from({ length: W * H }, (_, i) => {
    const [x, y] = [i % W, Math.floor(i / W)];
    const square = x >= 8 + frame * 20 && x < 28 + frame * 20 && y >= 10 && y < 30;
    return square ? 4000 : 300 + x * 30 + (y > 55 ? -250 : y * 4);
  });
}

/** 8-bit RGB samples, interleaved: red ramps across, green down, a blue square. */
function rgbSamples(frame: number): Uint8Array {
  const out = new Uint8Array(W * H * 3);
  for (let i = 0; i < W * H; i += 1) {
    const [x, y] = [i % W, Math.floor(i / W)];
    const square = x >= 8 + frame * 20 && x < 28 + frame * 20 && y >= 10 && y < 30;
    out.set([Math.round(x * 2.6), Math.round(y * 3), square ? 230 : 40], i * 3);
  }
  return out;
}

function windowed(samples: ArrayLike<number>, invert: boolean, window = WINDOW): Raster {
  const [center, width] = window;
  const data = Float64Array.from(samples, (v) => {
    const level = Math.min(255, Math.max(0, ((v - (center - 0.5)) / (width - 1) + 0.5) * 255));
    return invert ? 255 - level : level;
  });
  return { width: W, height: H, channels: 1, data };
}

const rgbRaster = (frame: number): Raster => ({ width: W, height: H, channels: 3, data: rgbSamples(frame) });

function littleEndianBytes(samples: Uint16Array): Uint8Array {
  return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
}

function imageElements(photometric: string, samplesPerPixel: 1 | 3, bits: 8 | 16, frames: number, uids: Uids, bitsStored: number = bits): DicomElementSpec[] {
  const elements: DicomElementSpec[] = [
    { tag: "00080016", vr: "UI", value: "1.2.840.10008.5.1.4.1.1.7" },
    { tag: "00080060", vr: "CS", value: "OT" },
    { tag: "0020000D", vr: "UI", value: uids.study },
    { tag: "0020000E", vr: "UI", value: uids.series },
    { tag: "00080018", vr: "UI", value: uids.sop },
    { tag: "00100010", vr: "PN", value: "Syntax^Fixture" },
    { tag: "00280002", vr: "US", value: samplesPerPixel },
    { tag: "00280004", vr: "CS", value: photometric },
    { tag: "00280010", vr: "US", value: H },
    { tag: "00280011", vr: "US", value: W },
    { tag: "00280100", vr: "US", value: bits },
    { tag: "00280101", vr: "US", value: bitsStored },
    { tag: "00280102", vr: "US", value: bitsStored - 1 },
    { tag: "00280103", vr: "US", value: 0 },
  ];
  if (frames > 1) elements.push({ tag: "00280008", vr: "IS", value: String(frames) });
  if (samplesPerPixel === 3) elements.push({ tag: "00280006", vr: "US", value: 0 });
  const ct = buildCtElements(elements);
  // A colour or palette image has no modality or VOI transform (PS3.3 C.11.1): drop the CT's, set ours on greyscale.
  const withoutTransforms = ct.filter((e) => !["00281050", "00281051", "00281052", "00281053"].includes(e.tag));
  if (!photometric.startsWith("MONOCHROME")) return withoutTransforms;
  return [
    ...withoutTransforms,
    { tag: "00281050", vr: "DS", value: String(WINDOW[0]) },
    { tag: "00281051", vr: "DS", value: String(WINDOW[1]) },
    { tag: "00281052", vr: "DS", value: "0" },
    { tag: "00281053", vr: "DS", value: "1" },
  ];
}

interface Uids {
  study: string;
  series: string;
  sop: string;
}

function newUids(): Uids {
  return { study: uniqueUID(), series: uniqueUID(), sop: uniqueUID() };
}

const SWAP_SIZE: Record<string, number> = { US: 2, SS: 2, OW: 2, UL: 4, SL: 4, FL: 4, OF: 4, FD: 8, OD: 8 };
const LONG_VRS = new Set(["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"]);

/** One element in explicit VR big endian (retired, but still in archives): numbers byte-swapped by their size. */
function buildBigEndianElement({ tag, vr, value }: DicomElementSpec): Uint8Array {
  const bytes = Uint8Array.from(buildValueBytes(vr, value));
  const size = SWAP_SIZE[vr];
  if (size) for (let i = 0; i + size <= bytes.length; i += size) bytes.subarray(i, i + size).reverse();
  const long = LONG_VRS.has(vr);
  const header = new Uint8Array(long ? 12 : 8);
  const view = new DataView(header.buffer);
  view.setUint16(0, parseInt(tag.slice(0, 4), 16));
  view.setUint16(2, parseInt(tag.slice(4), 16));
  header[4] = vr.charCodeAt(0);
  header[5] = vr.charCodeAt(1);
  if (long) view.setUint32(8, bytes.length);
  else view.setUint16(6, bytes.length);
  return Buffer.concat([header, bytes]);
}

/** A Part 10 file with native pixel data in any of the four native transfer syntaxes. */
function buildNative(elements: DicomElementSpec[], transferSyntaxUID: string, pixelData: DicomElementSpec): Uint8Array {
  const all = [...elements, pixelData].sort((a, b) => a.tag.localeCompare(b.tag));
  let dataSet: Uint8Array;
  if (transferSyntaxUID === TS.bigEndian) dataSet = Buffer.concat(all.map(buildBigEndianElement));
  else dataSet = buildDataSetBytes(all, transferSyntaxUID !== TS.implicit);
  if (transferSyntaxUID === TS.deflated) dataSet = deflateRawSync(dataSet);
  const sop = String(elements.find((e) => e.tag === "00080018")!.value);
  const meta = buildDataSetBytes(
    [
      { tag: "00020001", vr: "OB", value: new Uint8Array([0, 1]) },
      { tag: "00020002", vr: "UI", value: "1.2.840.10008.5.1.4.1.1.7" },
      { tag: "00020003", vr: "UI", value: sop },
      { tag: "00020010", vr: "UI", value: transferSyntaxUID },
    ],
    true,
  );
  const metaLength = buildElementBytes({ tag: "00020000", vr: "UL", value: meta.length }, true);
  return Buffer.concat([new Uint8Array(128), Buffer.from("DICM", "latin1"), metaLength, meta, dataSet]);
}

function fixture(name: string, transferSyntaxUID: string, photometric: string, frames: number, uids: Uids, bytes: Uint8Array, expected: (frame: number) => Raster): SyntaxFixture {
  return { name, transferSyntaxUID, photometric, frames, bytes, sopInstanceUID: uids.sop, studyInstanceUID: uids.study, expected };
}

function nativeGrey(name: string, transferSyntaxUID: string, photometric = "MONOCHROME2", frames = 1): SyntaxFixture {
  const uids = newUids();
  const samples = Array.from({ length: frames }, (_, f) => littleEndianBytes(greySamples(f)));
  const bytes = buildNative(imageElements(photometric, 1, 16, frames, uids), transferSyntaxUID, { tag: "7FE00010", vr: "OW", value: Buffer.concat(samples) });
  return fixture(name, transferSyntaxUID, photometric, frames, uids, bytes, (frame) => windowed(greySamples(frame - 1), photometric === "MONOCHROME1"));
}

function encapsulatedGrey(name: string, transferSyntaxUID: string, encode: (samples: Uint16Array) => Uint8Array, frames = 1): SyntaxFixture {
  const uids = newUids();
  const encoded = Array.from({ length: frames }, (_, f) => encode(greySamples(f)));
  const bytes = buildImageDicom({ rows: H, columns: W, bitsAllocated: 16 }, transferSyntaxUID, { frames: encoded }, imageElements("MONOCHROME2", 1, 16, frames, uids));
  return fixture(name, transferSyntaxUID, "MONOCHROME2", frames, uids, bytes, (frame) => windowed(greySamples(frame - 1), false));
}

/** RGB to YCbCr, full range (PS3.3 C.7.6.3.1.2). */
function toYbrFull(r: number, g: number, b: number): [number, number, number] {
  const clamp = (v: number) => Math.min(255, Math.max(0, Math.round(v)));
  return [clamp(0.299 * r + 0.587 * g + 0.114 * b), clamp(-0.1687 * r - 0.3313 * g + 0.5 * b + 128), clamp(0.5 * r - 0.4187 * g - 0.0813 * b + 128)];
}

function nativeColour(name: string, photometric: "RGB" | "YBR_FULL" | "YBR_FULL_422", frames = 1): SyntaxFixture {
  const uids = newUids();
  const frameBytes = (f: number) => {
    const rgb = rgbSamples(f);
    if (photometric === "RGB") return rgb;
    const ybr = new Uint8Array(rgb.length);
    for (let i = 0; i < W * H; i += 1) ybr.set(toYbrFull(rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!), i * 3);
    if (photometric === "YBR_FULL") return ybr;
    // 4:2:2: each pair of pixels is Y1 Y2 Cb Cr, chroma averaged over the pair (PS3.3 C.7.6.3.1.2).
    const out = new Uint8Array((W * H * 2));
    for (let i = 0; i < W * H; i += 2) {
      const cb = Math.round((ybr[i * 3 + 1]! + ybr[i * 3 + 4]!) / 2);
      const cr = Math.round((ybr[i * 3 + 2]! + ybr[i * 3 + 5]!) / 2);
      out.set([ybr[i * 3]!, ybr[i * 3 + 3]!, cb, cr], i * 2);
    }
    return out;
  };
  const pixels = Buffer.concat(Array.from({ length: frames }, (_, f) => frameBytes(f)));
  const bytes = buildNative(imageElements(photometric, 3, 8, frames, uids), TS.explicit, { tag: "7FE00010", vr: "OB", value: pixels });
  return fixture(name, TS.explicit, photometric, frames, uids, bytes, (frame) => rgbRaster(frame - 1));
}

/** 8-bit indices into 256-entry red, green and blue tables (16-bit entries), as ultrasound cine often is. */
function paletteColour(name: string, transferSyntaxUID: string, frames: number): SyntaxFixture {
  const uids = newUids();
  const lut = (f: (i: number) => number) => new Uint8Array(Uint16Array.from({ length: 256 }, (_, i) => f(i) * 257).buffer);
  const [red, green, blue] = [(i: number) => i, (i: number) => 255 - i, (i: number) => (i * 7) % 256];
  const index = (f: number) => Uint8Array.from(greySamples(f), (v) => Math.round(v / 16) % 256);
  const elements = [
    ...imageElements("PALETTE COLOR", 1, 8, frames, uids),
    { tag: "00281101", vr: "US", value: [256, 0, 16] },
    { tag: "00281102", vr: "US", value: [256, 0, 16] },
    { tag: "00281103", vr: "US", value: [256, 0, 16] },
    { tag: "00281201", vr: "OW", value: lut(red) },
    { tag: "00281202", vr: "OW", value: lut(green) },
    { tag: "00281203", vr: "OW", value: lut(blue) },
  ];
  const frameIndices = Array.from({ length: frames }, (_, f) => index(f));
  const bytes =
    transferSyntaxUID === TS.rle
      ? buildImageDicom({ rows: H, columns: W, bitsAllocated: 8 }, TS.rle, { frames: frameIndices.map((f) => encodeRleFrame(f, 1, 1)) }, elements)
      : buildNative(elements, transferSyntaxUID, { tag: "7FE00010", vr: "OB", value: Buffer.concat(frameIndices) });
  const expected = (frame: number): Raster => {
    const indices = frameIndices[frame - 1]!;
    const data = new Uint8Array(W * H * 3);
    indices.forEach((i, p) => data.set([red(i), green(i), blue(i)], p * 3));
    return { width: W, height: H, channels: 3, data };
  };
  return fixture(name, transferSyntaxUID, "PALETTE COLOR", frames, uids, bytes, expected);
}

type Encoder = { getDecodedBuffer(info: object): Uint8Array; encode(): void; getEncodedBuffer(): Uint8Array; delete(): void };

function runEncoder(encoder: Encoder, samples: Uint16Array, configure: (encoder: any) => void = () => undefined): Uint8Array {
  try {
    const input = encoder.getDecodedBuffer({ width: W, height: H, bitsPerSample: 16, componentCount: 1, isSigned: false, isUsingColorTransform: false });
    new Uint16Array(input.buffer, input.byteOffset, samples.length).set(samples);
    configure(encoder);
    encoder.encode();
    return new Uint8Array(encoder.getEncodedBuffer());
  } finally {
    encoder.delete();
  }
}

/** Every fixture: each transfer syntax (greyscale), each photometric interpretation, single- and multi-frame. */
export async function buildSyntaxFixtures(): Promise<SyntaxFixture[]> {
  // A fresh options object per module: Emscripten turns it into the module itself.
  const quiet = () => ({ print: () => undefined, printErr: () => undefined });
  const [charls, openjpeg, openjph] = await Promise.all([charlsFactory(quiet()), openjpegFactory(quiet()), openjphFactory(quiet())]);
  const jpeg12 = (() => {
    const uids = newUids();
    const { rows, columns } = JPEG_12BIT_SPEC;
    const source = buildGradient12Bit();
    const elements = imageElements("MONOCHROME2", 1, 16, 1, uids, 12)
      .filter((e) => !["00280010", "00280011", "00281050", "00281051"].includes(e.tag))
      .concat([{ tag: "00280010", vr: "US", value: rows }, { tag: "00280011", vr: "US", value: columns }]);
    const bytes = buildImageDicom({ rows, columns, bitsAllocated: 16, bitsStored: 12 }, TS.jpegExtended, { frames: [readJpeg12BitFixture()] }, elements);
    let [min, max] = [Infinity, -Infinity];
    for (const v of source) [min, max] = [Math.min(min, v), Math.max(max, v)];
    const expected = (): Raster => ({ width: columns, height: rows, channels: 1, data: Float64Array.from(source, (v) => ((v - min) / (max - min)) * 255) });
    return fixture("JPEG extended 12-bit", TS.jpegExtended, "MONOCHROME2", 1, uids, bytes, expected);
  })();
  const jpegBaseline = (() => {
    const uids = newUids();
    const rgb = rgbSamples(0);
    const rgba = new Uint8Array(W * H * 4);
    for (let i = 0; i < W * H; i += 1) rgba.set([rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!, 255], i * 4);
    // jpeg-js writes JFIF YCbCr without subsampling: YBR_FULL in DICOM terms (PS3.5 §8.2.1).
    const encoded = new Uint8Array(jpeg.encode({ data: rgba, width: W, height: H }, 95).data);
    const bytes = buildImageDicom({ rows: H, columns: W, bitsAllocated: 8, samplesPerPixel: 3, photometricInterpretation: "YBR_FULL" }, TS.jpegBaseline, { frames: [encoded] }, imageElements("YBR_FULL", 3, 8, 1, uids));
    return fixture("JPEG baseline 8-bit colour", TS.jpegBaseline, "YBR_FULL", 1, uids, bytes, () => rgbRaster(0));
  })();
  return [
    nativeGrey("implicit VR little endian", TS.implicit),
    nativeGrey("explicit VR little endian", TS.explicit),
    nativeGrey("explicit VR big endian", TS.bigEndian),
    nativeGrey("deflated explicit VR little endian", TS.deflated),
    encapsulatedGrey("RLE lossless", TS.rle, (s) => encodeRleFrame(s, 2, 1)),
    jpegBaseline,
    jpeg12,
    encapsulatedGrey("JPEG lossless, process 14", TS.jpegLossless, (s) => encodeJpegLossless(s, W, H, 16)),
    encapsulatedGrey("JPEG lossless, process 14 SV1", TS.jpegLosslessSV1, (s) => encodeJpegLossless(s, W, H, 16)),
    encapsulatedGrey("JPEG-LS lossless", TS.jpegLs, (s) => runEncoder(new charls.JpegLSEncoder(), s)),
    encapsulatedGrey("JPEG-LS near-lossless", TS.jpegLsNear, (s) => runEncoder(new charls.JpegLSEncoder(), s, (e) => e.setNearLossless(3))),
    encapsulatedGrey("JPEG 2000 lossless", TS.j2kLossless, (s) => runEncoder(new openjpeg.J2KEncoder(), s)),
    encapsulatedGrey("JPEG 2000 lossy", TS.j2k, (s) => runEncoder(new openjpeg.J2KEncoder(), s, (e) => e.setQuality(false, 0.02))),
    encapsulatedGrey("HTJ2K lossless", TS.htj2kLossless, (s) => runEncoder(new openjph.HTJ2KEncoder(), s)),
    nativeGrey("MONOCHROME1", TS.explicit, "MONOCHROME1"),
    nativeColour("RGB", "RGB"),
    nativeColour("YBR_FULL", "YBR_FULL"),
    nativeColour("YBR_FULL_422", "YBR_FULL_422"),
    paletteColour("PALETTE COLOR", TS.explicit, 1),
    paletteColour("PALETTE COLOR multi-frame RLE (cine)", TS.rle, 3),
    nativeGrey("multi-frame explicit VR little endian", TS.explicit, "MONOCHROME2", 3),
    encapsulatedGrey("multi-frame JPEG-LS", TS.jpegLs, (s) => runEncoder(new charls.JpegLSEncoder(), s), 3),
  ];
}
