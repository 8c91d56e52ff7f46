import type { DataSet, Element } from "dicom-parser";
import { DicomParseError, parseDicomHeader } from "./parse-header";
import { DICOMDIR_SOP_CLASS_UID } from "./read-instance";

/**
 * Reads the table of contents of a DICOM CD or folder: the DICOMDIR's
 * Directory Record Sequence (PS3.10 §8, PS3.3 Annex F). Ingest compares the
 * files it lists with the files that were uploaded, to notice a partial copy.
 */

const DIRECTORY_RECORD_SEQUENCE = "x00041220";
const RECORD_IN_USE_FLAG = "x00041410";
const DIRECTORY_RECORD_TYPE = "x00041430";
const REFERENCED_FILE_ID = "x00041500";
const REFERENCED_SOP_INSTANCE_UID_IN_FILE = "x00041511";
const UNDEFINED_LENGTH = 0xffffffff;

/** One file a DICOMDIR lists. */
export interface DicomdirReference {
  /** Referenced File ID (0004,1500) components joined with "/", relative to the DICOMDIR's folder. */
  path: string;
  /** Referenced SOP Instance UID in File (0004,1511), when the record has one. */
  sopInstanceUID?: string;
}

/** A file that is not a DICOMDIR, or a DICOMDIR that cannot be read whole. */
export class DicomdirReadError extends Error {
  constructor(
    readonly fileName: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${fileName}: cannot read DICOMDIR: ${reason}`, options);
    this.name = "DicomdirReadError";
  }
}

/**
 * Lists the files a DICOMDIR references, in record order, each once.
 * Records of every type count (IMAGE, SR DOCUMENT, PRESENTATION...), as long
 * as they reference a file; records marked inactive (In-use Flag 0000H) do not.
 * @throws DicomdirReadError when the bytes are not a DICOMDIR, or are truncated or corrupt.
 */
export function readDicomdirReferences(bytes: Uint8Array, fileName: string): DicomdirReference[] {
  const references: DicomdirReference[] = [];
  const seen = new Set<string>();
  readDirectoryRecords(bytes, fileName).forEach((record, index) => {
    if (record.uint16(RECORD_IN_USE_FLAG) === 0x0000) return;
    const path = readReferencedFileId(record, fileName, index);
    if (path === undefined || seen.has(path)) return;
    seen.add(path);
    const sopInstanceUID = record.string(REFERENCED_SOP_INSTANCE_UID_IN_FILE)?.trim();
    references.push(sopInstanceUID ? { path, sopInstanceUID } : { path });
  });
  return references;
}

function readDirectoryRecords(bytes: Uint8Array, fileName: string): DataSet[] {
  let header;
  try {
    header = parseDicomHeader(bytes, fileName);
  } catch (error) {
    if (error instanceof DicomParseError) throw new DicomdirReadError(fileName, error.reason, { cause: error });
    // parseDicomHeader reads the meta group's values after dicomParser has
    // seeked past a cut one, and dicomParser then throws a bare string.
    if (typeof error === "string" && error.startsWith("dicomParser")) {
      throw new DicomdirReadError(fileName, `the file is truncated or corrupt (${error})`, { cause: error });
    }
    throw error;
  }
  const { dataSet, mediaStorageSOPClassUID } = header;
  if (mediaStorageSOPClassUID !== undefined && mediaStorageSOPClassUID !== DICOMDIR_SOP_CLASS_UID) {
    const reason = `not a DICOMDIR: its Media Storage SOP Class is ${mediaStorageSOPClassUID}, not ${DICOMDIR_SOP_CLASS_UID}`;
    throw new DicomdirReadError(fileName, reason);
  }
  const sequence = dataSet.elements[DIRECTORY_RECORD_SEQUENCE];
  if (!sequence) throw new DicomdirReadError(fileName, "no Directory Record Sequence (0004,1220)");
  if (!sequence.items) throw new DicomdirReadError(fileName, "the Directory Record Sequence (0004,1220) is not a sequence");
  findTruncatedRecords(dataSet, sequence.items, fileName);
  return sequence.items.map((item) => item.dataSet).filter((record): record is DataSet => record !== undefined);
}

/**
 * dicomParser reads a cut sequence of undefined length without throwing: it
 * warns and returns the records it found. A partial list would vouch for a
 * partial copy (the files of the lost records would never be missed), so a
 * cut file is refused.
 */
function findTruncatedRecords(dataSet: DataSet, items: Element[], fileName: string): void {
  // Its "eof ... peeking to determine VR" warning only means an implicit VR
  // element ended within 4 bytes of the end; the others mean a missing delimiter.
  const eof = dataSet.warnings?.find((warning) => warning.startsWith("eof encountered") && !warning.includes("peeking"));
  if (eof) throw new DicomdirReadError(fileName, `the file is truncated (${eof})`);
  const available = dataSet.byteArray.length;
  const overruns = (element: Element) => element.length !== UNDEFINED_LENGTH && element.dataOffset + element.length > available;
  items.forEach((item, index) => {
    const elements = Object.values(item.dataSet?.elements ?? {});
    if (overruns(item) || elements.some(overruns)) {
      throw new DicomdirReadError(fileName, `the file is truncated: directory record ${index + 1} runs past its end`);
    }
  });
}

/**
 * The Referenced File ID of a record, or undefined for records that name no
 * file (PATIENT, STUDY, SERIES). Components are CS values, so padding spaces
 * are not part of the name.
 */
function readReferencedFileId(record: DataSet, fileName: string, index: number): string | undefined {
  const raw = record.string(REFERENCED_FILE_ID);
  if (!raw) return undefined;
  const components = raw.split("\\").map((component) => component.trim());
  if (components.some((component) => component === "" || component === "." || component === ".." || component.includes("/"))) {
    const type = record.string(DIRECTORY_RECORD_TYPE) ?? "record";
    const reason = `directory record ${index + 1} (${type}) has an unusable Referenced File ID "${raw}"`;
    throw new DicomdirReadError(fileName, reason);
  }
  return components.join("/");
}

/**
 * Where a referenced file sits in the upload: Referenced File IDs are
 * relative to the folder that holds the DICOMDIR (PS3.10 §8.5), so a
 * DICOMDIR at `CD/DICOMDIR` that lists `DICOM/IM1` means `CD/DICOM/IM1`.
 */
export function resolveDicomdirPath(dicomdirRelativePath: string, referencePath: string): string {
  const folder = splitPath(dicomdirRelativePath).slice(0, -1);
  return [...folder, ...splitPath(referencePath)].join("/");
}

/**
 * A key under which an uploaded path and a DICOMDIR reference compare equal.
 * DICOMDIRs name files in ISO 9660 style (`IM000001`, upper case, sometimes
 * `IM000001.;1`), while operating systems often show the same files in lower
 * case, without the version suffix, or with backslashes.
 */
export function normaliseForDicomdirMatch(path: string): string {
  return splitPath(path.normalize("NFC"))
    .map((segment) => {
      const unversioned = segment.replace(/;\d*$/, "");
      const bare = /^\.+$/.test(unversioned) ? unversioned : unversioned.replace(/\.$/, "");
      return bare.toUpperCase();
    })
    .join("/");
}

/** Path segments, whichever slash separates them, without empty or "." segments. */
function splitPath(path: string): string[] {
  return path.split(/[\\/]/).filter((segment) => segment !== "" && segment !== ".");
}
