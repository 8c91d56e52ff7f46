import { inflateRawSync } from "node:zlib";
import * as dicomParser from "dicom-parser";

export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1.99";
export const EXPLICIT_VR_BIG_ENDIAN = "1.2.840.10008.1.2.2";
export const EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
export const IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";

/** Bounds on inflating a deflated data set, the same guardrails as for ZIP entries (ingest/limits.ts). */
export interface InflateLimits {
  /** Largest inflated data set. */
  maxInflatedBytes: number;
  /** Inflated/deflated beyond this is refused, once the inflated size passes `ratioCheckFromBytes`. */
  maxCompressionRatio: number;
  ratioCheckFromBytes: number;
}

const MiB = 1024 * 1024;
export const DEFAULT_INFLATE_LIMITS: InflateLimits = { maxInflatedBytes: 256 * MiB, maxCompressionRatio: 200, ratioCheckFromBytes: 4 * MiB };

/** Why no viewer-ready copy could be made; the message says what was wrong with the file. */
export class ViewableCopyError extends Error {
  constructor(readonly reason: string, options?: { cause?: unknown }) {
    super(`viewer-ready copy: ${reason}`, options);
    this.name = "ViewableCopyError";
  }
}

/** The original as dicomParser reads it, with the meta group (when the file has one) apart. */
export interface SourceDataSet {
  dataSet: dicomParser.DataSet;
  meta?: dicomParser.DataSet;
  transferSyntaxUID: string;
  /** Where the data set starts in the file: after the meta group, or 0 for a bare data set. */
  dataSetOffset: number;
}

/**
 * Reads the whole file, pixel data included. `transferSyntaxUID` is what
 * ingest found (read-instance.ts), which also covers bare data sets and meta
 * groups without (0002,0010). The data set is parsed on its own, after the
 * meta group: dicomParser's own inflater path restarts at byte 0 and reads the
 * preamble as elements.
 */
export function readSource(bytes: Uint8Array, transferSyntaxUID: string, limits: InflateLimits): SourceDataSet {
  const hasPreamble = bytes.length > 132 && String.fromCharCode(...bytes.subarray(128, 132)) === "DICM";
  try {
    const meta = hasPreamble ? dicomParser.readPart10Header(bytes) : undefined;
    // readPart10Header records where the meta group ended; the typings omit it.
    const body = bytes.subarray(meta ? (meta as dicomParser.DataSet & { position: number }).position : 0);
    const deflated = transferSyntaxUID === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN;
    const dataSet = deflated
      ? dicomParser.parseDicom(inflateBounded(body, limits), { TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN })
      : dicomParser.parseDicom(body, { TransferSyntaxUID: transferSyntaxUID });
    return { dataSet, meta, transferSyntaxUID, dataSetOffset: bytes.length - body.length };
  } catch (error) {
    if (error instanceof ViewableCopyError) throw error;
    const inner = typeof error === "object" && error !== null && "exception" in error ? (error as { exception: unknown }).exception : error;
    throw new ViewableCopyError(`the file cannot be read to the end (${inner instanceof Error ? inner.message : String(inner)})`, { cause: error });
  }
}

/**
 * Inflates a deflated data set with the ZIP guardrails: it is a compressed
 * stream like a ZIP entry, and a crafted one could inflate to gigabytes.
 */
export function inflateBounded(deflated: Uint8Array, limits: InflateLimits): Uint8Array {
  const byRatio = Math.max(limits.ratioCheckFromBytes, deflated.length * limits.maxCompressionRatio);
  const cap = Math.min(limits.maxInflatedBytes, byRatio);
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(deflated, { maxOutputLength: cap + 1 });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError) {
      throw new ViewableCopyError(refusal(cap === limits.maxInflatedBytes, limits, deflated.length), { cause: error });
    }
    throw new ViewableCopyError(`the deflated data set is damaged (${(error as Error).message})`, { cause: error });
  }
  if (inflated.length > cap) throw new ViewableCopyError(refusal(cap === limits.maxInflatedBytes, limits, deflated.length));
  return inflated;
}

function refusal(bySize: boolean, limits: InflateLimits, deflatedBytes: number): string {
  return bySize
    ? `the deflated data set inflates past ${limits.maxInflatedBytes} bytes`
    : `the deflated data set inflates more than ${limits.maxCompressionRatio}:1 (${deflatedBytes} bytes deflated), which only crafted data does`;
}
