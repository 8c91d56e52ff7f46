import type { DataSet } from "dicom-parser";
import { classifySopClass, InstanceMetadata, SeriesAttributes, StudyAttributes } from "@pacs/shared";
import type { z } from "zod";
import { isSupportedCharacterSet, parseSpecificCharacterSet } from "./charset";
import { detectDicom } from "./detect";
import { InflateRefusedError, type InflateLimits } from "./inflate-data-set";
import { DEFAULT_INFLATE_LIMITS } from "./limits";
import { DicomParseError, parseDicomHeader } from "./parse-header";
import { findPixelDataElement, findUndrawablePixels } from "../viewable/find-undrawable";
import { readRenditions, type InstanceRenditions } from "./read-renditions";
import { readInteger, readNumber, readNumbers, readString, readText, readUint16 } from "./read-values";

/** Media Storage Directory Storage (PS3.10 §8): a DICOMDIR indexes files, it is not an image. */
export const DICOMDIR_SOP_CLASS_UID = "1.2.840.10008.1.3.10";

/** Why a file was not ingested; stable codes for the UI and for counting. */
export type SkipReason = "not-dicom" | "unreadable" | "dicomdir" | "no-patient" | "missing-uid" | "invalid-metadata" | "too-large" | "zip-bomb";

/** A file ingest will not store, with a message the uploader can act on. */
export class SkippedInstanceError extends Error {
  constructor(
    readonly fileName: string,
    readonly reason: SkipReason,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${fileName}: skipped, ${detail}`, options);
    this.name = "SkippedInstanceError";
  }
}

/** What one file contributes to its study, its series and the viewer. */
export interface InstanceRead {
  instance: InstanceMetadata;
  study: StudyAttributes;
  series: SeriesAttributes;
  /** Size of the file as stored (a gzip upload's unwrapped size), for the study's totalBytes. */
  byteLength: number;
  /** Things that did not stop ingest but a user may want to know. */
  warnings: string[];
  /** The PDF or SR content the viewer reads instead of the original (read-renditions.ts). */
  renditions: InstanceRenditions;
  /** Why an image has nothing the viewer could draw (find-undrawable.ts): kept out of the viewer and listed with this reason. */
  undrawable?: string;
}

/**
 * Reads the header of one uploaded file into validated metadata. A deflated
 * data set is inflated within `limits`: a deflate bomb is refused here, so it
 * is never stored, thumbnailed or sent to a viewer.
 * @throws SkippedInstanceError for anything that is not a storable patient instance.
 */
export function readInstanceMetadata(bytes: Uint8Array, fileName: string, limits: InflateLimits = DEFAULT_INFLATE_LIMITS): InstanceRead {
  const detection = detectDicom(bytes);
  if (!detection.isDicom) throw new SkippedInstanceError(fileName, "not-dicom", detection.reason);
  let header;
  try {
    header = parseDicomHeader(bytes, fileName, detection, limits);
  } catch (error) {
    if (error instanceof InflateRefusedError) throw new SkippedInstanceError(fileName, error.reason, error.detail, { cause: error });
    if (!(error instanceof DicomParseError)) throw error;
    // A broken DICOMDIR is still a DICOMDIR: say so rather than "unreadable".
    if (error.partialDataSet) findDicomdir(error.partialDataSet, fileName, error.partialDataSet.string("x00020002"));
    throw new SkippedInstanceError(fileName, "unreadable", `not readable as DICOM: ${error.reason}`, { cause: error });
  }
  const { dataSet, transferSyntaxUID, mediaStorageSOPClassUID } = header;
  findRefusal(dataSet, fileName, mediaStorageSOPClassUID);

  const charsetTerms = parseSpecificCharacterSet(readString(dataSet, "x00080005"));
  const warnings = isSupportedCharacterSet(charsetTerms)
    ? []
    : [`SpecificCharacterSet "${charsetTerms.join("\\")}" is not supported; text was read as Latin-1`];
  const sopClassUID = readString(dataSet, "x00080016") ?? mediaStorageSOPClassUID;
  const instance = validate(InstanceMetadata, buildInstance(dataSet, transferSyntaxUID, sopClassUID), fileName, "instance");
  const undrawable = findImageWithoutPixels(dataSet, instance);
  return {
    instance,
    study: validate(StudyAttributes, buildStudy(dataSet, charsetTerms), fileName, "study"),
    series: validate(SeriesAttributes, buildSeries(dataSet, charsetTerms), fileName, "series"),
    byteLength: bytes.length,
    warnings,
    renditions: readRenditions(dataSet, sopClassUID, charsetTerms),
    ...(undrawable ? { undrawable } : {}),
  };
}

/** Only images are checked: a report or document has no pixels to draw. */
function findImageWithoutPixels(dataSet: DataSet, instance: InstanceMetadata): string | undefined {
  const hasPixelData = findPixelDataElement(dataSet) !== undefined;
  const { kind } = classifySopClass(instance.SOPClassUID, { Rows: instance.Rows, Columns: instance.Columns, hasPixelData });
  return kind === "image" ? findUndrawablePixels(dataSet, instance) : undefined;
}

function findDicomdir(dataSet: DataSet, fileName: string, mediaStorageSOPClassUID: string | undefined): void {
  if (mediaStorageSOPClassUID === DICOMDIR_SOP_CLASS_UID || dataSet.elements.x00041220) {
    throw new SkippedInstanceError(fileName, "dicomdir", "DICOMDIR (a directory of other files, not an image)");
  }
}

/** Refuses valid DICOM that is not a patient instance, most specific reason first. */
function findRefusal(dataSet: DataSet, fileName: string, mediaStorageSOPClassUID: string | undefined): void {
  findDicomdir(dataSet, fileName, mediaStorageSOPClassUID);
  // Patient ID and Name are Type 2: present even when empty. Absent both means no Patient module
  // at all, as in Color Palette or Hanging Protocol objects, which belong to no patient or study.
  if (!dataSet.elements.x00100020 && !dataSet.elements.x00100010) {
    const sopClass = readString(dataSet, "x00080016") ?? mediaStorageSOPClassUID ?? "unknown";
    const detail = `no PatientID / patient: this DICOM object (SOP Class ${sopClass}) belongs to no patient or study`;
    throw new SkippedInstanceError(fileName, "no-patient", detail);
  }
  const uids: Array<[string, string]> = [
    ["StudyInstanceUID", "x0020000d"],
    ["SeriesInstanceUID", "x0020000e"],
    ["SOPInstanceUID", "x00080018"],
  ];
  const missing = uids.filter(([, tag]) => readString(dataSet, tag) === undefined).map(([name]) => name);
  if (missing.length > 0) {
    throw new SkippedInstanceError(fileName, "missing-uid", `no ${missing.join("/")}: the instance cannot be filed`);
  }
}

/**
 * Validates with the shared schema, so nothing reaches storage that the
 * schema would reject on read.
 */
function validate<T>(schema: z.ZodType<T>, value: unknown, fileName: string, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
  throw new SkippedInstanceError(fileName, "invalid-metadata", `invalid ${what} metadata (${issues})`, {
    cause: result.error,
  });
}

function buildInstance(dataSet: DataSet, transferSyntaxUID: string, sopClassUID: string | undefined): unknown {
  return {
    StudyInstanceUID: readString(dataSet, "x0020000d"),
    SeriesInstanceUID: readString(dataSet, "x0020000e"),
    SOPInstanceUID: readString(dataSet, "x00080018"),
    SOPClassUID: sopClassUID,
    TransferSyntaxUID: transferSyntaxUID,
    FrameOfReferenceUID: readString(dataSet, "x00200052"),
    Modality: readModality(dataSet),
    InstanceNumber: readInteger(dataSet, "x00200013"),
    Rows: readUint16(dataSet, "x00280010"),
    Columns: readUint16(dataSet, "x00280011"),
    BitsAllocated: readUint16(dataSet, "x00280100"),
    BitsStored: readUint16(dataSet, "x00280101"),
    HighBit: readUint16(dataSet, "x00280102"),
    PixelRepresentation: readUint16(dataSet, "x00280103"),
    SamplesPerPixel: readUint16(dataSet, "x00280002"),
    PhotometricInterpretation: readString(dataSet, "x00280004"),
    PlanarConfiguration: readUint16(dataSet, "x00280006"),
    NumberOfFrames: readInteger(dataSet, "x00280008"),
    ImagePositionPatient: readNumbers(dataSet, "x00200032"),
    ImageOrientationPatient: readNumbers(dataSet, "x00200037"),
    PixelSpacing: readNumbers(dataSet, "x00280030"),
    SliceThickness: readNumber(dataSet, "x00180050"),
    SliceLocation: readNumber(dataSet, "x00201041"),
    RescaleIntercept: readNumber(dataSet, "x00281052"),
    RescaleSlope: readNumber(dataSet, "x00281053"),
    WindowCenter: readNumbers(dataSet, "x00281050"),
    WindowWidth: readNumbers(dataSet, "x00281051"),
  };
}

function buildStudy(dataSet: DataSet, charsetTerms: string[]): unknown {
  return {
    StudyInstanceUID: readString(dataSet, "x0020000d"),
    PatientID: readText(dataSet, "x00100020", charsetTerms) ?? "",
    PatientName: readText(dataSet, "x00100010", charsetTerms),
    PatientBirthDate: readString(dataSet, "x00100030"),
    PatientSex: readString(dataSet, "x00100040"),
    StudyDate: readString(dataSet, "x00080020"),
    StudyTime: readString(dataSet, "x00080030"),
    StudyID: readText(dataSet, "x00200010", charsetTerms),
    AccessionNumber: readText(dataSet, "x00080050", charsetTerms),
    StudyDescription: readText(dataSet, "x00081030", charsetTerms),
    ReferringPhysicianName: readText(dataSet, "x00080090", charsetTerms),
  };
}

function buildSeries(dataSet: DataSet, charsetTerms: string[]): unknown {
  return {
    StudyInstanceUID: readString(dataSet, "x0020000d"),
    SeriesInstanceUID: readString(dataSet, "x0020000e"),
    Modality: readModality(dataSet),
    SeriesNumber: readInteger(dataSet, "x00200011"),
    SeriesDescription: readText(dataSet, "x0008103e", charsetTerms),
    BodyPartExamined: readString(dataSet, "x00180015"),
    SeriesDate: readString(dataSet, "x00080021"),
    SeriesTime: readString(dataSet, "x00080031"),
  };
}

/**
 * Modality is Type 1, but old and secondary-capture writers leave it out;
 * "OT" (Other, PS3.3 C.7.3.1.1.1) keeps such files viewable instead of lost.
 */
function readModality(dataSet: DataSet): string {
  return readString(dataSet, "x00080060") ?? "OT";
}
