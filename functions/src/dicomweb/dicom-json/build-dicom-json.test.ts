import { buildDicomJson, buildDicomJsonElement, buildPersonNameJson } from "./build-dicom-json";
import { findAttribute, findByTag, requireKeyword } from "./dicom-dictionary";
import { INSTANCE_DEFAULT_KEYWORDS, SERIES_DEFAULT_KEYWORDS, STUDY_DEFAULT_KEYWORDS } from "./level-attributes";

it("finds attributes by keyword or tag in the PS3.6 dictionary", () => {
  expect(findAttribute("PatientName")).toEqual({ keyword: "PatientName", tag: "00100010", vr: "PN" });
  expect(findAttribute("0020000d")).toEqual({ keyword: "StudyInstanceUID", tag: "0020000D", vr: "UI" });
  expect(findByTag("7FE00010")).toEqual({ keyword: "PixelData", tag: "7FE00010", vr: "OW" });
  expect(findAttribute("NotAKeyword")).toBeUndefined();
  expect(findAttribute("constructor")).toBeUndefined();
  expect(findByTag("00091001")).toBeUndefined();
});

it("knows every keyword the levels return (a typo would throw)", () => {
  for (const keyword of [...STUDY_DEFAULT_KEYWORDS, ...SERIES_DEFAULT_KEYWORDS, ...INSTANCE_DEFAULT_KEYWORDS]) expect(requireKeyword(keyword).keyword).toBe(keyword);
});

it("writes numbers of number VRs as JSON numbers, strings as strings (PS3.18 F.2.3)", () => {
  expect(buildDicomJsonElement("Rows", 512)).toEqual(["00280010", { vr: "US", Value: [512] }]);
  expect(buildDicomJsonElement("SeriesNumber", "3")).toEqual(["00200011", { vr: "IS", Value: [3] }]);
  expect(buildDicomJsonElement("PixelSpacing", [0.5, 0.25])).toEqual(["00280030", { vr: "DS", Value: [0.5, 0.25] }]);
  expect(buildDicomJsonElement("StudyDate", "20240131")).toEqual(["00080020", { vr: "DA", Value: ["20240131"] }]);
  expect(buildDicomJsonElement("ModalitiesInStudy", ["CT", "MR"])).toEqual(["00080061", { vr: "CS", Value: ["CT", "MR"] }]);
});

it("splits a stored backslash list into values, except in text VRs", () => {
  expect(buildDicomJsonElement("ImageType", "ORIGINAL\\PRIMARY")).toEqual(["00080008", { vr: "CS", Value: ["ORIGINAL", "PRIMARY"] }]);
  expect(buildDicomJsonElement("RetrieveURL", "http://a/b\\c")).toEqual(["00081190", { vr: "UR", Value: ["http://a/b\\c"] }]);
});

it("writes an empty or absent value as the VR alone (a Type 2 attribute returned empty)", () => {
  expect(buildDicomJsonElement("AccessionNumber", undefined)).toEqual(["00080050", { vr: "SH" }]);
  expect(buildDicomJsonElement("AccessionNumber", "")).toEqual(["00080050", { vr: "SH" }]);
});

it("writes person names as their component groups (PS3.18 F.2.7)", () => {
  expect(buildPersonNameJson("Doe^Jane")).toEqual({ Alphabetic: "Doe^Jane" });
  expect(buildPersonNameJson("Yamada^Tarou=山田^太郎=やまだ^たろう")).toEqual({ Alphabetic: "Yamada^Tarou", Ideographic: "山田^太郎", Phonetic: "やまだ^たろう" });
  expect(buildPersonNameJson("=山田^太郎")).toEqual({ Ideographic: "山田^太郎" });
  expect(buildDicomJsonElement("PatientName", "Doe^Jane")).toEqual(["00100010", { vr: "PN", Value: [{ Alphabetic: "Doe^Jane" }] }]);
});

it("orders a data set by tag and writes only the keywords asked for", () => {
  const json = buildDicomJson({ PatientName: "Doe^Jane", StudyDate: "20240131", Rows: 2 }, ["StudyDate", "PatientName"]);
  expect(Object.keys(json)).toEqual(["00080020", "00100010"]);
  expect(Object.keys(buildDicomJson({ Rows: 2, StudyDate: "20240131" }))).toEqual(["00080020", "00280010"]);
});
