import { ThumbnailError, type ImageInfo } from "../image-info";
import { decodeHtj2k } from "./htj2k";
import { decodeJpeg2000 } from "./jpeg-2000";
import { decodeJpegBaseline } from "./jpeg-baseline";
import { decodeJpegExtended12Bit } from "./jpeg-extended-12bit";
import { parseJpegFrameHeader } from "./jpeg-frame-header";
import { decodeJpegLossless } from "./jpeg-lossless";
import { decodeJpegLs } from "./jpeg-ls";
import { decodeNative } from "./native";
import { decodeRle } from "./rle";
import type { DecodedFrame, FrameDecoder } from "./types";

export type { DecodedFrame, PixelArray } from "./types";

/** Transfer syntaxes (PS3.6 Annex A) whose pixel data is not encapsulated. */
export const NATIVE_TRANSFER_SYNTAXES = new Set([
  "1.2.840.10008.1.2", // implicit VR little endian
  "1.2.840.10008.1.2.1", // explicit VR little endian
  "1.2.840.10008.1.2.1.99", // deflated explicit VR little endian (the data set is inflated by the parser)
  "1.2.840.10008.1.2.2", // explicit VR big endian (retired)
]);

const DECODERS: Record<string, FrameDecoder> = {
  "1.2.840.10008.1.2": decodeNative,
  "1.2.840.10008.1.2.1": decodeNative,
  "1.2.840.10008.1.2.1.99": decodeNative,
  "1.2.840.10008.1.2.2": (bytes, info) => decodeNative(bytes, info, true),
  "1.2.840.10008.1.2.5": decodeRle,
  "1.2.840.10008.1.2.4.50": decodeJpegBaseline, // baseline, process 1
  "1.2.840.10008.1.2.4.51": decodeJpegExtended, // extended, processes 2 (8-bit) & 4 (12-bit)
  "1.2.840.10008.1.2.4.57": decodeJpegLossless, // lossless, process 14
  "1.2.840.10008.1.2.4.70": decodeJpegLossless, // lossless, process 14 SV1
  "1.2.840.10008.1.2.4.80": decodeJpegLs, // JPEG-LS lossless
  "1.2.840.10008.1.2.4.81": decodeJpegLs, // JPEG-LS near-lossless
  "1.2.840.10008.1.2.4.90": decodeJpeg2000, // JPEG 2000 lossless only
  "1.2.840.10008.1.2.4.91": decodeJpeg2000, // JPEG 2000
  "1.2.840.10008.1.2.4.201": decodeHtj2k, // HTJ2K lossless
  "1.2.840.10008.1.2.4.202": decodeHtj2k, // HTJ2K lossless RPCL
  "1.2.840.10008.1.2.4.203": decodeHtj2k, // HTJ2K
};

/** JPEG extended: which decoder depends on each frame's SOF precision, since jpeg-js stops at 8 bits. */
function decodeJpegExtended(frameBytes: Uint8Array, info: ImageInfo): DecodedFrame | Promise<DecodedFrame> {
  const precision = parseJpegFrameHeader(frameBytes)?.precision;
  return precision === 12 ? decodeJpegExtended12Bit(frameBytes, info) : decodeJpegBaseline(frameBytes, info);
}

/**
 * Decodes one frame of pixel data, as the transfer syntax encodes it.
 * @throws ThumbnailError for a syntax no decoder handles (MPEG, HTJ2K...) or a frame that does not decode.
 */
export async function decodeFrame(transferSyntaxUID: string, frameBytes: Uint8Array, info: ImageInfo): Promise<DecodedFrame> {
  const decoder = DECODERS[transferSyntaxUID];
  if (!decoder) throw new ThumbnailError(`transfer syntax ${transferSyntaxUID} cannot be decoded`);
  try {
    return await decoder(frameBytes, info);
  } catch (error) {
    if (error instanceof ThumbnailError) throw error;
    // Codecs throw strings, numbers (Emscripten) or Errors; the reason must still read well.
    const cause = error instanceof Error ? error.message : String(error);
    throw new ThumbnailError(`the ${transferSyntaxUID} frame does not decode: ${cause}`);
  }
}
