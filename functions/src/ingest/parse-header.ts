import * as dicomParser from "dicom-parser";
import { detectDicom, EXPLICIT_VR_LITTLE_ENDIAN, findRawTransferSyntax, type DicomDetection } from "./detect";
import { inflateBounded, InflateRefusedError, type InflateLimits } from "./inflate-data-set";
import { DEFAULT_INFLATE_LIMITS } from "./limits";

export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1.99";
const PIXEL_DATA = "x7fe00010";
const UNDEFINED_LENGTH = 0xffffffff;

/** The header of one file: every element before Pixel Data, and how the data set is encoded. */
export interface ParsedDicomHeader {
  dataSet: dicomParser.DataSet;
  transferSyntaxUID: string;
  /** (0002,0002), from the meta group; absent in bare data sets. */
  mediaStorageSOPClassUID?: string;
}

/**
 * A file that is not DICOM or cannot be read. `partialDataSet` keeps what
 * dicomParser read before it stopped (its `{exception, dataSet}`), so a caller
 * can still name the instance in the message it shows.
 */
export class DicomParseError extends Error {
  constructor(
    readonly fileName: string,
    readonly reason: string,
    readonly partialDataSet?: dicomParser.DataSet,
  ) {
    super(`${fileName}: cannot read DICOM header: ${reason}`);
    this.name = "DicomParseError";
  }
}

/**
 * Parses the header of a DICOM file (Part 10 or a bare data set) and stops
 * at Pixel Data, which ingest stores but never decodes. A deflated data set
 * is inflated within `limits`.
 * @throws DicomParseError when the bytes are not DICOM, are truncated or corrupt.
 * @throws InflateRefusedError when a deflated data set is a bomb, too large or damaged.
 */
export function parseDicomHeader(
  bytes: Uint8Array,
  fileName: string,
  detection: DicomDetection = detectDicom(bytes),
  limits: InflateLimits = DEFAULT_INFLATE_LIMITS,
): ParsedDicomHeader {
  if (!detection.isDicom) throw new DicomParseError(fileName, detection.reason);
  const header =
    detection.kind === "raw"
      ? parseBareDataSet(bytes, fileName, detection.transferSyntaxUID)
      : parsePart10(bytes, fileName, limits);
  findTruncation(header.dataSet, fileName);
  return header;
}

function parseBareDataSet(bytes: Uint8Array, fileName: string, transferSyntaxUID: string): ParsedDicomHeader {
  const dataSet = parseOrExplain(bytes, fileName, { untilTag: PIXEL_DATA, TransferSyntaxUID: transferSyntaxUID });
  return { dataSet, transferSyntaxUID };
}

function parsePart10(bytes: Uint8Array, fileName: string, limits: InflateLimits): ParsedDicomHeader {
  const meta = parseOrExplain(bytes, fileName, {}, true);
  const { mediaStorageSOPClassUID, transferSyntaxUID } = readMetaStrings(meta, fileName);
  if (!transferSyntaxUID) return parseAfterIncompleteMeta(bytes, fileName, meta, mediaStorageSOPClassUID);
  if (transferSyntaxUID === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN) {
    const body = inflateDamagedAsParseError(bytes.subarray(findMetaEnd(meta, bytes)), fileName, limits);
    const dataSet = parseOrExplain(body, fileName, { untilTag: PIXEL_DATA, TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN });
    return { dataSet, transferSyntaxUID, mediaStorageSOPClassUID };
  }
  try {
    const dataSet = parseOrExplain(bytes, fileName, { untilTag: PIXEL_DATA });
    return { dataSet, transferSyntaxUID, mediaStorageSOPClassUID };
  } catch (error) {
    // dicomParser merges the meta group only on success; a partial result without it
    // could not tell a broken DICOMDIR from a broken image.
    if (error instanceof DicomParseError && error.partialDataSet) {
      Object.assign(error.partialDataSet.elements, meta.elements);
    }
    throw error;
  }
}

/**
 * A file cut inside its meta group still parses, with elements that run past
 * the end; reading one then throws a bare string, which must become a verdict.
 */
function readMetaStrings(meta: dicomParser.DataSet, fileName: string) {
  try {
    return { mediaStorageSOPClassUID: meta.string("x00020002") || undefined, transferSyntaxUID: meta.string("x00020010") };
  } catch (error) {
    throw new DicomParseError(fileName, `the file is truncated inside its meta header (${describe(error)})`);
  }
}

/**
 * Some writers omit (0002,0010). The bytes after the meta group are then read
 * as a bare data set whose encoding is guessed from its first elements.
 */
function parseAfterIncompleteMeta(
  bytes: Uint8Array,
  fileName: string,
  meta: dicomParser.DataSet,
  mediaStorageSOPClassUID: string | undefined,
): ParsedDicomHeader {
  const rest = bytes.subarray(findMetaEnd(meta, bytes));
  const transferSyntaxUID = findRawTransferSyntax(rest);
  if (!transferSyntaxUID) {
    throw new DicomParseError(fileName, "the meta group has no TransferSyntaxUID and the data set encoding is unknown");
  }
  return { ...parseBareDataSet(rest, fileName, transferSyntaxUID), mediaStorageSOPClassUID };
}

/**
 * dicomParser's `inflater` hook for every parse of a file whose meta group, read
 * to its stated length, is not deflated. dicomParser reads meta elements past
 * that length, so a second (0002,0010) placed there would make it inflate the
 * rest with zlib, unbounded; such a file is refused instead.
 */
export function refuseUndeclaredInflate(): never {
  throw new InflateRefusedError("unreadable", "the file names a second transfer syntax after the meta group's stated length (0002,0000); it is malformed");
}

/** A damaged deflate stream is a file that cannot be read; a bomb or an oversized one stays its own refusal. */
function inflateDamagedAsParseError(deflated: Uint8Array, fileName: string, limits: InflateLimits): Uint8Array {
  try {
    return inflateBounded(deflated, limits);
  } catch (error) {
    if (error instanceof InflateRefusedError && error.reason === "unreadable") throw new DicomParseError(fileName, error.detail);
    throw error;
  }
}

/**
 * The preamble, "DICM" and the meta group only, when (0002,0000) says how long
 * the group is. dicomParser reads meta elements for as long as the next tag is
 * in group 0002, so a deflated data set whose compressed bytes happen to start
 * with 02 00 would be read as more meta elements (PS3.10 §7.1: the group
 * length delimits it).
 */
export function sliceMetaGroup(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared =
    bytes.length >= 144 && view.getUint32(132, true) === 0x00000002 && bytes[136] === 0x55 && bytes[137] === 0x4c && view.getUint16(138, true) === 4;
  if (!declared) return bytes;
  return bytes.subarray(0, Math.min(bytes.length, 144 + view.getUint32(140, true)));
}

/** Where the data set starts: readPart10Header records where the meta group ended; the typings omit it. */
export function findMetaEnd(meta: dicomParser.DataSet, bytes: Uint8Array): number {
  return (meta as dicomParser.DataSet & { position?: number }).position ?? bytes.length;
}

/** Runs dicomParser and turns whatever it throws (strings, Errors, `{exception, dataSet}`) into a DicomParseError. */
function parseOrExplain(
  bytes: Uint8Array,
  fileName: string,
  options: dicomParser.ParseDicomOptions,
  metaOnly = false,
): dicomParser.DataSet {
  try {
    return metaOnly
      ? dicomParser.readPart10Header(sliceMetaGroup(bytes), { ...options, untilTag: PIXEL_DATA })
      : dicomParser.parseDicom(bytes, { ...options, inflater: refuseUndeclaredInflate });
  } catch (error) {
    if (isPartialResult(error)) {
      throw new DicomParseError(fileName, describe(error.exception), error.dataSet);
    }
    throw new DicomParseError(fileName, describe(error));
  }
}

function isPartialResult(error: unknown): error is { exception: unknown; dataSet: dicomParser.DataSet } {
  return typeof error === "object" && error !== null && "exception" in error && "dataSet" in error;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // dicomParser prefixes its messages with the function that threw; users need only the cause.
  const cause = text.replace(/^dicomParser[.:][\w.]+: /, "");
  // dicomParser's wording for "an element runs past the end" varies by where it noticed.
  if (/buffer overrun|past end of buffer|overread|maxP ?osition|cannot be greater than/i.test(cause)) {
    return `the file is truncated or corrupt (${cause})`;
  }
  return cause;
}

/**
 * dicomParser seeks past the end of a cut file without complaint, so a file cut
 * in the middle of an element would look complete. Any element (Pixel Data
 * included, when its length is known) reaching beyond the bytes means the
 * upload was truncated.
 */
function findTruncation(dataSet: dicomParser.DataSet, fileName: string): void {
  const available = dataSet.byteArray.length;
  for (const element of Object.values(dataSet.elements)) {
    if (element.length === UNDEFINED_LENGTH || element.dataOffset === undefined) continue;
    if (element.dataOffset + element.length > available) {
      const tag = `(${element.tag.slice(1, 5)},${element.tag.slice(5, 9)})`.toUpperCase();
      const reason = `the file is truncated: element ${tag} needs ${element.length} bytes at offset ${element.dataOffset} but the file has ${available}`;
      throw new DicomParseError(fileName, reason, dataSet);
    }
  }
}
