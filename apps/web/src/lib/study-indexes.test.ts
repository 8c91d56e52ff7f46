import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkStudyIndexes, describeIndex, findRequiredIndex, findServingIndex, listStudyQueryShapes, type IndexesFile } from "./study-indexes";
import { FILTER_MODALITIES, NO_FILTERS, STUDY_SORTS, buildStudyQueryPlan } from "./study-query";

const declared = JSON.parse(readFileSync(join(__dirname, "../../../../firestore.indexes.json"), "utf8")) as IndexesFile;
const plan = (filters: Partial<typeof NO_FILTERS>) => buildStudyQueryPlan({ ...NO_FILTERS, ...filters });

describe("firestore.indexes.json", () => {
  it("declares a composite index for every query shape the study list can build", () => {
    expect(checkStudyIndexes(declared).missing.map((s) => `${s.shape}: ${describeIndex(s.required)}`)).toEqual([]);
  });

  it("declares no study index that no query uses", () => {
    expect(checkStudyIndexes(declared).unused.map(describeIndex)).toEqual([]);
  });
});

describe("checkStudyIndexes", () => {
  it("covers every search mode: text or not, each modality, each date range kind, each sort", () => {
    const shapes = listStudyQueryShapes();
    expect(shapes).toHaveLength(2 * (FILTER_MODALITIES.length + 1) * 4 * Object.keys(STUDY_SORTS).length);
    expect(new Set(shapes.map((s) => s.shape)).size).toBe(shapes.length);
  });

  it("reports the query shapes an index was removed from", () => {
    const target = "searchTerms CONTAINS, modalities.MR ASCENDING, studyDateKey ASCENDING";
    const without = { indexes: declared.indexes.filter((index) => describeIndex(index) !== target) };
    expect(without.indexes).toHaveLength(declared.indexes.length - 1);
    const missing = checkStudyIndexes(without).missing;
    expect(missing.length).toBeGreaterThan(0);
    // Equality fields are listed sorted: Firestore takes them in any order.
    expect(new Set(missing.map((s) => describeIndex(s.required)))).toEqual(new Set(["modalities.MR ASCENDING, searchTerms CONTAINS, studyDateKey ASCENDING"]));
    expect(missing.map((s) => s.shape)).toContain("search + MR, sort study-date-asc");
  });

  it("reports an index nobody queries as unused", () => {
    const stray = { collectionGroup: "studies", queryScope: "COLLECTION", fields: [{ fieldPath: "PatientID", order: "ASCENDING" as const }, { fieldPath: "updatedAt", order: "DESCENDING" as const }] };
    expect(checkStudyIndexes({ indexes: [...declared.indexes, stray] }).unused).toEqual([stray]);
  });
});

describe("findRequiredIndex", () => {
  it("needs no declared index for a query on one field", () => {
    expect(findRequiredIndex(plan({}))).toEqual({ kind: "single-field", field: "updatedAt" });
    expect(findRequiredIndex(plan({ from: "20240101", to: "20241231" }))).toEqual({ kind: "single-field", field: "studyDateKey" });
  });

  it("needs the equality fields, then the order, for a search with a modality", () => {
    expect(findRequiredIndex(plan({ text: "doe", modality: "CT" }))).toEqual({
      kind: "composite",
      equalities: ["modalities.CT ASCENDING", "searchTerms CONTAINS"],
      order: ["updatedAt DESCENDING"],
    });
  });

  it("refuses a plan whose range is not on the first order-by field", () => {
    const bad = { ...plan({ from: "20240101" }), orderBy: [{ field: "updatedAt", direction: "desc" as const }] };
    expect(() => findRequiredIndex(bad)).toThrow("the range on studyDateKey must be the first order-by");
  });
});

it("names the declared index serving the prefix search the bench runs", () => {
  const { required, servedBy } = findServingIndex(declared, plan({ text: "FISCH" }));
  expect(describeIndex(required)).toBe("searchTerms CONTAINS, updatedAt DESCENDING");
  expect(servedBy && describeIndex(servedBy)).toBe("searchTerms CONTAINS, updatedAt DESCENDING");
});
