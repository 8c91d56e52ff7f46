import openjpegFactory from "@cornerstonejs/codec-openjpeg/decodewasmjs";
import type { ImageInfo } from "../image-info";
import { readCodecSamples } from "./codec-samples";
import type { DecodedFrame } from "./types";
import { buildQuietOptions, loadOnce, runDecoder } from "./wasm-codec";

const loadOpenJpeg = loadOnce(() => openjpegFactory(buildQuietOptions()));

/**
 * JPEG 2000 (PS3.5 §A.4.4, lossless and lossy, and HTJ2K's J2K-compatible
 * streams), decoded by OpenJPEG (@cornerstonejs/codec-openjpeg). OpenJPEG
 * undoes the multi-component transform, so YBR_RCT/YBR_ICT come out as RGB.
 */
export async function decodeJpeg2000(frameBytes: Uint8Array, info: ImageInfo): Promise<DecodedFrame> {
  const { J2KDecoder } = await loadOpenJpeg();
  const { frameInfo, bytes } = runDecoder(new J2KDecoder(), frameBytes, () => undefined);
  const decoded = readCodecSamples(bytes, frameInfo, info, false, frameInfo.isSigned ?? info.pixelRepresentation === 1);
  const photometricInterpretation = /^YBR_(RCT|ICT)$/.test(info.photometricInterpretation)
    ? "RGB"
    : decoded.photometricInterpretation;
  return { ...decoded, photometricInterpretation };
}
