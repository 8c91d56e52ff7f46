import jpeg from "jpeg-js";
import { decodeFrame } from "../../thumbnails/decoders";
import { buildPng } from "../../thumbnails/encode-png";
import { ThumbnailError } from "../../thumbnails/image-info";
import { resizeImage } from "../../thumbnails/resize";
import { buildDisplayImage, type RgbaImage } from "../../thumbnails/window";
import { DicomwebError } from "../dicomweb-error";
import { openPixelSource, readFrames } from "./frames";
import type { RenderedMediaType } from "./negotiate";

/** Largest side a viewport may ask for, so that a typo cannot allocate a huge image. */
const MAX_VIEWPORT_SIDE = 4096;
const DEFAULT_JPEG_QUALITY = 90;

/** The rendering parameters we honour (PS3.18 §8.3.5.1); the rest are ignored (docs/dicomweb.md). */
export interface RenderOptions {
  mediaType: RenderedMediaType;
  /** `viewport=vw,vh`: the image is scaled to fit inside, keeping its aspect ratio. */
  viewport?: { width: number; height: number };
  /** `quality=1..100`, for JPEG. */
  quality?: number;
  /** `window=center,width,linear`: replaces the file's VOI window. */
  window?: { center: number; width: number };
}

type Query = Record<string, unknown>;

/**
 * Reads `viewport`, `quality` and `window` from a rendered or thumbnail
 * request's query. `viewport`'s source region (its last four values) and
 * `annotation`, `charset`, `iccprofile` are ignored.
 * @throws DicomwebError 400 with the parameter's expected form.
 */
export function parseRenderQuery(query: Query, mediaType: RenderedMediaType): RenderOptions {
  const options: RenderOptions = { mediaType };
  const viewport = readNumbers(query, "viewport");
  if (viewport) {
    const [width, height] = viewport;
    if (!isSide(width) || !isSide(height)) throw new DicomwebError(400, `viewport is width,height in pixels, each from 1 to ${MAX_VIEWPORT_SIDE}, as in viewport=512,512.`);
    options.viewport = { width: width!, height: height! };
  }
  const quality = readNumbers(query, "quality");
  if (quality) {
    if (quality.length !== 1 || !Number.isInteger(quality[0]) || quality[0]! < 1 || quality[0]! > 100) throw new DicomwebError(400, "quality is a whole number from 1 to 100.");
    options.quality = quality[0]!;
  }
  const window = typeof query.window === "string" ? query.window.split(",") : undefined;
  if (window) {
    const [center, width, fn = "linear"] = window;
    if (!isFiniteText(center) || !isFiniteText(width) || Number(width) < 1 || fn.toLowerCase() !== "linear") {
      throw new DicomwebError(400, "window is center,width[,linear] with a width of at least 1, as in window=40,400,linear; only the linear function is supported.");
    }
    options.window = { center: Number(center), width: Number(width) };
  }
  return options;
}

function readNumbers(query: Query, name: string): number[] | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !value.split(",").every(isFiniteText)) throw new DicomwebError(400, `${name} must be numbers separated by commas.`);
  return value.split(",").map(Number);
}

function isFiniteText(text: string | undefined): boolean {
  return text !== undefined && text.trim() !== "" && Number.isFinite(Number(text));
}

function isSide(n: number | undefined): boolean {
  return n !== undefined && Number.isInteger(n) && n >= 1 && n <= MAX_VIEWPORT_SIDE;
}

/**
 * One frame (1-based) of a stored file as a JPEG or PNG: decoded per its
 * transfer syntax, rescaled and windowed like a thumbnail (thumbnails/window.ts),
 * at its own size unless a viewport is given.
 * @throws DicomwebError 400 when the instance has no image we can decode.
 */
export async function renderFrame(fileBytes: Uint8Array, frameNumber: number, options: RenderOptions): Promise<Uint8Array> {
  const source = openPixelSource(fileBytes);
  const [frameBytes] = readFrames(source, [frameNumber]);
  const info = options.window ? { ...source.info, windowCenter: options.window.center, windowWidth: options.window.width } : source.info;
  let image: RgbaImage;
  try {
    image = buildDisplayImage(await decodeFrame(source.transferSyntaxUID, frameBytes!, info), info);
  } catch (error) {
    if (error instanceof ThumbnailError) throw new DicomwebError(400, `This image cannot be rendered: ${error.message}.`);
    throw error;
  }
  return encodeImage(fitViewport(image, options.viewport), options);
}

/** Scales to fit inside the viewport (PS3.18 §8.3.5.1.3), keeping the aspect ratio. */
export function fitViewport(image: RgbaImage, viewport: RenderOptions["viewport"]): RgbaImage {
  if (!viewport) return image;
  const scale = Math.min(viewport.width / image.width, viewport.height / image.height);
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  return width === image.width && height === image.height ? image : resizeImage(image, width, height);
}

export function encodeImage(image: RgbaImage, options: RenderOptions): Uint8Array {
  if (options.mediaType === "image/png") return buildPng(image);
  const encoded = jpeg.encode({ data: image.data, width: image.width, height: image.height }, options.quality ?? DEFAULT_JPEG_QUALITY);
  return new Uint8Array(encoded.data.buffer, encoded.data.byteOffset, encoded.data.byteLength);
}
