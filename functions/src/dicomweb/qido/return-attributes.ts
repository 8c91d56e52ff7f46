import type { NaturalDataset } from "../dicom-json/build-dicom-json";
import { INSTANCE_DEFAULT_KEYWORDS, SERIES_DEFAULT_KEYWORDS, SERIES_WHEN_STORED_KEYWORDS, STUDY_DEFAULT_KEYWORDS } from "../dicom-json/level-attributes";
import type { QidoQuery } from "./qido-query";

/** Where a search runs: across every study, in one study, or in one series (PS3.18 Table 10.6.1-2). */
export type SearchScope = "all-studies" | "in-study" | "in-series";

/**
 * The attributes one result carries (PS3.18 §10.6.3.3): the level's
 * defaults, those of the levels above that the path does not already name,
 * every matching key (so universal matching `PatientAge=` returns it), and
 * what `includefield` asks for; `includefield=all` gives everything the
 * archive keeps at that level. An included attribute the archive does not
 * keep at that level is left out rather than sent empty.
 */
export function pickReturnKeywords(query: QidoQuery, scope: SearchScope, natural: NaturalDataset): string[] {
  const keywords: string[] = [];
  const withStudy = scope === "all-studies";
  const withSeries = scope !== "in-series";
  if (query.level === "study") keywords.push(...STUDY_DEFAULT_KEYWORDS);
  if (query.level === "series" || (query.level === "instance" && withSeries)) {
    keywords.push(...SERIES_DEFAULT_KEYWORDS, ...SERIES_WHEN_STORED_KEYWORDS.filter((k) => natural[k] !== undefined));
  }
  if (query.level !== "study" && withStudy) keywords.push(...STUDY_DEFAULT_KEYWORDS);
  if (query.level === "instance") keywords.push(...INSTANCE_DEFAULT_KEYWORDS);
  keywords.push(...query.keys.map((key) => key.keyword));
  const known = (keyword: string) => Object.prototype.hasOwnProperty.call(natural, keyword);
  keywords.push(...query.includeKeywords.filter(known));
  if (query.includeAll) keywords.push(...Object.keys(natural));
  return [...new Set(keywords)];
}
