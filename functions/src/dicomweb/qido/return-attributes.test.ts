import { requireDicomJson } from "./accept";
import { parseQidoQuery, type QueryLevel } from "./qido-query";
import { pickReturnKeywords } from "./return-attributes";

const query = (text: string, level: QueryLevel) => parseQidoQuery(new URLSearchParams(text), level);
const natural = { StudyInstanceUID: "1.2", PatientName: "Doe^Jane", PatientAge: undefined, SeriesInstanceUID: "1.2.3", Modality: "CT", BodyPartExamined: "HEAD", SeriesDate: undefined, SOPInstanceUID: "1.2.3.4", Rows: 2 };

describe("pickReturnKeywords", () => {
  it("returns a study's defaults, its matching keys and the included attributes the archive keeps", () => {
    const keywords = pickReturnKeywords(query("PatientSex=&includefield=00080060,StudyID", "study"), "all-studies", { ...natural, StudyID: "7" });
    expect(keywords).toEqual(expect.arrayContaining(["StudyInstanceUID", "PatientName", "ModalitiesInStudy", "RetrieveURL", "PatientSex", "StudyID", "Modality"]));
    expect(keywords).not.toContain("BodyPartExamined");
  });

  it("leaves out an included attribute the archive does not keep at that level", () => {
    expect(pickReturnKeywords(query("includefield=PatientWeight", "study"), "all-studies", natural)).not.toContain("PatientWeight");
  });

  it("adds the study's attributes to series found across studies, not to a study's own series", () => {
    expect(pickReturnKeywords(query("", "series"), "all-studies", natural)).toContain("PatientName");
    const inStudy = pickReturnKeywords(query("", "series"), "in-study", natural);
    expect(inStudy).not.toContain("PatientName");
    expect(inStudy).toEqual(expect.arrayContaining(["SeriesInstanceUID", "Modality", "StudyInstanceUID", "NumberOfSeriesRelatedInstances"]));
    expect(inStudy).not.toContain("SeriesDate");
  });

  it("returns the series' attributes with instances only when the path does not name the series", () => {
    expect(pickReturnKeywords(query("", "instance"), "in-study", natural)).toContain("Modality");
    expect(pickReturnKeywords(query("", "instance"), "in-series", natural)).not.toContain("Modality");
    expect(pickReturnKeywords(query("", "instance"), "in-series", natural)).toEqual(expect.arrayContaining(["SOPInstanceUID", "SOPClassUID", "Rows", "RetrieveURL"]));
  });

  it("returns everything the archive keeps with includefield=all", () => {
    expect(pickReturnKeywords(query("includefield=all", "series"), "in-study", natural)).toEqual(expect.arrayContaining(Object.keys(natural)));
  });
});

describe("requireDicomJson", () => {
  it.each([undefined, "", "application/dicom+json", "application/json", "*/*", "text/html, application/dicom+json;q=0.9", "application/*"])("accepts %p", (accept) => {
    expect(() => requireDicomJson(accept)).not.toThrow();
  });

  it.each(['multipart/related; type="application/dicom+xml"', "application/dicom+xml", "application/dicom+json;q=0"])("refuses %p with a 406 that says what it can have", (accept) => {
    expect(() => requireDicomJson(accept)).toThrow(expect.objectContaining({ status: 406, message: expect.stringMatching(/application\/dicom\+json only/) }));
  });
});
