import { StudyRecord, type SeriesAttributes, type StoredInstance, type StudyAttributes } from "@pacs/shared";
import { addInstance, applyContribution, chunkInstances, newContribution, type StudyContribution } from "./study-contribution";

const STUDY = "1.2.3";
const study: StudyAttributes = {
  StudyInstanceUID: STUDY,
  PatientID: "PID-1",
  PatientName: "Doe^Jane",
  StudyDate: "20240131",
  AccessionNumber: "ACC123",
  StudyDescription: "CT HEAD",
};

function series(uid: string, Modality: string, SeriesNumber?: number): SeriesAttributes {
  return { StudyInstanceUID: STUDY, SeriesInstanceUID: uid, Modality, ...(SeriesNumber === undefined ? {} : { SeriesNumber }) };
}

function instance(seriesUID: string, sop: string, byteLength: number): StoredInstance {
  return {
    byteLength,
    metadata: { StudyInstanceUID: STUDY, SeriesInstanceUID: seriesUID, SOPInstanceUID: sop, SOPClassUID: "1.2.840.10008.5.1.4.1.1.2", TransferSyntaxUID: "1.2.840.10008.1.2.1", Modality: "CT" },
  };
}

/** A contribution of `count` instances to each of the given series. */
function contribution(attributes: StudyAttributes, parts: Array<{ series: SeriesAttributes; count: number; bytes?: number }>): StudyContribution {
  const result = newContribution(attributes);
  let order = 0;
  for (const part of parts) {
    for (let i = 0; i < part.count; i++) {
      addInstance(result, order, part.series, instance(part.series.SeriesInstanceUID, `${part.series.SeriesInstanceUID}.${i}`, part.bytes ?? 100));
      order += 1;
    }
  }
  return result;
}

const t1 = new Date("2025-01-01T00:00:00Z");
const t2 = new Date("2025-01-02T00:00:00Z");

describe("applyContribution", () => {
  it("creates a study record with counts, series and search fields that the schema accepts", () => {
    const record = applyContribution(undefined, contribution(study, [{ series: series("1.2.3.2", "MR", 2), count: 2 }, { series: series("1.2.3.1", "CT", 1), count: 3, bytes: 10 }]), t1);
    expect(StudyRecord.parse(record)).toEqual(record);
    expect(record).toMatchObject({
      PatientName: "Doe^Jane",
      ModalitiesInStudy: ["CT", "MR"],
      NumberOfStudyRelatedSeries: 2,
      NumberOfStudyRelatedInstances: 5,
      totalBytes: 230,
      createdAt: t1,
      updatedAt: t1,
      modalities: { CT: true, MR: true },
      studyDateKey: "20240131",
    });
    expect(record.series.map((s) => [s.SeriesInstanceUID, s.NumberOfSeriesRelatedInstances])).toEqual([
      ["1.2.3.1", 3],
      ["1.2.3.2", 2],
    ]);
    expect(record.searchTerms).toEqual(expect.arrayContaining(["doe", "ja", "jane", "pid-1", "acc123", "ct", "head"]));
  });

  it("adds a later upload's counts, merges its series and keeps the first upload's attributes", () => {
    const first = applyContribution(undefined, contribution(study, [{ series: series("1.2.3.1", "CT", 1), count: 2 }]), t1);
    const later = contribution({ ...study, PatientName: "Other^Name", StudyDescription: undefined }, [
      { series: series("1.2.3.1", "CT", 1), count: 1 },
      { series: series("1.2.3.9", "SR"), count: 1 },
    ]);
    const record = applyContribution(first, later, t2);
    expect(record).toMatchObject({
      PatientName: "Doe^Jane",
      StudyDescription: "CT HEAD",
      NumberOfStudyRelatedSeries: 2,
      NumberOfStudyRelatedInstances: 4,
      totalBytes: 400,
      ModalitiesInStudy: ["CT", "SR"],
      modalities: { CT: true, SR: true },
      createdAt: t1,
      updatedAt: t2,
    });
    expect(record.series.map((s) => s.NumberOfSeriesRelatedInstances)).toEqual([3, 1]);
    expect(record.searchTerms).not.toContain("other");
  });

  it("fills attributes the first upload left empty and gives an old record its search fields", () => {
    const old = applyContribution(undefined, contribution({ StudyInstanceUID: STUDY, PatientID: "" }, [{ series: series("1.2.3.1", "CT"), count: 1 }]), t1);
    const { searchTerms, modalities, studyDateKey, ...beforeSearch } = old;
    expect(studyDateKey).toBe("");
    const record = applyContribution(StudyRecord.parse(beforeSearch), contribution(study, [{ series: series("1.2.3.2", "MR"), count: 1 }]), t2);
    expect(record).toMatchObject({ PatientID: "PID-1", PatientName: "Doe^Jane", studyDateKey: "20240131", modalities: { CT: true, MR: true } });
    expect(record.searchTerms).toEqual(expect.arrayContaining(["jane", "pid-1"]));
  });
});

describe("images the viewer cannot draw", () => {
  it("are counted per series with the first reason, across uploads", () => {
    const ct = series("1.2.3.1", "CT", 1);
    const first = newContribution(study);
    addInstance(first, 0, ct, instance(ct.SeriesInstanceUID, "a", 10));
    addInstance(first, 1, ct, { ...instance(ct.SeriesInstanceUID, "b", 10), undrawable: "no pixels" });
    const second = newContribution(study);
    addInstance(second, 0, ct, { ...instance(ct.SeriesInstanceUID, "c", 10), undrawable: "damaged" });
    const record = applyContribution(applyContribution(undefined, first, t1), second, t2);
    expect(record.series[0]).toMatchObject({ NumberOfSeriesRelatedInstances: 3, undrawableImages: { count: 2, reason: "no pixels" } });
    expect(StudyRecord.parse(record).series[0]?.undrawableImages).toEqual({ count: 2, reason: "no pixels" });
  });
});

describe("chunkInstances", () => {
  it("cuts instances in upload order into groups of the given size", () => {
    const parts = contribution(study, [{ series: series("1.2.3.1", "CT"), count: 5 }]);
    parts.instances.reverse();
    const chunks = chunkInstances(parts, 2);
    expect(chunks.map((chunk) => chunk.map((i) => i.metadata.SOPInstanceUID))).toEqual([["1.2.3.1.0", "1.2.3.1.1"], ["1.2.3.1.2", "1.2.3.1.3"], ["1.2.3.1.4"]]);
  });
});
