import type { DecodedFrame } from "./decoders";
import type { ImageInfo } from "./image-info";

/** An 8-bit RGBA image, the form resizing and PNG encoding take. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
  grey: boolean;
}

/**
 * Turns decoded samples into display values: for greyscale the Modality LUT
 * (rescale), then the VOI window (PS3.3 C.11.2.1.2, linear function) from the
 * first WindowCenter/WindowWidth or else the image's range, then MONOCHROME1
 * inversion; colour is scaled to 8 bits and YBR_FULL converted to RGB.
 */
export function buildDisplayImage(frame: DecodedFrame, info: ImageInfo): RgbaImage {
  const { columns: width, rows: height } = info;
  const data = new Uint8Array(width * height * 4);
  if (info.samplesPerPixel === 3) {
    fillColor(frame, width * height, data);
    return { width, height, data, grey: false };
  }
  const grey = applyGreyscaleLuts(frame, info, width * height);
  for (let i = 0; i < grey.length; i++) data.set([grey[i]!, grey[i]!, grey[i]!, 255], i * 4);
  return { width, height, data, grey: true };
}

function applyGreyscaleLuts(frame: DecodedFrame, info: ImageInfo, pixelCount: number): Uint8Array {
  const slope = info.rescaleSlope || 1;
  const intercept = info.rescaleIntercept;
  const values = new Float64Array(pixelCount);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < pixelCount; i++) {
    const v = frame.pixels[i]! * slope + intercept;
    values[i] = v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const hasWindow = info.windowCenter !== undefined && info.windowWidth !== undefined && info.windowWidth >= 1;
  const center = hasWindow ? info.windowCenter! : (min + max) / 2;
  const width = hasWindow ? info.windowWidth! : Math.max(max - min, 1) + 1;
  const invert = frame.photometricInterpretation === "MONOCHROME1";
  const out = new Uint8Array(pixelCount);
  const low = center - 0.5 - (width - 1) / 2;
  for (let i = 0; i < pixelCount; i++) {
    const x = values[i]!;
    const y = width <= 1 ? (x <= center - 0.5 ? 0 : 255) : Math.round(clamp(((x - low) / (width - 1)) * 255));
    out[i] = invert ? 255 - y : y;
  }
  return out;
}

function fillColor(frame: DecodedFrame, pixelCount: number, data: Uint8Array): void {
  const { pixels } = frame;
  let max = 0;
  for (let i = 0; i < pixelCount * 3; i++) if (pixels[i]! > max) max = pixels[i]!;
  // 16-bit colour (rare, e.g. RLE) keeps its top 8 significant bits.
  const shift = max > 255 ? Math.ceil(Math.log2(max + 1)) - 8 : 0;
  const ybr = frame.photometricInterpretation.startsWith("YBR_FULL");
  for (let i = 0; i < pixelCount; i++) {
    const a = pixels[i * 3]! >>> shift;
    const b = pixels[i * 3 + 1]! >>> shift;
    const c = pixels[i * 3 + 2]! >>> shift;
    const rgb = ybr ? ybrToRgb(a, b, c) : [a, b, c];
    data.set([clamp(rgb[0]!), clamp(rgb[1]!), clamp(rgb[2]!), 255], i * 4);
  }
}

/** YBR_FULL to RGB (PS3.3 C.7.6.3.1.2, the inverse of its ITU-R BT.601 equations). */
function ybrToRgb(y: number, cb: number, cr: number): number[] {
  return [
    Math.round(y + 1.402 * (cr - 128)),
    Math.round(y - 0.344136 * (cb - 128) - 0.714136 * (cr - 128)),
    Math.round(y + 1.772 * (cb - 128)),
  ];
}

function clamp(value: number): number {
  return value < 0 ? 0 : value > 255 ? 255 : value;
}
