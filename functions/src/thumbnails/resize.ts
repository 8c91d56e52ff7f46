import type { RgbaImage } from "./window";

/** Output size with the longest side `size`, keeping the aspect ratio. */
export function findThumbnailSize(width: number, height: number, size: number): { width: number; height: number } {
  const scale = size / Math.max(width, height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * Resamples by area averaging: each output pixel is the mean of the source
 * pixels it covers (at least one), which keeps thin structures visible when
 * shrinking and degrades to nearest-neighbour when enlarging.
 */
export function resizeImage(image: RgbaImage, width: number, height: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const [y0, y1] = findSpan(y, height, image.height);
    for (let x = 0; x < width; x++) {
      const [x0, x1] = findSpan(x, width, image.width);
      const sums = [0, 0, 0, 0];
      for (let sy = y0; sy < y1; sy++) {
        for (let sx = x0; sx < x1; sx++) {
          const p = (sy * image.width + sx) * 4;
          for (let c = 0; c < 4; c++) sums[c]! += image.data[p + c]!;
        }
      }
      const count = (y1 - y0) * (x1 - x0);
      for (let c = 0; c < 4; c++) data[(y * width + x) * 4 + c] = Math.round(sums[c]! / count);
    }
  }
  return { width, height, data, grey: image.grey };
}

/** Source pixels [start, end) under output pixel `i`. */
function findSpan(i: number, outLength: number, inLength: number): [number, number] {
  const start = Math.floor((i * inLength) / outLength);
  const end = Math.max(start + 1, Math.floor(((i + 1) * inLength) / outLength));
  return [Math.min(start, inLength - 1), Math.min(end, inLength)];
}
