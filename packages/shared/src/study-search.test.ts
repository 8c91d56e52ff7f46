import {
  MAX_SEARCH_TERMS,
  buildModalityFlags,
  buildSearchTerms,
  buildSearchTokens,
  buildStudyDateKey,
  buildStudySearchFields,
  foldSearchText,
} from "./study-search";
import { StudyRecord } from "./studies";

/** What the study list does: every token typed must be a stored term. */
function finds(study: Parameters<typeof buildSearchTerms>[0], typed: string): boolean {
  const terms = new Set(buildSearchTerms(study));
  const tokens = buildSearchTokens(typed);
  return tokens.length > 0 && tokens.every((token) => terms.has(token));
}

describe("buildSearchTerms", () => {
  it("finds a DICOM name by either part, in any case", () => {
    const study = { PatientName: "Doe^Jane" };
    for (const typed of ["ja", "jane", "JANE", "d", "doe", "DOE", "Jane Doe", "doe^jane"]) expect(finds(study, typed)).toBe(true);
    for (const typed of ["oe", "janet", "smith", "jane smith"]) expect(finds(study, typed)).toBe(false);
  });

  it("finds the middle name and each word of a multi-word family name, not the prefix or suffix", () => {
    const study = { PatientName: "van der Berg^Anna^Maria^Dr^PhD" };
    for (const typed of ["berg", "van", "maria", "anna berg"]) expect(finds(study, typed)).toBe(true);
    expect(finds(study, "dr")).toBe(false);
    expect(finds(study, "phd")).toBe(false);
  });

  it("ignores accents on either side", () => {
    expect(finds({ PatientName: "Müller^José" }, "mul")).toBe(true);
    expect(finds({ PatientName: "Müller^José" }, "MÜLLER jose")).toBe(true);
    expect(finds({ PatientName: "Muller^Jose" }, "josé")).toBe(true);
  });

  it("finds Japanese names by the ideographic and the phonetic group", () => {
    const study = { PatientName: "Yamada^Tarou=山田^太郎=やまだ^たろう" };
    for (const typed of ["山田", "山", "太郎", "やまだ", "たろう", "yamada", "tarou"]) expect(finds(study, typed)).toBe(true);
    // Voiced kana stay voiced: だ is not た.
    expect(finds({ PatientName: "=たなか" }, "だな")).toBe(false);
  });

  it("finds patient ID and accession whole or by their parts, and description words", () => {
    const study = { PatientID: "PID-0042", AccessionNumber: "ACC123", StudyDescription: "CT HEAD/NECK w contrast" };
    for (const typed of ["pid-0042", "PID-0", "0042", "acc1", "head", "neck", "contr", "ct head", "head/neck"]) expect(finds(study, typed)).toBe(true);
    expect(finds(study, "acc124")).toBe(false);
  });

  it("has no repeats and no empty terms", () => {
    const terms = buildSearchTerms({ PatientName: "Doe^Doe", PatientID: "", StudyDescription: "  doe  " });
    expect(terms).toEqual(["d", "do", "doe"]);
  });

  it("keeps at most 200 terms of at most 20 characters, name and IDs first", () => {
    const description = Array.from({ length: 100 }, (_, i) => `word${i}description`).join(" ");
    const terms = buildSearchTerms({ PatientName: "Doe^Jane", PatientID: "PID-1", StudyDescription: description });
    expect(terms).toHaveLength(MAX_SEARCH_TERMS);
    expect(terms).toEqual(expect.arrayContaining(["doe", "jane", "pid-1", "pid", "1"]));
    const long = buildSearchTerms({ StudyDescription: "a".repeat(40) });
    expect(long).toHaveLength(20);
    expect(finds({ StudyDescription: "a".repeat(40) }, "a".repeat(35))).toBe(true);
    const record = StudyRecord.shape.searchTerms;
    expect(record.safeParse(terms).success).toBe(true);
  });
});

describe("buildSearchTokens", () => {
  it("folds and splits what is typed like the stored words", () => {
    expect(buildSearchTokens("  Müller, JANE  ")).toEqual(["muller", "jane"]);
    expect(buildSearchTokens("")).toEqual([]);
    expect(buildSearchTokens("doe doe")).toEqual(["doe"]);
  });
});

describe("the other search fields", () => {
  it("sorts dates as YYYYMMDD and unknown dates as empty", () => {
    expect(buildStudyDateKey("20240131")).toBe("20240131");
    expect(buildStudyDateKey("2024.01.31")).toBe("20240131");
    expect(buildStudyDateKey(undefined)).toBe("");
    expect(buildStudyDateKey("yesterday")).toBe("");
  });

  it("maps modalities to flags and derives everything from a summary", () => {
    expect(buildModalityFlags(["CT", "MR"])).toEqual({ CT: true, MR: true });
    expect(buildStudySearchFields({ PatientName: "Doe^Jane", StudyDate: "20240131", ModalitiesInStudy: ["CT"] })).toEqual({
      searchTerms: ["d", "do", "doe", "j", "ja", "jan", "jane"],
      modalities: { CT: true },
      studyDateKey: "20240131",
    });
  });

  it("folds full-width Latin like plain text", () => {
    expect(foldSearchText("ＤＯＥ")).toBe("doe");
  });
});
