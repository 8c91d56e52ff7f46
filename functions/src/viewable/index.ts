/**
 * Viewer-ready copies: for files the browser viewer cannot load as they are
 * (deflated, big endian, small header defects), a re-encoded copy with the
 * same data set. The original stays byte-identical for download and export.
 * See docs/viewer.md, "Viewer-ready copies".
 */
export { buildViewableCopy, IMPLEMENTATION_CLASS_UID, type BuildViewableCopyOptions, type ViewableCopy } from "./build-viewable-copy";
export { findViewerProblem, type ViewerProblemInput } from "./find-viewer-problem";
export { DEFAULT_INFLATE_LIMITS, ViewableCopyError, type InflateLimits } from "./read-source";
export { planViewerCopy, type ViewerCopyPlan } from "./plan-viewer-copy";
export { findPixelProblem, type PixelModule } from "./find-pixel-problem";
