import type { DataSet } from "dicom-parser";
import { readString, readText } from "./read-values";

/**
 * The content tree of a structured report (PS3.3 C.17.3), naturalized the way
 * OHIF's SR extension reads instance metadata: DICOM keywords, sequences as
 * arrays of items, numbers as numbers, person names as `[{ Alphabetic }]`.
 * Only the attributes of the SR Document Content module and what its items
 * reference are kept; the rest of the file stays in the stored original.
 */
export type SrContent = Record<string, unknown>;

/** A report with more items than this is cut (`truncated: true`); real reports have hundreds. */
export const MAX_SR_CONTENT_ITEMS = 20_000;
const MAX_DEPTH = 64;

type Kind = "text" | "ascii" | "ds" | "is" | "float" | "uint32" | "pn" | "sequence";

/** Tag → keyword and how to read it, for the attributes a content item may carry. */
const SR_ATTRIBUTES: Record<string, [string, Kind]> = {
  x0040a040: ["ValueType", "ascii"],
  x0040a010: ["RelationshipType", "ascii"],
  x0040a050: ["ContinuityOfContent", "ascii"],
  x0040a043: ["ConceptNameCodeSequence", "sequence"],
  x0040a168: ["ConceptCodeSequence", "sequence"],
  x0040a730: ["ContentSequence", "sequence"],
  x0040a504: ["ContentTemplateSequence", "sequence"],
  x0040db00: ["TemplateIdentifier", "ascii"],
  x00080105: ["MappingResource", "ascii"],
  x0040a160: ["TextValue", "text"],
  x0040a124: ["UID", "ascii"],
  x0040a123: ["PersonName", "pn"],
  x0040a121: ["Date", "ascii"],
  x0040a122: ["Time", "ascii"],
  x0040a120: ["DateTime", "ascii"],
  x0040a300: ["MeasuredValueSequence", "sequence"],
  x0040a30a: ["NumericValue", "ds"],
  x004008ea: ["MeasurementUnitsCodeSequence", "sequence"],
  x0040a301: ["NumericValueQualifierCodeSequence", "sequence"],
  x00700023: ["GraphicType", "ascii"],
  x00700022: ["GraphicData", "float"],
  x30060024: ["ReferencedFrameOfReferenceUID", "ascii"],
  x00081199: ["ReferencedSOPSequence", "sequence"],
  x00081150: ["ReferencedSOPClassUID", "ascii"],
  x00081155: ["ReferencedSOPInstanceUID", "ascii"],
  x00081160: ["ReferencedFrameNumber", "is"],
  x0040db73: ["ReferencedContentItemIdentifier", "uint32"],
  x00080100: ["CodeValue", "text"],
  x00080102: ["CodingSchemeDesignator", "text"],
  x00080103: ["CodingSchemeVersion", "text"],
  x00080104: ["CodeMeaning", "text"],
  x00080119: ["LongCodeValue", "text"],
  x00080120: ["URNCodeValue", "text"],
  x0040a491: ["CompletionFlag", "ascii"],
  x0040a493: ["VerificationFlag", "ascii"],
  x00080023: ["ContentDate", "ascii"],
  x00080033: ["ContentTime", "ascii"],
};

/** The SR Document Content module of the root: what OHIF's SR viewport draws. */
const ROOT_TAGS = ["x0040a040", "x0040a050", "x0040a043", "x0040a504", "x0040a730", "x0040a491", "x0040a493", "x00080023", "x00080033"];

/**
 * Reads the content tree of an SR data set, or undefined when it has none
 * (not an SR, or an empty document).
 */
export function readSrContent(dataSet: DataSet, charsetTerms: string[]): SrContent | undefined {
  if (!dataSet.elements.x0040a730 && !dataSet.elements.x0040a043) return undefined;
  const budget = { items: 0, truncated: false };
  const content = readItem(dataSet, charsetTerms, ROOT_TAGS, 0, budget);
  return budget.truncated ? { ...content, truncated: true } : content;
}

function readItem(dataSet: DataSet, charsetTerms: string[], tags: string[], depth: number, budget: { items: number; truncated: boolean }): SrContent {
  const item: SrContent = {};
  for (const tag of tags) {
    const element = dataSet.elements[tag];
    const attribute = SR_ATTRIBUTES[tag];
    if (!element || !attribute) continue;
    const [keyword, kind] = attribute;
    if (kind === "sequence") {
      if (depth >= MAX_DEPTH) {
        budget.truncated = true;
        continue;
      }
      const items: SrContent[] = [];
      for (const child of element.items ?? []) {
        if (budget.items >= MAX_SR_CONTENT_ITEMS) {
          budget.truncated = true;
          break;
        }
        budget.items += 1;
        if (child.dataSet) items.push(readItem(child.dataSet, charsetTerms, Object.keys(child.dataSet.elements), depth + 1, budget));
      }
      if (items.length > 0) item[keyword] = items;
      continue;
    }
    const value = readValue(dataSet, tag, kind, charsetTerms);
    if (value !== undefined) item[keyword] = value;
  }
  return item;
}

function readValue(dataSet: DataSet, tag: string, kind: Exclude<Kind, "sequence">, charsetTerms: string[]): unknown {
  switch (kind) {
    case "text":
      return readText(dataSet, tag, charsetTerms);
    case "ascii":
      return readString(dataSet, tag);
    case "pn": {
      const name = readText(dataSet, tag, charsetTerms);
      return name === undefined ? undefined : [{ Alphabetic: name }];
    }
    case "ds":
    case "is": {
      const numbers = readString(dataSet, tag)?.split("\\").map(Number).filter(Number.isFinite);
      if (!numbers || numbers.length === 0) return undefined;
      return numbers.length === 1 ? numbers[0] : numbers;
    }
    case "float": {
      const element = dataSet.elements[tag]!;
      const values = Array.from({ length: Math.floor(element.length / 4) }, (_, i) => dataSet.float(tag, i) ?? NaN);
      return values.length > 0 ? values.map((v) => (Number.isFinite(v) ? v : 0)) : undefined;
    }
    case "uint32": {
      const element = dataSet.elements[tag]!;
      const values = Array.from({ length: Math.floor(element.length / 4) }, (_, i) => dataSet.uint32(tag, i) ?? 0);
      return values.length > 0 ? values : undefined;
    }
  }
}
