import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { PNG } from "pngjs";

/** A greyscale image with samples in any range, one value per pixel. */
export interface GreyImage {
  width: number;
  height: number;
  grey: Float64Array;
}

/** The first channel of an 8-bit PNG (grey, or the red of RGB: enough for greyscale images). */
export function readGreyPng(png: Uint8Array): GreyImage {
  const image = PNG.sync.read(Buffer.from(png));
  const grey = new Float64Array(image.width * image.height);
  for (let i = 0; i < grey.length; i++) grey[i] = image.data[i * 4]!;
  return { width: image.width, height: image.height, grey };
}

/** Box-average to width × height, so images of different sizes compare cell by cell. */
export function downscaleGrey(image: GreyImage, width: number, height: number): Float64Array {
  const sums = new Float64Array(width * height);
  const counts = new Float64Array(width * height);
  for (let y = 0; y < image.height; y++) {
    const cellRow = Math.floor((y * height) / image.height) * width;
    for (let x = 0; x < image.width; x++) {
      const cell = cellRow + Math.floor((x * width) / image.width);
      sums[cell]! += image.grey[y * image.width + x]!;
      counts[cell]! += 1;
    }
  }
  return sums.map((sum, i) => sum / counts[i]!);
}

/** Pearson correlation: 1 for images that differ only by brightness and contrast. */
export function correlate(a: Float64Array, b: Float64Array): number {
  const mean = (v: Float64Array) => v.reduce((s, x) => s + x, 0) / v.length;
  const [ma, mb] = [mean(a), mean(b)];
  let [ab, aa, bb] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) {
    ab += (a[i]! - ma) * (b[i]! - mb);
    aa += (a[i]! - ma) ** 2;
    bb += (b[i]! - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

/** True when DCMTK's dcmj2pnm runs here (Debian package dcmtk). */
export function hasDcmj2pnm(): boolean {
  return spawnSync("dcmj2pnm", ["--version"], { stdio: "ignore" }).status === 0;
}

/** DCMTK's rendering of a file's first frame as PNG, windowed over its min-max (+Wm). */
export function renderWithDcmj2pnm(file: string): Uint8Array {
  const folder = mkdtempSync(path.join(tmpdir(), "dcmj2pnm-"));
  try {
    const output = path.join(folder, "frame.png");
    const run = spawnSync("dcmj2pnm", ["+on", "+Wm", file, output], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`dcmj2pnm failed on ${file}: ${run.stderr}`);
    return readFileSync(output);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
