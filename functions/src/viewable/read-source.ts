import * as dicomParser from "dicom-parser";
import { inflateBounded, InflateRefusedError, type InflateLimits } from "../ingest/inflate-data-set";
import { DEFAULT_INFLATE_LIMITS } from "../ingest/limits";
import { sliceMetaGroup } from "../ingest/parse-header";

export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1.99";
export const EXPLICIT_VR_BIG_ENDIAN = "1.2.840.10008.1.2.2";
export const EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
export const IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";

/** The same bounds as at ingest (ingest/limits.ts), so that a file ingest read whole is copied whole. */
export { DEFAULT_INFLATE_LIMITS, type InflateLimits };

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
    const meta = hasPreamble ? dicomParser.readPart10Header(sliceMetaGroup(bytes)) : undefined;
    // readPart10Header records where the meta group ended; the typings omit it.
    const body = bytes.subarray(meta ? (meta as dicomParser.DataSet & { position: number }).position : 0);
    const deflated = transferSyntaxUID === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN;
    const dataSet = deflated
      ? dicomParser.parseDicom(inflateBody(body, limits), { TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN })
      : dicomParser.parseDicom(body, { TransferSyntaxUID: transferSyntaxUID });
    return { dataSet, meta, transferSyntaxUID, dataSetOffset: bytes.length - body.length };
  } catch (error) {
    if (error instanceof ViewableCopyError) throw error;
    const inner = typeof error === "object" && error !== null && "exception" in error ? (error as { exception: unknown }).exception : error;
    throw new ViewableCopyError(`the file cannot be read to the end (${inner instanceof Error ? inner.message : String(inner)})`, { cause: error });
  }
}

/** The bounded inflate of ingest, its refusal told as the reason there is no viewer copy. */
function inflateBody(deflated: Uint8Array, limits: InflateLimits): Uint8Array {
  try {
    return inflateBounded(deflated, limits);
  } catch (error) {
    if (error instanceof InflateRefusedError) throw new ViewableCopyError(error.detail, { cause: error });
    throw error;
  }
}
