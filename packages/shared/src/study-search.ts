/**
 * Study list search without a search engine. Firestore matches whole array
 * elements only, so ingest stores, per study, every prefix of every word a
 * user may type (`searchTerms`), a map of its modalities (so a modality filter
 * is an equality and leaves the one `array-contains` a query may have to the
 * search box) and a sortable study date. The browser folds what is typed the
 * same way ({@link buildSearchTokens}) and asks for one token with
 * `array-contains`.
 */

/** A word longer than this is found by its first this-many characters. */
export const MAX_SEARCH_TERM_LENGTH = 20;

/**
 * Terms kept per study. Name, patient ID and accession come first, so only
 * the tail of a long description can be left out; 200 terms of up to 20
 * characters stay far below Firestore's index-entry and document limits.
 */
export const MAX_SEARCH_TERMS = 200;

/**
 * Lower case without Latin accents, full-width forms made plain (NFKD):
 * "Müller" and "MULLER" fold alike. Only the Latin combining marks are
 * removed, so Japanese voiced kana (だ) stay distinct from unvoiced (た).
 */
export function foldSearchText(text: string): string {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").normalize("NFC").toLowerCase();
}

/**
 * The words of a text as the search box splits them: on spaces and the PN
 * delimiters `^` and `=`, each word also broken at punctuation ("CT-HEAD/NECK"
 * gives "ct-head/neck", "ct", "head", "neck"), folded.
 */
function wordsOf(text: string): string[] {
  const words: string[] = [];
  for (const word of foldSearchText(text).split(/[\s^=,;]+/u)) {
    if (!word) continue;
    words.push(word);
    const parts = word.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (parts.length > 1 || parts[0] !== word) words.push(...parts);
  }
  return words;
}

/**
 * The searchable parts of a DICOM person name (PS3.5 §6.2): family, given and
 * middle name of each of the alphabetic, ideographic and phonetic groups.
 * Prefix and suffix ("Dr", "MD") are left out: they would match half the list.
 */
function personNameWords(name: string): string[] {
  return name
    .split("=")
    .flatMap((group) => group.split("^").slice(0, 3))
    .flatMap(wordsOf);
}

function prefixesOf(word: string): string[] {
  const chars = [...word].slice(0, MAX_SEARCH_TERM_LENGTH);
  return chars.map((_, i) => chars.slice(0, i + 1).join(""));
}

/** The fields of a study that the search box looks in. */
export interface SearchableStudy {
  PatientName?: string | undefined;
  PatientID?: string | undefined;
  AccessionNumber?: string | undefined;
  StudyDescription?: string | undefined;
}

/**
 * Every prefix (1 to {@link MAX_SEARCH_TERM_LENGTH} characters) of every word
 * of the patient's name, patient ID, accession number and study description,
 * folded, without repeats, at most {@link MAX_SEARCH_TERMS}.
 */
export function buildSearchTerms(study: SearchableStudy): string[] {
  const words = [
    ...personNameWords(study.PatientName ?? ""),
    ...wordsOf(study.PatientID ?? ""),
    ...wordsOf(study.AccessionNumber ?? ""),
    ...wordsOf(study.StudyDescription ?? ""),
  ];
  const terms = new Set<string>();
  for (const word of words) {
    for (const prefix of prefixesOf(word)) {
      if (terms.size >= MAX_SEARCH_TERMS) return [...terms];
      terms.add(prefix);
    }
  }
  return [...terms];
}

/**
 * What the user typed, as terms to look up: folded, split like the stored
 * words, cut to {@link MAX_SEARCH_TERM_LENGTH}, without repeats. A study
 * matches when every token is one of its `searchTerms`.
 */
export function buildSearchTokens(text: string): string[] {
  const tokens = foldSearchText(text)
    .split(/[\s^=,;]+/u)
    .filter(Boolean)
    .map((word) => [...word].slice(0, MAX_SEARCH_TERM_LENGTH).join(""));
  return [...new Set(tokens)];
}

/**
 * A DICOM date (DA, `YYYYMMDD`, or ACR-NEMA `YYYY.MM.DD`) as `YYYYMMDD` for
 * range filters and sorting, or "" when absent or unreadable: a study without
 * a date still has the field, so ordering by it does not drop the study, and
 * "" sorts before every date.
 */
export function buildStudyDateKey(value: string | undefined): string {
  const match = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec((value ?? "").trim());
  return match ? `${match[1]}${match[2]}${match[3]}` : "";
}

/** `{CT: true, MR: true}`: a modality filter is `modalities.CT == true`, not a second array-contains. */
export function buildModalityFlags(modalities: readonly string[]): Record<string, true> {
  return Object.fromEntries(modalities.map((modality) => [modality, true] as const));
}

/** The fields the study list queries, derived from what the record already holds. */
export function buildStudySearchFields(study: SearchableStudy & { StudyDate?: string | undefined; ModalitiesInStudy: readonly string[] }) {
  return {
    searchTerms: buildSearchTerms(study),
    modalities: buildModalityFlags(study.ModalitiesInStudy),
    studyDateKey: buildStudyDateKey(study.StudyDate),
  };
}
