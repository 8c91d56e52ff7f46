import type { DataSet } from "dicom-parser";
import { decodeDicomText } from "./charset";

/**
 * Typed readers over a dicomParser DataSet. Every reader returns undefined for
 * an absent or empty element (DICOM Type 2/3), so callers never store "".
 */

/** An ASCII-only value (UI, CS, DA, TM, AS), without padding. */
export function readString(dataSet: DataSet, tag: string): string | undefined {
  return nonEmpty(dataSet.string(tag));
}

/**
 * A value that may use the extended repertoire (PN, LO, SH, ST, LT, UT),
 * decoded per the Specific Character Set terms.
 */
export function readText(dataSet: DataSet, tag: string, charsetTerms: string[]): string | undefined {
  const element = dataSet.elements[tag];
  if (!element || element.length === 0) return undefined;
  const bytes = dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
  // Values are padded with spaces (or NULs from some writers); padding is not data.
  return nonEmpty(decodeDicomText(bytes, charsetTerms).replace(/[\s\0]+$/, "").replace(/^\s+/, ""));
}

/** A DS or IS value of any multiplicity; undefined if any value is not a number. */
export function readNumbers(dataSet: DataSet, tag: string): number[] | undefined {
  const value = readString(dataSet, tag);
  if (value === undefined) return undefined;
  const numbers = value.split("\\").map((part) => (part.trim() === "" ? NaN : Number(part)));
  return numbers.every(Number.isFinite) ? numbers : undefined;
}

/** The first value of a DS. */
export function readNumber(dataSet: DataSet, tag: string): number | undefined {
  return readNumbers(dataSet, tag)?.[0];
}

/** The first value of an IS; a non-integer is treated as absent rather than rounded. */
export function readInteger(dataSet: DataSet, tag: string): number | undefined {
  const value = readNumber(dataSet, tag);
  return value !== undefined && Number.isInteger(value) ? value : undefined;
}

/** A US value (binary, so the data set's byte order applies). */
export function readUint16(dataSet: DataSet, tag: string): number | undefined {
  const element = dataSet.elements[tag];
  if (!element || element.length < 2) return undefined;
  return dataSet.uint16(tag);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
