import { NO_FILTERS, STUDY_PAGE_SIZE, buildStudyPageQuery, buildStudyQueryPlan, dateInputToKey, isFullPage, matchesOtherTokens, type StudyFilters } from "./study-query";

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

describe("buildStudyPageQuery", () => {
  it("asks for one page of documents on every page, so each page costs the page size in reads", () => {
    const search = plan({ text: "doe" });
    expect(buildStudyPageQuery(search, 0)).toEqual({ plan: search, limit: STUDY_PAGE_SIZE, startAtPreviousLastRow: false });
    expect(buildStudyPageQuery(search, 1)).toEqual({ plan: search, limit: STUDY_PAGE_SIZE, startAtPreviousLastRow: true });
    expect(buildStudyPageQuery(search, 7).limit).toBe(STUDY_PAGE_SIZE);
  });

  it("offers another page only after a full one", () => {
    const page = buildStudyPageQuery(plan({}), 1);
    expect(isFullPage(page, STUDY_PAGE_SIZE)).toBe(true);
    expect(isFullPage(page, STUDY_PAGE_SIZE - 1)).toBe(false);
  });
});
