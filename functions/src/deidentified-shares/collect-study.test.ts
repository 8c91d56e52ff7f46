import { DeidentifiedStudyCollector } from "./collect-study";

const read = (series: string, SeriesNumber: number | undefined, Modality: string) => ({
  study: { StudyInstanceUID: "2.25.1", PatientID: "Case 12", PatientName: "Case 12" },
  series: { StudyInstanceUID: "2.25.1", SeriesInstanceUID: series, Modality, ...(SeriesNumber !== undefined ? { SeriesNumber } : {}) },
});

it("builds the study from the copies' own headers: series once each, counted, in series number order", () => {
  const collector = new DeidentifiedStudyCollector();
  expect(collector.build()).toBeNull();
  collector.add(read("2.25.3", 2, "MR"));
  collector.add(read("2.25.2", 1, "CT"));
  collector.add(read("2.25.3", 2, "MR"));
  collector.add(read("2.25.4", undefined, "SR"));
  const study = collector.build()!;
  expect(study).toMatchObject({ StudyInstanceUID: "2.25.1", PatientName: "Case 12", ModalitiesInStudy: ["CT", "MR", "SR"] });
  expect(study.series.map((s) => [s.SeriesInstanceUID, s.NumberOfSeriesRelatedInstances])).toEqual([
    ["2.25.2", 1],
    ["2.25.3", 2],
    ["2.25.4", 1],
  ]);
});
