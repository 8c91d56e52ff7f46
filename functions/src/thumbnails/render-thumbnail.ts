import { decodeFrame } from "./decoders";
import { buildPng } from "./encode-png";
import { ThumbnailError, readModality } from "./image-info";
import { buildPlaceholderImage } from "./placeholder";
import { ThumbnailParseError, parseDicomWithPixels, readFirstFrame } from "./read-frame";
import { findThumbnailSize, resizeImage } from "./resize";
import { buildDisplayImage } from "./window";

export const DEFAULT_THUMBNAIL_SIZE = 128;
/** Largest thumbnail side accepted, so a caller's typo cannot allocate a huge image. */
const MAX_THUMBNAIL_SIZE = 1024;

export interface RenderThumbnailOptions {
  /** Longest side in pixels; 128 by default. */
  size?: number;
}

export type Thumbnail =
  | { png: Uint8Array; width: number; height: number; decoded: true }
  /** A placeholder tile naming the modality; `reason` says why the image was not shown. */
  | { png: Uint8Array; width: number; height: number; decoded: false; reason: string };

/**
 * Renders the first frame of a DICOM image as a small PNG: decoded per its
 * transfer syntax, rescaled and windowed (PS3.4 N.2 greyscale pipeline),
 * resized to `size` on its longest side. Never throws for bad input: an
 * image that cannot be read or decoded gives a placeholder with the reason.
 */
export async function renderThumbnail(bytes: Uint8Array, options: RenderThumbnailOptions = {}): Promise<Thumbnail> {
  const size = Math.min(MAX_THUMBNAIL_SIZE, Math.max(1, Math.round(options.size ?? DEFAULT_THUMBNAIL_SIZE)));
  let modality: string | undefined;
  try {
    const { dataSet, transferSyntaxUID } = parseDicomWithPixels(bytes);
    modality = readModality(dataSet);
    const frame = readFirstFrame(dataSet, transferSyntaxUID);
    const decoded = await decodeFrame(transferSyntaxUID, frame.frameBytes, frame.info);
    const image = buildDisplayImage(decoded, frame.info);
    const target = findThumbnailSize(image.width, image.height, size);
    return { png: buildPng(resizeImage(image, target.width, target.height)), ...target, decoded: true };
  } catch (error) {
    if (error instanceof ThumbnailParseError) modality = readModality(error.partialDataSet);
    return renderPlaceholder(size, modality ?? "OT", describeFailure(error));
  }
}

/** The placeholder tile alone, for callers that know there is nothing to decode (a report, a waveform). */
export function renderPlaceholder(size: number, modality: string, reason: string): Thumbnail {
  return { png: buildPng(buildPlaceholderImage(size, modality)), width: size, height: size, decoded: false, reason };
}

function describeFailure(error: unknown): string {
  if (error instanceof ThumbnailError) return error.message;
  // Anything else is a bug or a codec's own failure; the thumbnail is cosmetic, ingest must go on.
  return `the image could not be rendered: ${error instanceof Error ? error.message : String(error)}`;
}
