import { buildSearchTokens, buildStudyDateKey } from "@pacs/shared";
import type { MatchKey } from "./qido-query";

/**
 * Which studies Firestore is asked for before the exact DICOM matching runs
 * in memory (dicom-match.ts). A query uses ONE indexed constraint, in the
 * shapes the study list already has indexes for (study-search.ts,
 * firestore.indexes.json), so QIDO-RS needs no index of its own:
 *
 * 1. StudyInstanceUID given: direct document gets (the document id is the UID).
 * 2. A literal start of PatientName, PatientID or AccessionNumber: its
 *    longest folded word, `searchTerms array-contains`, newest first.
 * 3. StudyDate on one day: `studyDateKey` between that day and itself.
 * 4. One modality with an index: `modalities.<M> == true`, newest first.
 * 5. A StudyDate range: `studyDateKey` between its ends, by date.
 * 6. Otherwise every study, newest first.
 * Each is a superset of the exact matches (searchTerms fold case and
 * accents; a partial last word is one of the stored prefixes).
 */

export type CandidateWhere = { field: string; op: "array-contains" | "==" | ">=" | "<="; value: string | boolean };
export type CandidateOrder = { field: string; direction: "asc" | "desc" };

export type CandidatePlan =
  | { kind: "get"; studyUIDs: string[] }
  | { kind: "query"; where: CandidateWhere[]; orderBy: CandidateOrder[] };

/**
 * Modalities with a `modalities.<M>` + `updatedAt` composite index in
 * firestore.indexes.json (those the study list filters by; the unit test
 * checks the file). Any other modality is matched in memory only.
 */
export const INDEXED_MODALITIES = new Set(["CT", "MR", "US", "CR", "DX", "MG", "PT", "NM", "XA", "RF", "OT", "SR"]);

/** Keys whose words ingest stores in `searchTerms`, first, so no term of theirs is ever cut (study-search.ts). */
const SEARCH_TERM_KEYWORDS = new Set(["PatientName", "PatientID", "AccessionNumber"]);

const NEWEST_FIRST: CandidateOrder[] = [{ field: "updatedAt", direction: "desc" }];

const isUniversal = (key: MatchKey) => key.value === "" || /^\*+$/.test(key.value);

/** The longest word of the value's literal start (before any wild card), folded as searchTerms are. */
function searchTokenOf(key: MatchKey): string | undefined {
  const literal = key.value.split(/[*?]/)[0] ?? "";
  return buildSearchTokens(literal).sort((a, b) => [...b].length - [...a].length || a.localeCompare(b))[0];
}

function dateRangeOf(key: MatchKey): { from: string; to: string } | undefined {
  if (/[*?]/.test(key.value)) return undefined;
  const [fromText = "", toText = fromText] = key.value.includes("-") ? key.value.split("-", 2) : [key.value, key.value];
  const from = buildStudyDateKey(fromText);
  const to = buildStudyDateKey(toText);
  return from || to ? { from, to } : undefined;
}

function dateWhere({ from, to }: { from: string; to: string }): CandidateWhere[] {
  return [
    ...(from ? [{ field: "studyDateKey", op: ">=" as const, value: from }] : []),
    ...(to ? [{ field: "studyDateKey", op: "<=" as const, value: to }] : []),
  ];
}

/** The one constraint the candidates are fetched with (see the file comment for the order). */
export function planStudyCandidates(keys: readonly MatchKey[]): CandidatePlan {
  const active = keys.filter((key) => !isUniversal(key));
  const byKeyword = new Map(active.map((key) => [key.keyword, key]));
  const uids = byKeyword.get("StudyInstanceUID");
  if (uids) return { kind: "get", studyUIDs: [...new Set(uids.value.split(/[,\\]/).map((uid) => uid.trim()).filter(Boolean))] };

  const token = active
    .filter((key) => SEARCH_TERM_KEYWORDS.has(key.keyword))
    .map(searchTokenOf)
    .filter((t): t is string => !!t)
    .sort((a, b) => [...b].length - [...a].length)[0];
  if (token) return { kind: "query", where: [{ field: "searchTerms", op: "array-contains", value: token }], orderBy: NEWEST_FIRST };

  const studyDate = byKeyword.get("StudyDate");
  const range = studyDate && dateRangeOf(studyDate);
  const byDate = (): CandidatePlan => ({ kind: "query", where: dateWhere(range!), orderBy: [{ field: "studyDateKey", direction: "desc" }] });
  if (range && range.from === range.to) return byDate();

  const modality = byKeyword.get("ModalitiesInStudy") ?? byKeyword.get("Modality");
  if (modality && INDEXED_MODALITIES.has(modality.value)) {
    return { kind: "query", where: [{ field: `modalities.${modality.value}`, op: "==", value: true }], orderBy: NEWEST_FIRST };
  }
  if (range) return byDate();
  return { kind: "query", where: [], orderBy: NEWEST_FIRST };
}
