import type { StudySummary } from "@pacs/shared";
import { describeStudy } from "./study-label";

const study: StudySummary = {
  StudyInstanceUID: "1.2.3",
  PatientID: "PID-1",
  PatientName: "Doe^Jane",
  StudyDate: "20240131",
  StudyDescription: "CT HEAD",
  ModalitiesInStudy: ["CT"],
  NumberOfStudyRelatedSeries: 2,
  NumberOfStudyRelatedInstances: 6,
  totalBytes: 6_000,
};

it("names a study by patient, description, date and size", () => {
  expect(describeStudy(study)).toBe("Doe, Jane · CT HEAD · 2024-01-31 · 2 series, 6 images");
});

it("leaves out what the study does not record", () => {
  const anonymous = { ...study, PatientName: undefined, StudyDescription: undefined, StudyDate: undefined, NumberOfStudyRelatedSeries: 1, NumberOfStudyRelatedInstances: 1 };
  expect(describeStudy(anonymous)).toBe("Unnamed patient · 1 series, 1 image");
});
