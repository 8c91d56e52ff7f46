import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { TestImageSpec } from "./build-image-dicom";

/**
 * A JPEG extended 12-bit (process 4) codestream of a synthetic gradient,
 * committed because no JS encoder writes 12-bit JPEG. Made by DCMTK's
 * dcmcjpeg from the samples below: see fixtures/make-jpeg-extended-12bit.ts.
 */
export const JPEG_12BIT_SPEC: TestImageSpec = { rows: 48, columns: 64, bitsAllocated: 16, bitsStored: 12 };

export const JPEG_12BIT_FIXTURE = path.join(__dirname, "fixtures", "gradient-12bit-extended.jpg");

/** The source samples: a diagonal ramp over most of the 12-bit range (0..3930), plus a bright 8×8 square at (16, 8). */
export function buildGradient12Bit(): Uint16Array {
  const { rows, columns } = JPEG_12BIT_SPEC;
  return Uint16Array.from({ length: rows * columns }, (_, i) => {
    const [x, y] = [i % columns, Math.floor(i / columns)];
    const inSquare = x >= 16 && x < 24 && y >= 8 && y < 16;
    return inSquare ? 4000 : x * 40 + y * 30;
  });
}

export function readJpeg12BitFixture(): Uint8Array {
  return new Uint8Array(readFileSync(JPEG_12BIT_FIXTURE));
}
