import { InstanceMetadata, SeriesAttributes, StudyAttributes } from "@pacs/shared";
import { findAttribute, type DictionaryEntry } from "../dicom-json/dicom-dictionary";
import { DicomwebError } from "../dicomweb-error";

/**
 * A QIDO-RS request's query (PS3.18 §8.3.4) read into what the search does:
 * matching keys, the attributes to return, paging and fuzzy matching.
 * Pure: the route hands in the URL's query string.
 */

export type QueryLevel = "study" | "series" | "instance";

export interface MatchKey extends DictionaryEntry {
  /** As sent, after URL decoding; "" asks for universal matching (return the attribute, match everything). */
  value: string;
}

export interface QidoQuery {
  level: QueryLevel;
  keys: MatchKey[];
  includeAll: boolean;
  /** Keywords named by `includefield` (tags already turned into keywords). */
  includeKeywords: string[];
  /** How many results at most; the server's cap when the client asks for none or more. */
  limit: number;
  offset: number;
  fuzzy: boolean;
  /** Sentences for Warning headers (PS3.18 §8.4.6): what was asked and ignored. */
  warnings: string[];
}

/** The most results one answer carries: page with `offset` beyond it (a Warning header says so). */
export const MAX_RESULTS = 1000;

const STUDY_KEYWORDS = [...Object.keys(StudyAttributes.shape), "ModalitiesInStudy", "NumberOfStudyRelatedSeries", "NumberOfStudyRelatedInstances"];
const SERIES_KEYWORDS = [...Object.keys(SeriesAttributes.shape), "NumberOfSeriesRelatedInstances"];

/** The attributes a search may match at each level: its own and those of the levels above (PS3.18 §10.6.1.2.3). */
export const MATCHABLE_KEYWORDS: Record<QueryLevel, ReadonlySet<string>> = {
  study: new Set(STUDY_KEYWORDS),
  series: new Set([...STUDY_KEYWORDS, ...SERIES_KEYWORDS]),
  instance: new Set([...STUDY_KEYWORDS, ...SERIES_KEYWORDS, ...Object.keys(InstanceMetadata.shape)]),
};

const CONTROL_PARAMETERS = new Set(["limit", "offset", "fuzzymatching", "includefield"]);

function readCount(name: string, text: string): number {
  if (!/^\d{1,9}$/.test(text.trim())) throw new DicomwebError(400, `The ${name} parameter must be a whole number ≥ 0, not "${text}".`);
  return Number(text.trim());
}

function readFuzzy(values: string[]): boolean {
  const value = values[values.length - 1]?.trim().toLowerCase() ?? "false";
  if (value !== "true" && value !== "false") throw new DicomwebError(400, `The fuzzymatching parameter must be true or false, not "${value}".`);
  return value === "true";
}

/** An attribute name that looks like one (a keyword or eight hex digits) but is not in PS3.6: most likely a typo the caller should see. */
function unknownAttribute(name: string): DicomwebError {
  return new DicomwebError(400, `${name} is not a DICOM attribute keyword or tag (PS3.6). Name attributes as PatientName or 00100010.`);
}

function readIncludeFields(values: string[], warnings: string[]): { includeAll: boolean; includeKeywords: string[] } {
  const names = values.flatMap((value) => value.split(",")).map((name) => name.trim()).filter(Boolean);
  const includeKeywords: string[] = [];
  let includeAll = false;
  for (const name of names) {
    if (name.toLowerCase() === "all") includeAll = true;
    else if (name.includes(".")) warnings.push(`includefield ${name}: sequence attributes are not kept by this archive and were left out.`);
    else {
      const entry = findAttribute(name);
      if (!entry) throw unknownAttribute(`includefield ${name}`);
      includeKeywords.push(entry.keyword);
    }
  }
  return { includeAll, includeKeywords };
}

/**
 * Reads a QIDO-RS query string. An attribute that is not in the data
 * dictionary is refused (400 naming it): it cannot mean anything, and an
 * answer that silently ignored a mistyped key would list studies the caller
 * meant to exclude. A real attribute this archive does not keep (or not at
 * this level), and a sequence path, are ignored with a Warning, as PS3.18
 * §8.3.4 lets an origin server do for matching it does not support. (Orthanc's
 * plugin drops a key it cannot parse silently, QidoRs.cpp; the Warning tells
 * the caller what was not applied, the 400 stops a search that would widen.)
 */
export function parseQidoQuery(search: URLSearchParams, level: QueryLevel): QidoQuery {
  const warnings: string[] = [];
  const keys: MatchKey[] = [];
  for (const name of new Set(search.keys())) {
    if (CONTROL_PARAMETERS.has(name.toLowerCase())) continue;
    const values = search.getAll(name);
    if (!/^[A-Z]|^[0-9A-Fa-f]{8}(\.|$)/.test(name)) {
      // Lower-case parameters are the client's own (a cache buster, `charset`, `accept`): not attributes.
      warnings.push(`The query parameter ${name} is not supported and was ignored.`);
      continue;
    }
    if (name.includes(".")) {
      warnings.push(`${name}: matching inside sequences is not supported; the key was ignored.`);
      continue;
    }
    const entry = findAttribute(name);
    if (!entry) throw unknownAttribute(name);
    if (!MATCHABLE_KEYWORDS[level].has(entry.keyword)) {
      warnings.push(`${entry.keyword} is not kept by this archive at the ${level} level; it was not used for matching.`);
      continue;
    }
    if (values.length > 1) throw new DicomwebError(400, `${name} is given ${values.length} times; give it once (a list of UIDs is comma-separated).`);
    keys.push({ ...entry, value: values[0] ?? "" });
  }
  const params = new Map([...search.keys()].map((name) => [name.toLowerCase(), search.getAll(name)]));
  const limitText = params.get("limit")?.at(-1);
  const requested = limitText === undefined ? 0 : readCount("limit", limitText);
  const offsetText = params.get("offset")?.at(-1);
  if (requested > MAX_RESULTS) warnings.push(`limit ${requested} is over this server's maximum of ${MAX_RESULTS} results per answer; page with offset for more.`);
  return {
    level,
    keys,
    ...readIncludeFields(params.get("includefield") ?? [], warnings),
    // limit=0 or none: as many as the server gives (Orthanc reads 0 the same way).
    limit: requested === 0 ? MAX_RESULTS : Math.min(requested, MAX_RESULTS),
    offset: offsetText === undefined ? 0 : readCount("offset", offsetText),
    fuzzy: readFuzzy(params.get("fuzzymatching") ?? []),
    warnings,
  };
}
