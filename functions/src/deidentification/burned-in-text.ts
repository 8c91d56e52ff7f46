import * as dicomParser from "dicom-parser";
import type { DataSet } from "dicom-parser";
import { Inflate } from "fflate";
import { parseSpecificCharacterSet } from "../ingest/charset";
import { InflateRefusedError } from "../ingest/inflate-data-set";
import { EXPLICIT_VR_LITTLE_ENDIAN } from "../ingest/detect";
import { DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, DicomParseError, findMetaEnd, parseDicomHeader, sliceMetaGroup } from "../ingest/parse-header";
import { readText } from "../ingest/read-values";
import { DeidentificationError } from "./errors";

/**
 * Images that may carry identifying text in their pixels, which the header
 * rewrite cannot reach (PS3.15 E.3.1, Clean Pixel Data, is not offered).
 * They are left out of a de-identified copy unless the owner acknowledges them.
 */

export interface BurnedInTextFields {
  BurnedInAnnotation?: string;
  Modality?: string;
  SOPClassUID?: string;
  ImageType?: string[];
  SeriesDescription?: string;
}

/** Ultrasound Image, Ultrasound Multi-frame, Enhanced US Volume and their retired forms (PS3.4 B.5). */
const ULTRASOUND_SOP_CLASSES = new Set([
  "1.2.840.10008.5.1.4.1.1.3",
  "1.2.840.10008.5.1.4.1.1.3.1",
  "1.2.840.10008.5.1.4.1.1.6",
  "1.2.840.10008.5.1.4.1.1.6.1",
  "1.2.840.10008.5.1.4.1.1.6.2",
]);
/** Secondary Capture and its multi-frame variants (PS3.4 B.5): screenshots, scans, exported views. */
const SECONDARY_CAPTURE_PREFIX = "1.2.840.10008.5.1.4.1.1.7";
const SAVED_SCREEN = /SAVE|SCREEN/i;

/** The first reason met, in words for the owner, or null when nothing suggests burned-in text. */
export function findBurnedInTextReason(fields: BurnedInTextFields): string | null {
  if (fields.BurnedInAnnotation?.trim().toUpperCase() === "YES") return "BurnedInAnnotation is YES: the image itself says it shows text";
  if (fields.Modality?.trim().toUpperCase() === "US") return "ultrasound: the scanner usually writes the patient's name and the date into the image";
  const sopClass = fields.SOPClassUID?.trim();
  if (sopClass && ULTRASOUND_SOP_CLASSES.has(sopClass)) return "ultrasound image: the scanner usually writes the patient's name and the date into the image";
  if (sopClass && (sopClass === SECONDARY_CAPTURE_PREFIX || sopClass.startsWith(`${SECONDARY_CAPTURE_PREFIX}.`))) {
    return "secondary capture (a screenshot, scan or exported view): it may show text in its pixels";
  }
  if (fields.ImageType?.some((value) => SAVED_SCREEN.test(value))) return "ImageType says SAVE or SCREEN: a saved screen, which may show text";
  if (fields.SeriesDescription && SAVED_SCREEN.test(fields.SeriesDescription)) return "SeriesDescription says SAVE or SCREEN: a saved screen, which may show text";
  return null;
}

/**
 * Reads those fields from a Part 10 file, a bare data set or just the first
 * bytes of one: it stops before PixelData, and a cut header gives what was
 * read before the cut.
 * @throws DeidentificationError when the bytes are not DICOM at all.
 */
export function readBurnedInTextFields(part10OrHeader: Uint8Array): BurnedInTextFields {
  let dataSet: DataSet;
  try {
    dataSet = parseDicomHeader(part10OrHeader, "instance").dataSet;
  } catch (error) {
    const partial = error instanceof DicomParseError ? (error.partialDataSet ?? readDeflatedHeaderStart(part10OrHeader)) : undefined;
    if (partial) dataSet = partial;
    else if (error instanceof DicomParseError || error instanceof InflateRefusedError) throw new DeidentificationError(error.message, { cause: error });
    else throw error;
  }
  const read = (tag: string) => readSafely(dataSet, tag);
  const imageType = read("x00080008");
  const charset = parseSpecificCharacterSet(read("x00080005"));
  const fields: BurnedInTextFields = {
    BurnedInAnnotation: read("x00280301"),
    Modality: read("x00080060"),
    SOPClassUID: read("x00080016"),
    ImageType: imageType?.split("\\").map((value) => value.trim()),
    SeriesDescription: readSafely(dataSet, "x0008103e", charset),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as BurnedInTextFields;
}

/** An element cut by the end of the bytes is treated as absent. */
function readSafely(dataSet: DataSet, tag: string, charset?: string[]): string | undefined {
  const element = dataSet.elements[tag];
  if (!element || element.dataOffset + element.length > dataSet.byteArray.length) return undefined;
  const value = charset ? readText(dataSet, tag, charset) : dataSet.string(tag)?.replace(/\0/g, "").trim();
  return value || undefined;
}

/** A cut deflated header inflates as far as its bytes go; this much output is plenty for any header, and no bomb gets further. */
const MAX_HEADER_BYTES = 4 * 1024 * 1024;

/**
 * The elements at the start of a deflated data set whose stream is cut
 * (only the first bytes of the file were read), or undefined when the file
 * is not deflated or nothing can be read.
 */
function readDeflatedHeaderStart(bytes: Uint8Array): DataSet | undefined {
  try {
    const meta = dicomParser.readPart10Header(sliceMetaGroup(bytes));
    if (meta.string("x00020010")?.replace(/\0/g, "").trim() !== DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN) return undefined;
    const chunks: Uint8Array[] = [];
    let size = 0;
    const inflate = new Inflate((chunk) => {
      size += chunk.length;
      if (size > MAX_HEADER_BYTES) throw new Error("enough header");
      chunks.push(chunk);
    });
    try {
      inflate.push(bytes.subarray(findMetaEnd(meta, bytes)), false);
    } catch {
      // Either enough was inflated or the stream ends here: parse what came out.
    }
    return parsePartially(Buffer.concat(chunks));
  } catch {
    return undefined;
  }
}

function parsePartially(body: Uint8Array): DataSet | undefined {
  try {
    return dicomParser.parseDicom(body, { TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN, untilTag: "x7fe00010" });
  } catch (error) {
    return typeof error === "object" && error !== null && "dataSet" in error ? (error as { dataSet: DataSet }).dataSet : undefined;
  }
}
