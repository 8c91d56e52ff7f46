/**
 * Which index serves each query the study list can make, derived from its
 * plans (study-query.ts) the way Firestore chooses: a query on one field is
 * served by Firestore's automatic single-field index; a query that filters
 * or sorts on more than one field needs a composite index that lists the
 * equality and `array-contains` fields (in any order), then the range and
 * order-by field in the order's direction. Production refuses a query
 * without its index; the emulator scans and never complains, so this check
 * runs on firestore.indexes.json itself (unit test and `npm run bench:search`).
 * https://firebase.google.com/docs/firestore/query-data/index-overview
 */
import { FILTER_MODALITIES, STUDY_SORTS, buildStudyQueryPlan, type StudyFilters, type StudyQueryPlan, type StudySort } from "./study-query";

export type IndexField = { fieldPath: string; order?: "ASCENDING" | "DESCENDING"; arrayConfig?: "CONTAINS" };
export type DeclaredIndex = { collectionGroup: string; queryScope: string; fields: IndexField[] };
export type IndexesFile = { indexes: DeclaredIndex[] };

/** What a plan needs: a single-field index (automatic) or a composite one (declared). */
export type RequiredIndex =
  | { kind: "single-field"; field: string }
  | { kind: "composite"; equalities: string[]; order: string[] };

export interface QueryShapeCheck {
  /** The filters that produced the shape, in words. */
  shape: string;
  plan: StudyQueryPlan;
  required: RequiredIndex;
  /** The declared index that serves it; null when it needs none or none fits. */
  servedBy: DeclaredIndex | null;
}

export interface StudyIndexReport {
  shapes: QueryShapeCheck[];
  /** Query shapes production would refuse. */
  missing: QueryShapeCheck[];
  /** Declared study indexes no query uses (they cost writes and storage). */
  unused: DeclaredIndex[];
}

const SAMPLE_TEXT = "doe";
const DATE_RANGES = [
  ["", ""],
  ["20240101", ""],
  ["", "20241231"],
  ["20240101", "20241231"],
] as const;

function describeFilters(filters: StudyFilters): string {
  const parts = [filters.text ? "search" : "", filters.modality, filters.from ? "from" : "", filters.to ? "to" : ""].filter(Boolean);
  return `${parts.length ? parts.join(" + ") : "no filter"}, sort ${filters.sort}`;
}

/** Every combination the page offers: search text or not, each modality or none, each date range kind, each sort. */
export function listStudyQueryShapes(): Array<{ shape: string; plan: StudyQueryPlan }> {
  const shapes: Array<{ shape: string; plan: StudyQueryPlan }> = [];
  for (const text of ["", SAMPLE_TEXT])
    for (const modality of ["", ...FILTER_MODALITIES] as const)
      for (const [from, to] of DATE_RANGES)
        for (const sort of Object.keys(STUDY_SORTS) as StudySort[]) {
          const filters: StudyFilters = { text, modality, from, to, sort };
          shapes.push({ shape: describeFilters(filters), plan: buildStudyQueryPlan(filters) });
        }
  return shapes;
}

const direction = (d: "asc" | "desc") => (d === "asc" ? "ASCENDING" : "DESCENDING");

/** The index a plan needs; a range on a field other than the first order-by is an error (Firestore would need both in the index and sort by the range first). */
export function findRequiredIndex(plan: StudyQueryPlan): RequiredIndex {
  const ranges = plan.where.filter((w) => w.op === ">=" || w.op === "<=");
  const firstOrder = plan.orderBy[0];
  const stray = ranges.find((r) => r.field !== firstOrder?.field);
  if (stray) throw new Error(`study-indexes: the range on ${stray.field} must be the first order-by, got ${firstOrder?.field ?? "none"}`);
  const fields = new Set([...plan.where.map((w) => w.field), ...plan.orderBy.map((o) => o.field)]);
  if (fields.size <= 1) return { kind: "single-field", field: [...fields][0] ?? "__name__" };
  const equalities = plan.where
    .filter((w) => w.op === "==" || w.op === "array-contains")
    .map((w) => (w.op === "array-contains" ? `${w.field} CONTAINS` : `${w.field} ASCENDING`))
    .sort();
  return { kind: "composite", equalities, order: plan.orderBy.map((o) => `${o.field} ${direction(o.direction)}`) };
}

function describeFields(index: DeclaredIndex): string[] {
  return index.fields.map((f) => `${f.fieldPath} ${f.arrayConfig ?? f.order}`);
}

/** "searchTerms CONTAINS, modalities.CT ASCENDING, updatedAt DESCENDING" */
export function describeIndex(index: DeclaredIndex | RequiredIndex): string {
  if ("kind" in index) return index.kind === "single-field" ? `${index.field} (automatic single-field index)` : [...index.equalities, ...index.order].join(", ");
  return describeFields(index).join(", ");
}

/** Whether a declared index has exactly the equality fields (any order) followed by the order-by fields. */
export function indexServes(index: DeclaredIndex, required: RequiredIndex): boolean {
  if (required.kind !== "composite") return false;
  const fields = describeFields(index);
  const n = required.equalities.length;
  if (fields.length !== n + required.order.length) return false;
  return [...fields.slice(0, n)].sort().join() === required.equalities.join() && fields.slice(n).join() === required.order.join();
}

/** Checks every study-list query shape against the declared indexes of `users/{uid}/studies`. */
export function checkStudyIndexes(file: IndexesFile): StudyIndexReport {
  const declared = file.indexes.filter((index) => index.collectionGroup === "studies" && index.queryScope === "COLLECTION");
  const shapes = listStudyQueryShapes().map(({ shape, plan }): QueryShapeCheck => {
    const required = findRequiredIndex(plan);
    return { shape, plan, required, servedBy: declared.find((index) => indexServes(index, required)) ?? null };
  });
  return {
    shapes,
    missing: shapes.filter((s) => s.required.kind === "composite" && !s.servedBy),
    unused: declared.filter((index) => !shapes.some((s) => s.servedBy === index)),
  };
}

/** The check for one plan (the one a bench runs): its required index and the declared one serving it. */
export function findServingIndex(file: IndexesFile, plan: StudyQueryPlan): { required: RequiredIndex; servedBy: DeclaredIndex | null } {
  const required = findRequiredIndex(plan);
  const servedBy = file.indexes.find((index) => index.collectionGroup === "studies" && index.queryScope === "COLLECTION" && indexServes(index, required)) ?? null;
  return { required, servedBy };
}
