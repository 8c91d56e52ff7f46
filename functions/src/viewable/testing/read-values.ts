import type { DataSet } from "dicom-parser";
import { findDictionaryVR } from "../vr";

const STRINGS = new Set(["AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM", "UC", "UI", "UR", "UT"]);
const NUMBERS: Record<string, [number, keyof DataSet]> = {
  US: [2, "uint16"], SS: [2, "int16"], UL: [4, "uint32"], SL: [4, "int32"], FL: [4, "float"], FD: [8, "double"],
};

/**
 * Every element's value as a reader sees it, keyed by tag, read with the VR
 * the copy gives it (`vrOf`), through the data set's own byte order. Pixel
 * data, the meta group, group lengths and item delimiters are left out,
 * and so are elements before `from` (the preamble and meta group, when the
 * data set was parsed with them).
 */
export function readAllValues(dataSet: DataSet, vrOf: (tag: string, fallback?: string) => string, from = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [tag, element] of Object.entries(dataSet.elements)) {
    if (element.dataOffset < from || tag.startsWith("x0002") || tag.startsWith("xfffe") || tag.endsWith("0000") || tag === "x7fe00010") continue;
    if (element.items) {
      out[tag] = element.items.map((item) => (item.dataSet ? readAllValues(item.dataSet, vrOf) : {}));
      continue;
    }
    const vr = vrOf(tag, element.vr);
    const numeric = NUMBERS[vr];
    if (STRINGS.has(vr)) out[tag] = dataSet.string(tag) ?? "";
    else if (vr === "AT") out[tag] = dataSet.attributeTag(tag);
    else if (numeric) {
      const [size, method] = numeric;
      const read = dataSet[method] as (tag: string, index: number) => number;
      out[tag] = Array.from({ length: Math.floor(element.length / size) }, (_, i) => read.call(dataSet, tag, i));
    } else out[tag] = Buffer.from(dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length)).toString("hex");
  }
  return out;
}

/** The VR a tag has in a parsed copy, for reading the original the same way. */
export function vrsOf(copy: DataSet): (tag: string, fallback?: string) => string {
  const vrs = new Map<string, string>();
  const collect = (dataSet: DataSet) => {
    for (const [tag, element] of Object.entries(dataSet.elements)) {
      if (element.vr) vrs.set(tag, element.vr);
      for (const item of element.items ?? []) if (item.dataSet) collect(item.dataSet);
    }
  };
  collect(copy);
  return (tag, fallback) => vrs.get(tag) ?? fallback ?? findDictionaryVR(tag);
}
