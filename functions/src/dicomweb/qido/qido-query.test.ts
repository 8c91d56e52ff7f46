import { MAX_RESULTS, parseQidoQuery } from "./qido-query";

const parse = (query: string, level: "study" | "series" | "instance" = "study") => parseQidoQuery(new URLSearchParams(query), level);

it("names attributes by keyword or by tag, with their dictionary VR", () => {
  const query = parse("PatientName=Doe*&00100020=PID-1&0020000d=1.2.3");
  expect(query.keys).toEqual([
    { keyword: "PatientName", tag: "00100010", vr: "PN", value: "Doe*" },
    { keyword: "PatientID", tag: "00100020", vr: "LO", value: "PID-1" },
    { keyword: "StudyInstanceUID", tag: "0020000D", vr: "UI", value: "1.2.3" },
  ]);
  expect(query.warnings).toEqual([]);
});

it("keeps an empty value as universal matching", () => {
  expect(parse("AccessionNumber=").keys).toEqual([expect.objectContaining({ keyword: "AccessionNumber", value: "" })]);
});

it("reads limit, offset and fuzzymatching, with the server's cap when no limit is given", () => {
  expect(parse("limit=25&offset=50&fuzzymatching=true")).toMatchObject({ limit: 25, offset: 50, fuzzy: true });
  expect(parse("")).toMatchObject({ limit: MAX_RESULTS, offset: 0, fuzzy: false });
  expect(parse("limit=0")).toMatchObject({ limit: MAX_RESULTS });
});

it("caps a limit over the server's maximum, and says so", () => {
  const query = parse(`limit=${MAX_RESULTS + 1}`);
  expect(query.limit).toBe(MAX_RESULTS);
  expect(query.warnings).toEqual([expect.stringMatching(/maximum of 1000/)]);
});

it.each([
  ["limit=-1", /limit parameter must be a whole number/],
  ["offset=ten", /offset parameter must be a whole number/],
  ["fuzzymatching=yes", /fuzzymatching parameter must be true or false/],
  ["PatientNmae=Doe", /PatientNmae is not a DICOM attribute keyword or tag/],
  ["7777AAAA=1", /7777AAAA is not a DICOM attribute/],
  ["includefield=PatientNmae", /includefield PatientNmae is not a DICOM attribute/],
  ["PatientID=1&PatientID=2", /PatientID is given 2 times/],
])("refuses %s with a 400 that names the problem", (query, message) => {
  expect(() => parse(query)).toThrow(message);
  try {
    parse(query);
  } catch (error) {
    expect((error as { status: number }).status).toBe(400);
  }
});

it("ignores, with a warning, real attributes the archive does not keep at that level", () => {
  const query = parse("PatientWeight=70&SOPClassUID=1.2&PatientName=Doe");
  expect(query.keys.map((k) => k.keyword)).toEqual(["PatientName"]);
  expect(query.warnings).toEqual([
    expect.stringMatching(/PatientWeight is not kept by this archive at the study level/),
    expect.stringMatching(/SOPClassUID is not kept by this archive at the study level/),
  ]);
  expect(parse("SOPClassUID=1.2", "instance").keys.map((k) => k.keyword)).toEqual(["SOPClassUID"]);
  expect(parse("Modality=CT", "series").keys.map((k) => k.keyword)).toEqual(["Modality"]);
});

it("ignores sequence paths and lower-case parameters of the client's own, with a warning", () => {
  const query = parse("00400275.00401001=X&_=12345");
  expect(query.keys).toEqual([]);
  expect(query.warnings).toEqual([expect.stringMatching(/matching inside sequences/), expect.stringMatching(/parameter _ is not supported/)]);
});

it("reads includefield as keywords or tags, comma-separated or repeated, and all", () => {
  expect(parse("includefield=00081030,00080060&includefield=PatientAge")).toMatchObject({ includeAll: false, includeKeywords: ["StudyDescription", "Modality", "PatientAge"] });
  expect(parse("includefield=all")).toMatchObject({ includeAll: true, includeKeywords: [] });
});
