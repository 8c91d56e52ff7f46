import type { StoredInstance, StudyRecord } from "@pacs/shared";
import { buildDicomJsonManifest, findViewerObjectPath } from "./manifest";

const study: StudyRecord = {
  StudyInstanceUID: "1.2.3",
  PatientID: "PID-1",
  PatientName: "Doe^Jane",
  ModalitiesInStudy: ["CT", "SR"],
  NumberOfStudyRelatedSeries: 2,
  NumberOfStudyRelatedInstances: 3,
  totalBytes: 300,
  series: [
    { StudyInstanceUID: "1.2.3", SeriesInstanceUID: "1.2.3.1", Modality: "CT", SeriesNumber: 1, NumberOfSeriesRelatedInstances: 2 },
    { StudyInstanceUID: "1.2.3", SeriesInstanceUID: "1.2.3.2", Modality: "SR", SeriesNumber: 2, NumberOfSeriesRelatedInstances: 1 },
  ],
  createdAt: new Date(0),
  updatedAt: new Date(0),
};

function instance(series: string, sop: string, number?: number, z?: number): StoredInstance {
  return {
    byteLength: 100,
    metadata: {
      StudyInstanceUID: "1.2.3",
      SeriesInstanceUID: series,
      SOPInstanceUID: sop,
      SOPClassUID: "1.2.840.10008.5.1.4.1.1.2",
      TransferSyntaxUID: "1.2.840.10008.1.2.1",
      Modality: "CT",
      ...(number === undefined ? {} : { InstanceNumber: number }),
      ...(z === undefined ? {} : { ImagePositionPatient: [0, 0, z] }),
    },
  };
}

it("lists series in study order and slices in display order, each with its WADO-URI URL", () => {
  const instances = [instance("1.2.3.1", "9.2", 2), instance("1.2.3.2", "9.3"), instance("1.2.3.1", "9.1", 1)];
  const urls = new Map(instances.map((i) => [i.metadata.SOPInstanceUID, `https://signed/${i.metadata.SOPInstanceUID}`]));
  const manifest = buildDicomJsonManifest(study, instances, urls);
  const [only] = manifest.studies;
  expect(only).toMatchObject({ StudyInstanceUID: "1.2.3", PatientName: "Doe^Jane", Modalities: "CT\\SR", NumInstances: 3 });
  expect(only!.series.map((s) => s.SeriesInstanceUID)).toEqual(["1.2.3.1", "1.2.3.2"]);
  expect(only!.series[0]!.instances.map((i) => i.url)).toEqual(["dicomweb:https://signed/9.1", "dicomweb:https://signed/9.2"]);
});

it("orders slices without instance numbers by position along z", () => {
  const instances = [instance("1.2.3.1", "9.2", undefined, 10), instance("1.2.3.1", "9.1", undefined, -5)];
  const urls = new Map(instances.map((i) => [i.metadata.SOPInstanceUID, "u"]));
  const series = buildDicomJsonManifest(study, instances, urls).studies[0]!.series;
  expect(series).toHaveLength(1);
  expect(series[0]!.instances.map((i) => i.metadata.SOPInstanceUID)).toEqual(["9.1", "9.2"]);
});

it("sends the viewer to an instance's viewer-ready copy, with the copy's transfer syntax, and to the original when the copy failed", () => {
  const deflated = instance("1.2.3.1", "9.1", 1);
  const copied: StoredInstance = {
    ...deflated,
    metadata: { ...deflated.metadata, TransferSyntaxUID: "1.2.840.10008.1.2.1.99" },
    viewableCopy: { reason: "deflated data set", TransferSyntaxUID: "1.2.840.10008.1.2.1" },
  };
  const failed: StoredInstance = { ...instance("1.2.3.1", "9.2", 2), viewableCopy: { reason: "deflated data set", failure: "inflates past 10 bytes" } };
  expect(findViewerObjectPath("u1", copied)).toBe("instances/u1/1.2.3/1.2.3.1/9.1.viewable.dcm");
  expect(findViewerObjectPath("u1", failed)).toBe("instances/u1/1.2.3/1.2.3.1/9.2.dcm");
  const manifest = buildDicomJsonManifest(study, [copied, failed], new Map([["9.1", "u"], ["9.2", "v"]]));
  const [first, second] = manifest.studies[0]!.series[0]!.instances;
  expect(first!.metadata.TransferSyntaxUID).toBe("1.2.840.10008.1.2.1");
  expect(second!.metadata.TransferSyntaxUID).toBe("1.2.840.10008.1.2.1");
  expect(copied.metadata.TransferSyntaxUID).toBe("1.2.840.10008.1.2.1.99");
});
