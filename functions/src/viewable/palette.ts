import type { DataSet } from "dicom-parser";
import type { PixelArray } from "../thumbnails/decoders/types";
import { ViewableCopyError } from "./read-source";

/** A palette colour image's three lookup tables, ready to map indices to 8-bit RGB. */
export interface Palette {
  toRgb(indices: PixelArray): Uint8Array;
}

const CHANNELS = [
  ["x00281101", "x00281201"],
  ["x00281102", "x00281202"],
  ["x00281103", "x00281203"],
] as const;

/**
 * Reads the red, green and blue Palette Color Lookup Tables (PS3.3 C.7.6.3.1.5/6).
 * A descriptor is [entries (0 means 65536), first mapped value, bits per entry];
 * 8-bit entries may be stored one per 16-bit word. Indices below the first
 * mapped value take the first entry, above the last the last.
 * @throws ViewableCopyError for segmented or missing tables.
 */
export function readPalette(dataSet: DataSet): Palette {
  const tables = CHANNELS.map(([descriptorTag, dataTag]) => {
    const descriptor = dataSet.elements[descriptorTag];
    const data = dataSet.elements[dataTag];
    if (!descriptor || !data) throw new ViewableCopyError("the palette colour image has no (or a segmented) lookup table, which the copy cannot expand");
    const entries = dataSet.uint16(descriptorTag, 0) || 65536;
    // The first mapped value is US or SS depending on the pixel representation; read it as written.
    const first = descriptor.vr === "SS" ? (dataSet.int16(descriptorTag, 1) ?? 0) : (dataSet.uint16(descriptorTag, 1) ?? 0);
    const bits = dataSet.uint16(descriptorTag, 2) ?? 16;
    const raw = dataSet.byteArray.subarray(data.dataOffset, data.dataOffset + data.length);
    const wordPerEntry = raw.length >= entries * 2;
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const lut = new Uint8Array(entries);
    for (let i = 0; i < entries; i += 1) {
      const value = wordPerEntry ? view.getUint16(i * 2, true) : raw[i]!;
      lut[i] = bits > 8 ? value >> (bits - 8) : value & 0xff;
    }
    return { lut, first };
  });
  return {
    toRgb(indices) {
      const out = new Uint8Array(indices.length * 3);
      for (let p = 0; p < indices.length; p += 1) {
        for (let c = 0; c < 3; c += 1) {
          const { lut, first } = tables[c]!;
          const i = Math.min(lut.length - 1, Math.max(0, indices[p]! - first));
          out[p * 3 + c] = lut[i]!;
        }
      }
      return out;
    },
  };
}
