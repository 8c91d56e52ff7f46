import { findAttribute } from "../dicom-json/dicom-dictionary";
import type { NaturalValue } from "../dicom-json/build-dicom-json";
import { buildDatasetMatcher, buildValueMatcher, normalizeTemporal } from "./dicom-match";
import type { MatchKey } from "./qido-query";

function key(keyword: string, value: string): MatchKey {
  return { ...findAttribute(keyword)!, value };
}
const matches = (keyword: string, value: string, stored: NaturalValue, fuzzy = false) => buildValueMatcher(key(keyword, value), fuzzy)(stored);

describe("universal matching", () => {
  it.each(["", "*", "**"])("%p matches any value, and a missing one", (value) => {
    expect(matches("PatientName", value, "Doe^Jane")).toBe(true);
    expect(matches("AccessionNumber", value, undefined)).toBe(true);
  });
});

describe("single value and wild card matching", () => {
  it("matches strings exactly and case-sensitively", () => {
    expect(matches("PatientID", "PID-A1", "PID-A1")).toBe(true);
    expect(matches("PatientID", "pid-a1", "PID-A1")).toBe(false);
    expect(matches("PatientID", "PID-A", "PID-A1")).toBe(false);
    expect(matches("AccessionNumber", "ACC", undefined)).toBe(false);
  });

  it("reads * as any run and ? as one character, everything else literally", () => {
    expect(matches("StudyDescription", "CT*", "CT HEAD")).toBe(true);
    expect(matches("StudyDescription", "*HEAD", "CT HEAD")).toBe(true);
    expect(matches("StudyDescription", "C? HEAD", "CT HEAD")).toBe(true);
    expect(matches("StudyDescription", "C? HEAD", "CTT HEAD")).toBe(false);
    expect(matches("StudyDescription", "CT.*", "CTX")).toBe(false);
    expect(matches("StudyDescription", "(a+)*", "(a+)b")).toBe(true);
  });

  it("matches any value of a multi-valued attribute, and a CS list", () => {
    expect(matches("ModalitiesInStudy", "MR", ["CT", "MR"])).toBe(true);
    expect(matches("ModalitiesInStudy", "PT", ["CT", "MR"])).toBe(false);
    expect(matches("ModalitiesInStudy", "PT\\MR", ["CT", "MR"])).toBe(true);
    expect(matches("ModalitiesInStudy", "PT,MR", ["CT", "MR"])).toBe(true);
    expect(matches("ModalitiesInStudy", "C?", ["CT"])).toBe(true);
  });

  it("compares numbers as numbers", () => {
    expect(matches("SeriesNumber", "2", 2)).toBe(true);
    expect(matches("SeriesNumber", "002", 2)).toBe(true);
    expect(matches("SeriesNumber", "1,3", 3)).toBe(true);
    expect(matches("SeriesNumber", "1,3", 2)).toBe(false);
    expect(() => matches("SeriesNumber", "two", 2)).toThrow(/SeriesNumber=two: not a number/);
  });
});

describe("UID list matching", () => {
  it("matches any UID of a comma or backslash list, exactly", () => {
    expect(matches("StudyInstanceUID", "1.2,1.3", "1.3")).toBe(true);
    expect(matches("StudyInstanceUID", "1.2\\1.3", "1.2")).toBe(true);
    expect(matches("StudyInstanceUID", "1.2,1.3", "1.23")).toBe(false);
  });
});

describe("range matching", () => {
  it("matches dates in a closed range, inclusive", () => {
    expect(matches("StudyDate", "20200101-20201231", "20200101")).toBe(true);
    expect(matches("StudyDate", "20200101-20201231", "20201231")).toBe(true);
    expect(matches("StudyDate", "20200101-20201231", "20210101")).toBe(false);
    expect(matches("StudyDate", "20200101-20201231", undefined)).toBe(false);
  });

  it("matches open-ended date ranges and a single date", () => {
    expect(matches("StudyDate", "20200101-", "20991231")).toBe(true);
    expect(matches("StudyDate", "20200101-", "20191231")).toBe(false);
    expect(matches("StudyDate", "-20200101", "19000101")).toBe(true);
    expect(matches("StudyDate", "-20200101", "20200102")).toBe(false);
    expect(matches("StudyDate", "20240131", "20240131")).toBe(true);
    expect(matches("StudyDate", "20240131", "20240130")).toBe(false);
  });

  it("reads an ACR-NEMA stored date (YYYY.MM.DD)", () => {
    expect(matches("StudyDate", "20200101-20200201", "2020.01.15")).toBe(true);
  });

  it("matches times to the precision given, colons or not", () => {
    expect(matches("StudyTime", "0900-1000", "093015.123")).toBe(true);
    expect(matches("StudyTime", "0900-1000", "1000")).toBe(true);
    expect(matches("StudyTime", "0900-10", "105959")).toBe(true);
    expect(matches("StudyTime", "0900-1000", "100100")).toBe(false);
    expect(matches("StudyTime", "10", "10:30:00")).toBe(true);
    expect(matches("StudyTime", "-0800", "075959")).toBe(true);
  });

  it("refuses a value that is no date, with a sentence", () => {
    expect(() => matches("StudyDate", "2020-01-01", "20200101")).toThrow(/StudyDate=2020-01-01: not a DA value or range/);
    expect(() => matches("StudyDate", "yesterday", "20200101")).toThrow(/YYYYMMDD-YYYYMMDD/);
    expect(() => matches("StudyDate", "-", "20200101")).toThrow(/not a DA value/);
  });

  it("normalizes temporal values so that they compare as text", () => {
    expect(normalizeTemporal("2020.01.02", "DA", "0")).toBe("20200102");
    expect(normalizeTemporal("10", "TM", "0")).toBe("100000000000");
    expect(normalizeTemporal("10", "TM", "9")).toBe("109999999999");
    expect(normalizeTemporal("10:30:00.5", "TM", "0")).toBe("103000500000");
    expect(normalizeTemporal("1030.5", "TM", "0")).toBeUndefined();
    expect(normalizeTemporal("2020", "DT", "0")).toBe("20200000000000000000");
    expect(normalizeTemporal("20200102030405+0100", "DT", "0")).toBe("20200102030405000000");
  });
});

describe("person name matching", () => {
  it("matches the whole name, case-insensitively, ignoring trailing empty components", () => {
    expect(matches("PatientName", "doe^jane", "Doe^Jane")).toBe(true);
    expect(matches("PatientName", "Doe^Jane^^", "Doe^Jane")).toBe(true);
    expect(matches("PatientName", "Doe", "Doe^Jane")).toBe(false);
    expect(matches("PatientName", "Doe*", "Doe^Jane")).toBe(true);
    expect(matches("PatientName", "*jane", "Doe^Jane")).toBe(true);
  });

  it("matches one component group (ideographic or phonetic) on its own", () => {
    const name = "Yamada^Tarou=山田^太郎=やまだ^たろう";
    expect(matches("PatientName", "山田^太郎", name)).toBe(true);
    expect(matches("PatientName", "山田*", name)).toBe(true);
    expect(matches("PatientName", "Yamada^Tarou", name)).toBe(true);
    expect(matches("PatientName", "太郎", name)).toBe(false);
  });

  it("with fuzzy matching, finds a name by the start of any of its names, accents and case folded", () => {
    expect(matches("PatientName", "jan", "Doe^Jane", true)).toBe(true);
    expect(matches("PatientName", "DO", "Doe^Jane", true)).toBe(true);
    expect(matches("PatientName", "jane doe", "Doe^Jane", true)).toBe(true);
    expect(matches("PatientName", "doe^jane", "Doe^Jane", true)).toBe(true);
    expect(matches("PatientName", "muller", "Müller^Hans", true)).toBe(true);
    expect(matches("PatientName", "oe", "Doe^Jane", true)).toBe(false);
    expect(matches("PatientName", "jane smith", "Doe^Jane", true)).toBe(false);
    expect(matches("PatientName", "太郎", "Yamada^Tarou=山田^太郎", true)).toBe(true);
    expect(matches("PatientName", "berg", "van der Berg^Anna", true)).toBe(true);
    expect(matches("PatientName", "j?ne", "Doe^Jane", true)).toBe(true);
  });

  it("leaves the name prefix and suffix out of fuzzy matching", () => {
    expect(matches("PatientName", "dr", "Doe^Jane^^Dr^MD", true)).toBe(false);
  });
});

describe("data set matching", () => {
  it("needs every key to match", () => {
    const matcher = buildDatasetMatcher([key("PatientName", "Doe*"), key("ModalitiesInStudy", "CT")], false);
    expect(matcher({ PatientName: "Doe^Jane", ModalitiesInStudy: ["CT"] })).toBe(true);
    expect(matcher({ PatientName: "Doe^Jane", ModalitiesInStudy: ["MR"] })).toBe(false);
    expect(matcher({ PatientName: "Roe^Jane", ModalitiesInStudy: ["CT"] })).toBe(false);
  });
});
