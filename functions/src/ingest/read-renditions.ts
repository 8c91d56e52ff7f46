import type { DataSet } from "dicom-parser";
import { classifySopClass } from "@pacs/shared";
import { readSrContent, type SrContent } from "./read-sr-content";
import { readString } from "./read-values";

/** Largest SR content tree kept for the viewer, as JSON; a bigger report is downloaded, not displayed. */
export const MAX_SR_CONTENT_JSON_BYTES = 4 * 1024 * 1024;

/**
 * What the viewer needs from a non-image object in a form it can read without
 * the original file: the PDF inside an Encapsulated PDF, the content tree of
 * a structured report. Both are stored beside the original at ingest.
 */
export interface InstanceRenditions {
  pdf?: Uint8Array;
  srContent?: SrContent;
}

/** Reads the renditions of one instance; an image has none. */
export function readRenditions(dataSet: DataSet, sopClassUID: string | undefined, charsetTerms: string[]): InstanceRenditions {
  const { kind } = classifySopClass(sopClassUID);
  if (kind === "pdf") {
    const pdf = readEncapsulatedPdf(dataSet);
    return pdf ? { pdf } : {};
  }
  if (kind === "sr") {
    const srContent = readSrContent(dataSet, charsetTerms);
    if (!srContent || Buffer.byteLength(JSON.stringify(srContent)) > MAX_SR_CONTENT_JSON_BYTES) return {};
    return { srContent };
  }
  return {};
}

/**
 * The Encapsulated Document (0042,0011) when it is a PDF. Its length is even
 * (DICOM pads with one NUL), which PDF readers ignore after `%%EOF`.
 */
export function readEncapsulatedPdf(dataSet: DataSet): Uint8Array | undefined {
  const element = dataSet.elements.x00420011;
  const mime = readString(dataSet, "x00420012");
  if (!element || element.length === 0 || element.length === 0xffffffff) return undefined;
  if (mime !== undefined && mime.toLowerCase() !== "application/pdf") return undefined;
  return dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
}
