/**
 * What the study list asks Firestore for, as plain data: the page turns it
 * into client SDK constraints, tests run it through the Admin SDK and check
 * that firestore.indexes.json has an index for every plan it can produce
 * (the emulator needs none, production refuses a query without one).
 *
 * Firestore allows one `array-contains` per query and wants the first
 * `orderBy` on the field of a range filter, so: the search box is the
 * `array-contains` on `searchTerms`, the modality filter an equality on
 * `modalities.<MODALITY>`, and a date range sorts by study date.
 */
import { buildSearchTokens } from "@pacs/shared";

/** The modalities the filter offers (PS3.3 C.7.3.1.1.1 defined terms most studies carry). */
export const FILTER_MODALITIES = ["CT", "MR", "US", "CR", "DX", "MG", "PT", "NM", "XA", "RF", "OT", "SR"] as const;
export type FilterModality = (typeof FILTER_MODALITIES)[number];

export const STUDY_SORTS = {
  updated: "Recently added or changed",
  "study-date-desc": "Study date, newest first",
  "study-date-asc": "Study date, oldest first",
} as const;
export type StudySort = keyof typeof STUDY_SORTS;

export const STUDY_PAGE_SIZE = 50;

export interface StudyFilters {
  /** As typed: folded and split like the stored terms. */
  text: string;
  modality: FilterModality | "";
  /** `YYYYMMDD` or "". */
  from: string;
  to: string;
  sort: StudySort;
}

export const NO_FILTERS: StudyFilters = { text: "", modality: "", from: "", to: "", sort: "updated" };

export type WhereSpec = { field: string; op: "array-contains" | "==" | ">=" | "<="; value: string | boolean };
export type OrderSpec = { field: string; direction: "asc" | "desc" };

export interface StudyQueryPlan {
  where: WhereSpec[];
  orderBy: OrderSpec[];
  /** The sort actually used: a date range sorts by study date. */
  sort: StudySort;
  /**
   * Typed words beyond the one Firestore looks up: every one must be in a
   * row's `searchTerms` too, checked in the browser ({@link matchesOtherTokens}).
   */
  otherTokens: string[];
}

/** The longest word is the rarest one, so Firestore is asked for that. */
function pickToken(tokens: string[]): string | undefined {
  return [...tokens].sort((a, b) => [...b].length - [...a].length || a.localeCompare(b))[0];
}

/** The sort a plan will use: a date range only works ordered by date. */
export function effectiveSort(filters: StudyFilters): StudySort {
  return (filters.from || filters.to) && filters.sort === "updated" ? "study-date-desc" : filters.sort;
}

/** The query for a combination of filters: equality and array-contains first, then the range, then the order. */
export function buildStudyQueryPlan(filters: StudyFilters): StudyQueryPlan {
  const tokens = buildSearchTokens(filters.text);
  const token = pickToken(tokens);
  const where: WhereSpec[] = [];
  if (token) where.push({ field: "searchTerms", op: "array-contains", value: token });
  if (filters.modality) where.push({ field: `modalities.${filters.modality}`, op: "==", value: true });
  if (filters.from) where.push({ field: "studyDateKey", op: ">=", value: filters.from });
  if (filters.to) where.push({ field: "studyDateKey", op: "<=", value: filters.to });
  const sort = effectiveSort(filters);
  const orderBy: OrderSpec[] =
    sort === "updated" ? [{ field: "updatedAt", direction: "desc" }] : [{ field: "studyDateKey", direction: sort === "study-date-asc" ? "asc" : "desc" }];
  return { where, orderBy, sort, otherTokens: tokens.filter((t) => t !== token) };
}

/**
 * One page of the list as Firestore is asked for it. Firestore bills one
 * read per document a query returns (and one for a query that returns
 * none), so every page, first or later, asks for {@link STUDY_PAGE_SIZE}
 * documents and costs that many reads. A later page starts AT the last row
 * of the page before (that row is read again and shown once): a row pushed
 * off a live page by a new study then shows at the top of the next page
 * instead of vanishing. The cursor is the document snapshot already in
 * hand, so it costs no lookup.
 */
export interface StudyPageQuery {
  plan: StudyQueryPlan;
  limit: number;
  startAtPreviousLastRow: boolean;
}

export function buildStudyPageQuery(plan: StudyQueryPlan, pageIndex: number): StudyPageQuery {
  return { plan, limit: STUDY_PAGE_SIZE, startAtPreviousLastRow: pageIndex > 0 };
}

/** Whether a page came back full, so another may follow (no count() query: it would cost reads of its own). */
export function isFullPage(page: StudyPageQuery, documents: number): boolean {
  return documents >= page.limit;
}

/** Whether a row found by the first word also has the others ("jane doe" needs both). */
export function matchesOtherTokens(plan: StudyQueryPlan, searchTerms: readonly string[] | undefined): boolean {
  if (plan.otherTokens.length === 0) return true;
  const terms = new Set(searchTerms ?? []);
  return plan.otherTokens.every((token) => terms.has(token));
}

/** "2024-01-31" from a date input as the stored `YYYYMMDD`, or "" when empty or invalid. */
export function dateInputToKey(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[1]}${match[2]}${match[3]}` : "";
}
