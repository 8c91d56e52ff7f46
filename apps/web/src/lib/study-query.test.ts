import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  FILTER_MODALITIES,
  NO_FILTERS,
  STUDY_SORTS,
  buildStudyQueryPlan,
  dateInputToKey,
  matchesOtherTokens,
  type StudyFilters,
  type StudyQueryPlan,
  type StudySort,
} from "./study-query";

const plan = (filters: Partial<StudyFilters>) => buildStudyQueryPlan({ ...NO_FILTERS, ...filters });

describe("buildStudyQueryPlan", () => {
  it("lists the most recently changed studies first when nothing is set", () => {
    expect(plan({})).toEqual({ where: [], orderBy: [{ field: "updatedAt", direction: "desc" }], sort: "updated", otherTokens: [] });
  });

  it("looks up the longest typed word and leaves the others to the browser", () => {
    expect(plan({ text: "  Jane DOE-1 " })).toMatchObject({
      where: [{ field: "searchTerms", op: "array-contains", value: "doe-1" }],
      otherTokens: ["jane"],
    });
    expect(plan({ text: "Müller" }).where).toEqual([{ field: "searchTerms", op: "array-contains", value: "muller" }]);
    expect(plan({ text: " ^ " }).where).toEqual([]);
  });

  it("filters a modality by equality, so it combines with the search", () => {
    expect(plan({ text: "ja", modality: "MR" }).where).toEqual([
      { field: "searchTerms", op: "array-contains", value: "ja" },
      { field: "modalities.MR", op: "==", value: true },
    ]);
  });

  it("sorts by study date when a date range is set, newest first unless oldest was chosen", () => {
    expect(plan({ from: "20240101", to: "20241231" })).toMatchObject({
      where: [
        { field: "studyDateKey", op: ">=", value: "20240101" },
        { field: "studyDateKey", op: "<=", value: "20241231" },
      ],
      orderBy: [{ field: "studyDateKey", direction: "desc" }],
      sort: "study-date-desc",
    });
    expect(plan({ to: "20241231", sort: "study-date-asc" }).orderBy).toEqual([{ field: "studyDateKey", direction: "asc" }]);
    expect(plan({ sort: "study-date-asc" })).toMatchObject({ where: [], orderBy: [{ field: "studyDateKey", direction: "asc" }] });
  });
});

describe("matchesOtherTokens", () => {
  it("keeps a row only when it has every other typed word", () => {
    const both = plan({ text: "jane doe" });
    expect(matchesOtherTokens(both, ["doe", "jane"])).toBe(true);
    expect(matchesOtherTokens(both, ["jane"])).toBe(false);
    expect(matchesOtherTokens(both, undefined)).toBe(false);
    expect(matchesOtherTokens(plan({ text: "jane" }), undefined)).toBe(true);
  });
});

it("reads a date input as YYYYMMDD", () => {
  expect(dateInputToKey("2024-01-31")).toBe("20240131");
  expect(dateInputToKey("")).toBe("");
});

type IndexField = { fieldPath: string; order?: "ASCENDING" | "DESCENDING"; arrayConfig?: "CONTAINS" };
type Index = { collectionGroup: string; queryScope: string; fields: IndexField[] };

/** Every plan the page can produce: each search/modality/range/sort combination. */
function everyPlan(): StudyQueryPlan[] {
  const plans: StudyQueryPlan[] = [];
  for (const text of ["", "doe"])
    for (const modality of ["", ...FILTER_MODALITIES] as const)
      for (const [from, to] of [["", ""], ["20240101", ""], ["", "20241231"], ["20240101", "20241231"]] as const)
        for (const sort of Object.keys(STUDY_SORTS) as StudySort[]) plans.push(buildStudyQueryPlan({ text, modality, from, to, sort }));
  return plans;
}

/**
 * The composite index a plan needs, as Firestore describes it: equality and
 * array-contains fields (in any order), then the order-by fields in order.
 * A plan on one field is served by Firestore's automatic single-field indexes.
 */
function requiredIndex(plan: StudyQueryPlan): { equalities: string[]; order: string[] } | null {
  const equalities = plan.where
    .filter((w) => w.op === "==" || w.op === "array-contains")
    .map((w) => (w.op === "array-contains" ? `${w.field}:CONTAINS` : `${w.field}:ASCENDING`))
    .sort();
  const order = plan.orderBy.map((o) => `${o.field}:${o.direction === "asc" ? "ASCENDING" : "DESCENDING"}`);
  const fields = new Set([...plan.where.map((w) => w.field), ...plan.orderBy.map((o) => o.field)]);
  return fields.size > 1 ? { equalities, order } : null;
}

describe("firestore.indexes.json", () => {
  const file = JSON.parse(readFileSync(join(__dirname, "../../../../firestore.indexes.json"), "utf8")) as { indexes: Index[] };
  const studyIndexes = file.indexes.filter((index) => index.collectionGroup === "studies" && index.queryScope === "COLLECTION");

  function serves(index: Index, needed: { equalities: string[]; order: string[] }): boolean {
    const described = index.fields.map((f) => `${f.fieldPath}:${f.arrayConfig ?? f.order}`);
    const n = needed.equalities.length;
    return described.length === n + needed.order.length && [...described.slice(0, n)].sort().join() === needed.equalities.join() && described.slice(n).join() === needed.order.join();
  }

  it("has a composite index for every query the study list can make", () => {
    const missing = everyPlan()
      .map(requiredIndex)
      .filter((needed): needed is NonNullable<typeof needed> => needed !== null && !studyIndexes.some((index) => serves(index, needed)));
    expect(missing).toEqual([]);
  });

  it("has no study index that no query uses", () => {
    const needed = everyPlan().map(requiredIndex).filter((n) => n !== null);
    expect(studyIndexes.filter((index) => !needed.some((n) => serves(index, n)))).toEqual([]);
  });
});
