import charlsFactory from "@cornerstonejs/codec-charls/decodewasmjs";
import type { ImageInfo } from "../image-info";
import { readCodecSamples } from "./codec-samples";
import type { DecodedFrame } from "./types";
import { buildQuietOptions, loadOnce, runDecoder } from "./wasm-codec";

const loadCharls = loadOnce(() => charlsFactory(buildQuietOptions()));

/** JPEG-LS lossless and near-lossless (PS3.5 §A.4.3), decoded by CharLS (@cornerstonejs/codec-charls). */
export async function decodeJpegLs(frameBytes: Uint8Array, info: ImageInfo): Promise<DecodedFrame> {
  const { JpegLSDecoder } = await loadCharls();
  // Interleave mode 0 (none) leaves colour samples by plane.
  const { frameInfo, bytes, extra: planar } = runDecoder(new JpegLSDecoder(), frameBytes, (d) => d.getInterleaveMode() === 0);
  return readCodecSamples(bytes, frameInfo, info, planar, info.pixelRepresentation === 1);
}
