import { Context, NativeCodecs } from "dcmjs-codecs";
import { ThumbnailError, type ImageInfo } from "../image-info";
import { readCodecSamples } from "./codec-samples";
import { parseJpegFrameHeader } from "./jpeg-frame-header";
import type { DecodedFrame } from "./types";
import { loadOnce } from "./wasm-codec";

/*
 * Why dcmjs-codecs: it is a maintained WebAssembly build of the IJG libjpeg
 * (the 8, 12 and 16-bit libraries DCMTK uses) with a per-frame API, made for
 * DICOM in Node. The alternatives were worse fits: the pdf.js-derived decoder
 * the viewer uses ships only inside @cornerstonejs/dicom-image-loader, whose
 * package exports do not expose it and which pulls in @cornerstonejs/core as a
 * peer; no @cornerstonejs/codec-libjpeg-turbo-12bit is published; jpeg-js and
 * pdf.js clamp to 8 bits. The package stays external in the bundle and finds
 * its .wasm next to its .js.
 */
const loadCodecs = loadOnce(async () => {
  await NativeCodecs.initializeAsync({ logCodecsInfo: false, logCodecsTrace: false });
  return NativeCodecs;
});

/**
 * JPEG extended with 12-bit samples (PS3.5 §A.4.1, process 4), decoded by
 * IJG libjpeg from dcmjs-codecs. Greyscale only: modalities do not write
 * 12-bit colour JPEG, and its colour conversion could not be tested.
 */
export async function decodeJpegExtended12Bit(frameBytes: Uint8Array, info: ImageInfo): Promise<DecodedFrame> {
  const header = parseJpegFrameHeader(frameBytes);
  if (!header || header.precision !== 12) throw new ThumbnailError("the frame is not a 12-bit JPEG");
  if (header.componentCount !== 1 || info.samplesPerPixel !== 1) {
    throw new ThumbnailError("12-bit colour JPEG (extended) decoding is not available");
  }
  const codecs = await loadCodecs();
  // The codec echoes the dimensions it is given, so they come from the codestream;
  // readCodecSamples then checks them against the DICOM header.
  const encoded = new Context({
    width: header.columns,
    height: header.rows,
    bitsAllocated: 16,
    bitsStored: 12,
    samplesPerPixel: 1,
    pixelRepresentation: 0,
    planarConfiguration: 0,
    photometricInterpretation: "MONOCHROME2",
    encodedBuffer: frameBytes,
  });
  const bytes = codecs.decodeJpeg(encoded).getDecodedBuffer();
  if (!bytes || bytes.length < header.rows * header.columns * 2) {
    throw new ThumbnailError("the 12-bit JPEG decoder returned too few samples");
  }
  const frameInfo = { width: header.columns, height: header.rows, bitsPerSample: 12, componentCount: 1 };
  // Signed data is stored as 12-bit two's complement; readCodecSamples sign-extends it.
  return readCodecSamples(bytes, frameInfo, info, false, info.pixelRepresentation === 1);
}
