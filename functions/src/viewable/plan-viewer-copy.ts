import { buildViewableCopy, type ViewableCopy } from "./build-viewable-copy";
import { buildDecodedCopy } from "./decoded-copy";
import { findPixelProblem, type PixelModule } from "./find-pixel-problem";
import { findViewerProblem } from "./find-viewer-problem";
import { DEFAULT_INFLATE_LIMITS, type InflateLimits } from "./read-source";

/** Why a file needs a viewer-ready copy, and how to make it. */
export interface ViewerCopyPlan {
  reason: string;
  build(): Promise<ViewableCopy>;
}

/**
 * Decides whether the browser viewer needs a copy of this file, and which:
 * pixels it cannot draw as encoded get a decoded copy (find-pixel-problem.ts),
 * which also mends any header problem; a header or encoding it cannot parse
 * (find-viewer-problem.ts) gets a re-encoded copy with the pixels untouched.
 * Undefined when the original is viewable as it is.
 */
export function planViewerCopy(bytes: Uint8Array, pixels: PixelModule, limits: InflateLimits = DEFAULT_INFLATE_LIMITS): ViewerCopyPlan | undefined {
  const pixelProblem = findPixelProblem(bytes, pixels);
  if (pixelProblem) return { reason: pixelProblem, build: () => buildDecodedCopy(bytes, pixels.TransferSyntaxUID, limits) };
  const headerProblem = findViewerProblem(bytes, pixels);
  if (headerProblem) return { reason: headerProblem, build: async () => buildViewableCopy(bytes, { transferSyntaxUID: pixels.TransferSyntaxUID, limits }) };
  return undefined;
}
