import openjphFactory from "@cornerstonejs/codec-openjph/wasmjs";
import type { ImageInfo } from "../image-info";
import { readCodecSamples } from "./codec-samples";
import type { DecodedFrame } from "./types";
import { buildQuietOptions, loadOnce, runDecoder } from "./wasm-codec";

const loadOpenJph = loadOnce(() => openjphFactory(buildQuietOptions()));

/**
 * High-Throughput JPEG 2000 (PS3.5 §A.4.7: HTJ2K lossless, RPCL lossless and
 * lossy), decoded by OpenJPH (@cornerstonejs/codec-openjph), the codec OHIF
 * draws them with, so that the study list shows what the viewer shows.
 */
export async function decodeHtj2k(frameBytes: Uint8Array, info: ImageInfo): Promise<DecodedFrame> {
  const { HTJ2KDecoder } = await loadOpenJph();
  const { frameInfo, bytes } = runDecoder(new HTJ2KDecoder(), frameBytes, () => undefined);
  return readCodecSamples(bytes, frameInfo, info, false, frameInfo.isSigned ?? info.pixelRepresentation === 1);
}
