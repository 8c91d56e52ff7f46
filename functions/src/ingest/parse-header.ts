import { inflateRawSync } from "node:zlib";
import * as dicomParser from "dicom-parser";
import { detectDicom, findRawTransferSyntax, type DicomDetection } from "./detect";

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
 * at Pixel Data, which ingest stores but never decodes.
 * @throws DicomParseError when the bytes are not DICOM, are truncated or corrupt.
 */
export function parseDicomHeader(
  bytes: Uint8Array,
  fileName: string,
  detection: DicomDetection = detectDicom(bytes),
): ParsedDicomHeader {
  if (!detection.isDicom) throw new DicomParseError(fileName, detection.reason);
  const header =
    detection.kind === "raw"
      ? parseBareDataSet(bytes, fileName, detection.transferSyntaxUID)
      : parsePart10(bytes, fileName);
  findTruncation(header.dataSet, fileName);
  return header;
}

function parseBareDataSet(bytes: Uint8Array, fileName: string, transferSyntaxUID: string): ParsedDicomHeader {
  const dataSet = parseOrExplain(bytes, fileName, { untilTag: PIXEL_DATA, TransferSyntaxUID: transferSyntaxUID });
  return { dataSet, transferSyntaxUID };
}

function parsePart10(bytes: Uint8Array, fileName: string): ParsedDicomHeader {
  const meta = parseOrExplain(bytes, fileName, {}, true);
  const { mediaStorageSOPClassUID, transferSyntaxUID } = readMetaStrings(meta, fileName);
  if (!transferSyntaxUID) return parseAfterIncompleteMeta(bytes, fileName, meta, mediaStorageSOPClassUID);
  try {
    const dataSet = parseOrExplain(bytes, fileName, { untilTag: PIXEL_DATA, inflater: inflateDataSet });
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
  // readPart10Header records where the meta group ended; the typings omit it.
  const position = (meta as dicomParser.DataSet & { position?: number }).position ?? bytes.length;
  const rest = bytes.subarray(position);
  const transferSyntaxUID = findRawTransferSyntax(rest);
  if (!transferSyntaxUID) {
    throw new DicomParseError(fileName, "the meta group has no TransferSyntaxUID and the data set encoding is unknown");
  }
  return { ...parseBareDataSet(rest, fileName, transferSyntaxUID), mediaStorageSOPClassUID };
}

/** dicomParser's `inflater` hook: header bytes as they are, then the inflated data set. */
export function inflateDataSet(bytes: Uint8Array, position: number): Uint8Array {
  const inflated = inflateRawSync(bytes.subarray(position));
  const full = new Uint8Array(position + inflated.length);
  full.set(bytes.subarray(0, position), 0);
  full.set(inflated, position);
  return full;
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
      ? dicomParser.readPart10Header(bytes, { ...options, untilTag: PIXEL_DATA })
      : dicomParser.parseDicom(bytes, options);
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
