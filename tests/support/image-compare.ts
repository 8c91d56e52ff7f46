/**
 * Comparing what the viewer drew with what an independent decoder (dcmtk's
 * dcmj2pnm) renders from the same frame. Both become grey levels sampled on a
 * small grid over the image's area, and their Pearson correlation is the
 * score: it ignores brightness and contrast (window, display gamma) but drops
 * for a wrong byte order, a wrong colour model, a shifted or garbled frame.
 */

/** A grey or colour raster: `channels` samples per pixel, row by row. */
export interface Raster {
  width: number;
  height: number;
  channels: number;
  data: ArrayLike<number>;
}

/** Reads a binary PGM (P5) or PPM (P6), 8 or 16 bits per sample, as dcmj2pnm writes them. */
export function readPnm(bytes: Uint8Array): Raster {
  const fields: string[] = [];
  let at = 0;
  while (fields.length < 4) {
    while (at < bytes.length && isSpace(bytes[at]!)) at += 1;
    if (bytes[at] === 0x23) {
      while (at < bytes.length && bytes[at] !== 0x0a) at += 1;
      continue;
    }
    const start = at;
    while (at < bytes.length && !isSpace(bytes[at]!)) at += 1;
    fields.push(Buffer.from(bytes.subarray(start, at)).toString("latin1"));
  }
  at += 1; // the single whitespace before the samples
  const [magic, w, h, max] = fields as [string, string, string, string];
  if (magic !== "P5" && magic !== "P6") throw new Error(`not a binary PGM/PPM (magic ${magic})`);
  const width = Number(w);
  const height = Number(h);
  const channels = magic === "P6" ? 3 : 1;
  const count = width * height * channels;
  const wide = Number(max) > 255;
  const data = new Float64Array(count);
  for (let i = 0; i < count; i += 1) data[i] = wide ? (bytes[at + 2 * i]! << 8) | bytes[at + 2 * i + 1]! : bytes[at + i]!;
  return { width, height, channels, data };
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Luminance (Rec. 601) of a colour raster, or the samples of a grey one; RGBA canvases pass channels 4. */
export function toGrey(raster: Raster): Float64Array {
  const { width, height, channels, data } = raster;
  const grey = new Float64Array(width * height);
  for (let i = 0; i < grey.length; i += 1) {
    grey[i] = channels === 1 ? data[i]! : 0.299 * data[i * channels]! + 0.587 * data[i * channels + 1]! + 0.114 * data[i * channels + 2]!;
  }
  return grey;
}

/** A rectangle in raster pixels (fractional edges allowed). */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Box-averages `region` of a grey raster onto a `gridX`×`gridY` lattice. */
export function sampleGrid(grey: Float64Array, width: number, height: number, region: Region, gridX: number, gridY: number): Float64Array {
  const out = new Float64Array(gridX * gridY);
  for (let gy = 0; gy < gridY; gy += 1) {
    for (let gx = 0; gx < gridX; gx += 1) {
      const x0 = Math.max(0, Math.floor(region.x + (gx * region.width) / gridX));
      const x1 = Math.min(width, Math.max(x0 + 1, Math.floor(region.x + ((gx + 1) * region.width) / gridX)));
      const y0 = Math.max(0, Math.floor(region.y + (gy * region.height) / gridY));
      const y1 = Math.min(height, Math.max(y0 + 1, Math.floor(region.y + ((gy + 1) * region.height) / gridY)));
      let sum = 0;
      let n = 0;
      for (let y = y0; y < y1; y += 1) for (let x = x0; x < x1; x += 1) (sum += grey[y * width + x]!), (n += 1);
      out[gy * gridX + gx] = n > 0 ? sum / n : 0;
    }
  }
  return out;
}

/** Pearson correlation; NaN when either side is flat. */
export function pearson(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i += 1) (ma += a[i]!), (mb += b[i]!);
  ma /= n;
  mb /= n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < n; i += 1) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    cov += da * db;
    va += da * da;
    vb += db * db;
  }
  return va === 0 || vb === 0 ? Number.NaN : cov / Math.sqrt(va * vb);
}

/**
 * Where a viewport that fits the whole image shows it: centred, scaled by
 * the smaller of the two ratios. `aspect` is the image's displayed
 * width/height (columns × column spacing over rows × row spacing).
 */
export function fittedRegion(canvasWidth: number, canvasHeight: number, aspect: number): Region {
  const scale = Math.min(canvasWidth / aspect, canvasHeight);
  const width = scale * aspect;
  const height = scale;
  return { x: (canvasWidth - width) / 2, y: (canvasHeight - height) / 2, width, height };
}

export interface Match {
  correlation: number;
  /** How the image area was placed: the fitted one, or a small shift or zoom around it. */
  region: Region;
}

/**
 * The best correlation between the reference and the viewport over the
 * fitted region and small shifts and zooms of it (a viewer may keep a margin
 * or round the scale), so that placement never decides the verdict. The
 * lattice is at most `grid` cells a side and never finer than the image's own
 * pixels, so that a viewer's smoothing of a tiny image is not read as a
 * difference.
 */
export function matchViewport(viewport: Raster, reference: Raster, aspect: number, grid = 48): Match {
  const viewGrey = toGrey(viewport);
  const gridX = Math.min(grid, reference.width);
  const gridY = Math.min(grid, reference.height);
  const refGrid = sampleGrid(toGrey(reference), reference.width, reference.height, { x: 0, y: 0, width: reference.width, height: reference.height }, gridX, gridY);
  const fitted = fittedRegion(viewport.width, viewport.height, aspect);
  let best: Match = { correlation: -Infinity, region: fitted };
  for (const zoom of [1, 0.98, 0.96, 0.94, 0.9, 1.02]) {
    for (const dx of [0, -0.01, 0.01]) {
      for (const dy of [0, -0.01, 0.01]) {
        const width = fitted.width * zoom;
        const height = fitted.height * zoom;
        const region = {
          x: fitted.x + (fitted.width - width) / 2 + dx * fitted.width,
          y: fitted.y + (fitted.height - height) / 2 + dy * fitted.height,
          width,
          height,
        };
        const correlation = pearson(sampleGrid(viewGrey, viewport.width, viewport.height, region, gridX, gridY), refGrid);
        if (correlation > best.correlation) best = { correlation, region };
      }
    }
  }
  return best;
}

/** Mean and standard deviation of a grey raster: a flat reference is compared by level, not correlation. */
export function greyStats(raster: Raster): { mean: number; std: number } {
  const grey = toGrey(raster);
  let sum = 0;
  for (const v of grey) sum += v;
  const mean = sum / grey.length;
  let sq = 0;
  for (const v of grey) sq += (v - mean) ** 2;
  return { mean, std: Math.sqrt(sq / grey.length) };
}
