import { libjpegAssumesYcbcr, readJpegColourMarkers } from "./jpeg-colour-model";
/** What ingest already read of the Image Pixel module (read-instance.ts). */
export interface PixelModule {
  TransferSyntaxUID: string;
  PhotometricInterpretation?: string;
  BitsAllocated?: number;
  SamplesPerPixel?: number;
  PixelRepresentation?: 0 | 1;
  Rows?: number;
  Columns?: number;
  NumberOfFrames?: number;
}

const RLE_LOSSLESS = "1.2.840.10008.1.2.5";
const NATIVE = new Set(["1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.2"]);
const JPEG_8BIT = new Set(["1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51"]);
/** JPEG 2000 and HTJ2K: their codestream carries its own signedness (SIZ, ISO 15444-1 A.5.1). */
const JPEG_2000_FAMILY = new Set(["1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203"]);

/**
 * Why the viewer cannot draw these pixels as they are encoded, or undefined.
 * Each case was seen to fail in OHIF 3.13 (black viewport or wrong grey levels)
 * while dcmtk and GDCM draw it; the cure is a decoded copy (decoded-copy.ts):
 * - PALETTE COLOR: OHIF's dicomjson metadata has no palette tables;
 * - uncompressed YBR_FULL_422: the loader draws nothing;
 * - uncompressed 8-bit pixel data of odd length (a 3×3 RGB image): the loader
 *   takes the padding byte for a sample and refuses the image;
 * - RLE with 32-bit samples (dose grids) or 16-bit colour: the browser's RLE decoder handles neither;
 * - an RGB JPEG with no JFIF or Adobe marker and unusual component ids: libjpeg
 *   assumes YCbCr and converts it, so a white page turns magenta;
 * - JPEG 2000 whose codestream is unsigned while Pixel Representation says signed:
 *   the codec's unsigned samples are drawn without the sign, so air turns white.
 */
export function findPixelProblem(bytes: Uint8Array, pixels: PixelModule): string | undefined {
  if (pixels.Rows === undefined) return undefined;
  const transferSyntaxUID = pixels.TransferSyntaxUID;
  const photometric = pixels.PhotometricInterpretation?.trim().toUpperCase();
  const bitsAllocated = pixels.BitsAllocated ?? 0;
  const samplesPerPixel = pixels.SamplesPerPixel ?? 1;
  if (photometric === "PALETTE COLOR") return "palette colour, whose tables the viewer's metadata does not carry: the viewer gets it as RGB";
  if (photometric === "YBR_FULL_422" && NATIVE.has(transferSyntaxUID)) return "uncompressed YBR_FULL_422, which the browser's loader does not draw: the viewer gets it as RGB";
  if (transferSyntaxUID === RLE_LOSSLESS && (bitsAllocated > 16 || (samplesPerPixel > 1 && bitsAllocated > 8))) {
    return `RLE with ${bitsAllocated}-bit ${samplesPerPixel > 1 ? "colour " : ""}samples, which the browser's RLE decoder does not handle: the viewer gets it uncompressed`;
  }
  const samples = (pixels.Rows ?? 0) * (pixels.Columns ?? 0) * samplesPerPixel * (pixels.NumberOfFrames ?? 1);
  if (NATIVE.has(transferSyntaxUID) && bitsAllocated === 8 && samples % 2 === 1) {
    return "8-bit pixel data of odd length, whose padding byte the browser's loader reads as a sample: the viewer gets it in 16 bits";
  }
  if (JPEG_8BIT.has(transferSyntaxUID) && photometric === "RGB" && samplesPerPixel === 3) {
    const markers = readJpegColourMarkers(bytes);
    // The header says RGB and nothing in the stream says otherwise (no JFIF, full-resolution chroma),
    // yet libjpeg's default would convert it from YCbCr: the picture would turn magenta.
    if (markers && !markers.jfif && !markers.subsampled && libjpegAssumesYcbcr(markers)) {
      return "an RGB JPEG without the markers that say so, which the browser's decoder would convert from YCbCr: the viewer gets it uncompressed";
    }
  }
  if (JPEG_2000_FAMILY.has(transferSyntaxUID) && pixels.PixelRepresentation === 1 && readCodestreamSigned(bytes) === false) {
    return "a JPEG 2000 codestream stored unsigned while Pixel Representation says signed: the viewer gets it uncompressed, sign-extended";
  }
  return undefined;
}

/**
 * The first component's signedness in the first codestream's SIZ marker
 * segment (right after SOC: FF4F FF51), or undefined when there is none.
 */
function readCodestreamSigned(bytes: Uint8Array): boolean | undefined {
  const start = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(SOC_SIZ);
  // SIZ: Lsiz(2) Rsiz(2) Xsiz..YTOsiz(8×4) Csiz(2), then Ssiz of the first component (bit 7: signed).
  const ssiz = start < 0 ? undefined : bytes[start + 2 + 40];
  return ssiz === undefined ? undefined : (ssiz & 0x80) !== 0;
}

const SOC_SIZ = Buffer.from([0xff, 0x4f, 0xff, 0x51]);
