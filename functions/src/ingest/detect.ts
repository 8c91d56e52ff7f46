/**
 * Decides whether uploaded bytes are DICOM before any parser sees them, so
 * that a ZIP, a photo or a report is refused with a reason a user understands.
 * Raw data sets (no preamble, no meta group; PS3.10 §7.1 does not allow them,
 * but old modalities write them) are accepted only when the first few elements
 * decode cleanly, which random bytes almost never do.
 */

export const IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
export const EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
export const EXPLICIT_VR_BIG_ENDIAN = "1.2.840.10008.1.2.2";

export type DicomDetection =
  | { isDicom: true; kind: "part10" }
  /** A bare data set; `transferSyntaxUID` is the encoding its first elements showed. */
  | { isDicom: true; kind: "raw"; transferSyntaxUID: string }
  | { isDicom: false; reason: string };

const PREAMBLE_LENGTH = 128;
/** Elements checked in a raw data set; enough that chance agreement is negligible. */
const RAW_ELEMENTS_TO_CHECK = 6;
const UNDEFINED_LENGTH = 0xffffffff;

const VALID_VRS = new Set(
  "AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV".split(" "),
);
const LONG_LENGTH_VRS = new Set(["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"]);

const KNOWN_SIGNATURES: Array<[number[], string]> = [
  [[0x50, 0x4b, 0x03, 0x04], "a ZIP archive, not a DICOM file (upload it as a ZIP so it is unpacked)"],
  [[0x50, 0x4b, 0x05, 0x06], "an empty ZIP archive"],
  [[0x1f, 0x8b], "a gzip-compressed file, not a DICOM file"],
  [[0x89, 0x50, 0x4e, 0x47], "a PNG image, not a DICOM file"],
  [[0xff, 0xd8, 0xff], "a JPEG image, not a DICOM file"],
  [[0x25, 0x50, 0x44, 0x46], "a PDF document, not a DICOM file"],
];

/** Tells whether `bytes` hold a DICOM file, and which kind. */
export function detectDicom(bytes: Uint8Array): DicomDetection {
  if (bytes.length === 0) return { isDicom: false, reason: "the file is empty" };
  if (hasDicmPrefix(bytes)) return { isDicom: true, kind: "part10" };
  for (const [signature, reason] of KNOWN_SIGNATURES) {
    if (signature.every((b, i) => bytes[i] === b)) return { isDicom: false, reason };
  }
  const raw = findRawTransferSyntax(bytes);
  if (raw) return { isDicom: true, kind: "raw", transferSyntaxUID: raw };
  if (bytes.length < 16) return { isDicom: false, reason: `the file is too small to be DICOM (${bytes.length} bytes)` };
  if (looksLikeText(bytes)) return { isDicom: false, reason: "a text file, not a DICOM file" };
  return { isDicom: false, reason: 'no "DICM" marker at byte 128 and no DICOM data set at the start of the file' };
}

function hasDicmPrefix(bytes: Uint8Array): boolean {
  return (
    bytes.length >= PREAMBLE_LENGTH + 4 &&
    bytes[128] === 0x44 && // D
    bytes[129] === 0x49 && // I
    bytes[130] === 0x43 && // C
    bytes[131] === 0x4d // M
  );
}

/**
 * Tries each encoding a bare data set may have and returns the transfer
 * syntax of the first that decodes cleanly, or undefined.
 */
export function findRawTransferSyntax(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Raw files start with the identifying group 0008 (PS3.6), never with meta or pixel data.
  if (view.byteLength < 8) return undefined;
  if (view.getUint16(0, true) === 0x0008 && walkElements(view, true, true)) return EXPLICIT_VR_LITTLE_ENDIAN;
  if (view.getUint16(0, true) === 0x0008 && walkElements(view, false, true)) return IMPLICIT_VR_LITTLE_ENDIAN;
  if (view.getUint16(0, false) === 0x0008 && walkElements(view, true, false)) return EXPLICIT_VR_BIG_ENDIAN;
  return undefined;
}

/**
 * Reads up to {@link RAW_ELEMENTS_TO_CHECK} element headers and checks that
 * tags ascend, VRs are real and lengths stay inside the file.
 */
function walkElements(view: DataView, explicit: boolean, littleEndian: boolean): boolean {
  let position = 0;
  let previousTag = -1;
  for (let count = 0; count < RAW_ELEMENTS_TO_CHECK; count++) {
    if (position === view.byteLength) return count > 0;
    if (position + 8 > view.byteLength) return false;
    const tag = view.getUint16(position, littleEndian) * 0x10000 + view.getUint16(position + 2, littleEndian);
    if (tag <= previousTag || tag < 0x00080000) return false;
    previousTag = tag;
    const header = readLength(view, position, explicit, littleEndian);
    if (!header) return false;
    if (header.length === UNDEFINED_LENGTH) return true; // a sequence: the header so far was consistent
    position += header.headerLength + header.length;
    if (position > view.byteLength) return false;
  }
  return true;
}

function readLength(
  view: DataView,
  position: number,
  explicit: boolean,
  littleEndian: boolean,
): { headerLength: number; length: number } | undefined {
  if (!explicit) return { headerLength: 8, length: view.getUint32(position + 4, littleEndian) };
  const vr = String.fromCharCode(view.getUint8(position + 4), view.getUint8(position + 5));
  if (!VALID_VRS.has(vr)) return undefined;
  if (!LONG_LENGTH_VRS.has(vr)) return { headerLength: 8, length: view.getUint16(position + 6, littleEndian) };
  if (position + 12 > view.byteLength || view.getUint16(position + 6, littleEndian) !== 0) return undefined;
  return { headerLength: 12, length: view.getUint32(position + 8, littleEndian) };
}

/** Printable ASCII/UTF-8 with line breaks and no NULs in the first kilobyte. */
function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  return head.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b !== 0x7f));
}
