import { findDictionaryVR } from "../../viewable/vr";
import { findOccurrences, type IdentifyingValue } from "./corpus-identifying-values";
import { findElement, latin1, readText, type RawDataSet, type RawElement } from "./corpus-read-data-set";

/**
 * The checks the corpus test runs on each (original, de-identified) pair,
 * each returning what it found so that the test can both assert and count.
 */

const PIXEL_DATA_TAGS = ["7FE00010", "7FE00008", "7FE00009"];

export interface PixelComparison {
  /** Bytes compared (the whole element: tag, VR, length, value, items and delimiter). */
  bytes: number;
  problem?: string;
}

/**
 * The pixel data element of the output is the original's byte for byte:
 * tag, VR and length included, and for encapsulated data every item (offset
 * table, fragments) and the sequence delimiter. No pixel data in, none out.
 */
export function comparePixelData(original: RawDataSet, output: RawDataSet): PixelComparison {
  let bytes = 0;
  for (const tag of PIXEL_DATA_TAGS) {
    const before = findElement(original, tag);
    const after = findElement(output, tag);
    if (!before && !after) continue;
    if (!before || !after) return { bytes, problem: `${tag} is ${before ? "missing from the output" : "added by the output"}` };
    const a = Buffer.from(original.body.subarray(before.start, before.end));
    const b = Buffer.from(output.body.subarray(after.start, after.end));
    if (!a.equals(b)) {
      const valueSame = Buffer.from(original.body.subarray(before.valueStart, before.valueEnd)).equals(Buffer.from(output.body.subarray(after.valueStart, after.valueEnd)));
      return { bytes, problem: `${tag} differs (${a.length} bytes before, ${b.length} after; value ${valueSame ? "same, header differs" : "differs"})` };
    }
    bytes += a.length;
  }
  return { bytes };
}

export interface Leak {
  value: IdentifyingValue;
  /** Which element of the output holds the hit, or "file bytes" for a hit outside every element. */
  where: string;
  /** The innermost element holding the whole hit, and its value as text. */
  holder?: RawElement;
  holderText?: string;
}

/**
 * Searches the whole output file (and, for the deflated transfer syntax, its
 * inflated data set too) for each value. A hit inside the pixel data element
 * is reported like any other: pixel bytes are carried unchanged, so such a hit
 * would also be in the original's pixels, and the test shows it.
 */
export function findLeaks(outputFile: Uint8Array, output: RawDataSet, values: IdentifyingValue[]): Leak[] {
  const leaks: Leak[] = [];
  const inflated = output.body.buffer !== outputFile.buffer;
  const bodyStart = outputFile.length - output.body.length;
  for (const value of values) {
    for (const offset of findOccurrences(outputFile, value.bytes)) {
      const meta = locate(output.metaElements, outputFile, offset, value.bytes.length);
      if (meta) leaks.push({ value, where: `meta ${meta.holder.path}`, ...meta });
      else if (inflated) leaks.push({ value, where: "deflated stream" });
      else leaks.push({ value, ...locateInBody(output, offset - bodyStart, value.bytes.length) });
    }
    if (inflated) for (const offset of findOccurrences(output.body, value.bytes)) leaks.push({ value, ...locateInBody(output, offset, value.bytes.length) });
  }
  return leaks;
}

function locate(elements: RawElement[], bytes: Uint8Array, offset: number, length: number): { holder: RawElement; holderText: string } | undefined {
  const holder = elements.find((element) => element.vr !== "SQ" && element.valueStart <= offset && offset + length <= element.valueEnd);
  return holder ? { holder, holderText: latin1(bytes.subarray(holder.valueStart, holder.valueEnd)).replace(/[\0 ]+$/, "") } : undefined;
}

function locateInBody(data: RawDataSet, offset: number, length: number): { where: string; holder?: RawElement; holderText?: string } {
  const found = locate(data.elements, data.body, offset, length);
  if (found) return { where: found.holder.path, ...found };
  // Across element boundaries (a header and a value): name every element it touches.
  const touched = data.elements.filter((element) => element.vr !== "SQ" && element.start < offset + length && offset < element.end);
  return { where: touched.length ? touched.map((element) => element.path).join(", ") : "file bytes" };
}

/**
 * The vendor attributes table E.1-1 does not list, so the profile keeps them:
 * an identifying value found there, unchanged from the original, is a vendor's
 * name that the original also used as its institution's (pydicom's MR_small:
 * InstitutionName "TOSHIBA", Manufacturer "TOSHIBA_MEC").
 */
const KEPT_VENDOR_ATTRIBUTES = new Set(["00080070", "00081090"]);

/**
 * A hit that is not a leak: inside Manufacturer or ManufacturerModelName,
 * carried unchanged from the same place in the original. Nothing else is
 * excused: a DICOMDIR's ReferencedFileID "77654033\CR1\6154", kept by the
 * profile too, holds a PatientID as a folder name, and that is a leak.
 */
export function isKeptAttributeCoincidence(leak: Leak, original: RawDataSet, output: RawDataSet, listedTags: ReadonlySet<string>): boolean {
  const holder = leak.holder;
  if (!holder || !KEPT_VENDOR_ATTRIBUTES.has(holder.tag) || listedTags.has(holder.tag)) return false;
  const before = original.elements.find((element) => element.path === holder.path);
  if (!before) return false;
  return Buffer.from(original.body.subarray(before.valueStart, before.valueEnd)).equals(Buffer.from(output.body.subarray(holder.valueStart, holder.valueEnd)));
}

/**
 * A hit that is chance: a value of digits alone (AccessionNumber "134")
 * found inside a remapped UID, "2.25." and 39 decimal digits of an HMAC,
 * which cannot carry the original's text (a DICOMDIR holds 100 of them).
 */
export function isDigitsInRemappedUid(leak: Leak): boolean {
  return /^\d+$/.test(leak.value.text) && leak.holder !== undefined && isUidElement(leak.holder) && /^2\.25\.\d+$/.test(leak.holderText ?? "");
}

/** An element holding a UID: UI as written, or UN whose dictionary VR is UI (data sets written all UN). */
export function isUidElement(element: RawElement): boolean {
  return element.vr === "UI" || (element.vr === "UN" && findDictionaryVR(`x${element.tag.toLowerCase()}`) === "UI");
}

export interface UidOccurrence {
  path: string;
  tag: string;
  depth: number;
  value: string;
}

export function listUidOccurrences(data: RawDataSet): UidOccurrence[] {
  return data.elements.filter(isUidElement).map((element) => ({ path: element.path, tag: element.tag, depth: element.depth, value: readText(data, element) }));
}

/** Top-level text value of a tag ("" when absent). */
export function readTopLevel(data: RawDataSet, tag: string): string {
  const element = findElement(data, tag);
  return element ? readText(data, element) : "";
}
