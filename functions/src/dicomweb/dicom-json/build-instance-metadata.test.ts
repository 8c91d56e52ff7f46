import type { InstanceMetadata, SeriesSummary } from "@pacs/shared";
import { buildInstanceMetadata, findPixelDataVR } from "./build-instance-metadata";
import type { StudyForQuery } from "./level-attributes";

const origin = "https://pacs.example";
const study: StudyForQuery = {
  StudyInstanceUID: "1.2.3",
  PatientID: "PID-1",
  PatientName: "Doe^Jane",
  StudyDate: "20240131",
  AccessionNumber: "ACC-1",
  ModalitiesInStudy: ["CT"],
  NumberOfStudyRelatedSeries: 1,
  NumberOfStudyRelatedInstances: 1,
};
const series: SeriesSummary = { StudyInstanceUID: "1.2.3", SeriesInstanceUID: "1.2.3.4", Modality: "CT", SeriesNumber: 2, SeriesDescription: "Axial", NumberOfSeriesRelatedInstances: 1 };
const instance: InstanceMetadata = {
  StudyInstanceUID: "1.2.3",
  SeriesInstanceUID: "1.2.3.4",
  SOPInstanceUID: "1.2.3.4.5",
  SOPClassUID: "1.2.840.10008.5.1.4.1.1.2",
  TransferSyntaxUID: "1.2.840.10008.1.2.4.90",
  Modality: "CT",
  InstanceNumber: 7,
  Rows: 512,
  Columns: 256,
  BitsAllocated: 16,
  BitsStored: 12,
  HighBit: 11,
  PixelRepresentation: 1,
  SamplesPerPixel: 1,
  PhotometricInterpretation: "MONOCHROME2",
  ImagePositionPatient: [-125, -130.5, 10],
  RescaleSlope: 1,
  RescaleIntercept: -1024,
};

it("lays study, series and instance attributes in one DICOM JSON data set per instance", () => {
  const json = buildInstanceMetadata(study, series, instance, origin);
  expect(json).toMatchObject({
    "00020010": { vr: "UI", Value: ["1.2.840.10008.1.2.4.90"] },
    "00080016": { vr: "UI", Value: ["1.2.840.10008.5.1.4.1.1.2"] },
    "00080018": { vr: "UI", Value: ["1.2.3.4.5"] },
    "00080020": { vr: "DA", Value: ["20240131"] },
    "00080060": { vr: "CS", Value: ["CT"] },
    "0008103E": { vr: "LO", Value: ["Axial"] },
    "00100010": { vr: "PN", Value: [{ Alphabetic: "Doe^Jane" }] },
    "0020000D": { vr: "UI", Value: ["1.2.3"] },
    "0020000E": { vr: "UI", Value: ["1.2.3.4"] },
    "00200013": { vr: "IS", Value: [7] },
    "00200032": { vr: "DS", Value: [-125, -130.5, 10] },
    "00280010": { vr: "US", Value: [512] },
    "00280103": { vr: "US", Value: [1] },
    "00281052": { vr: "DS", Value: [-1024] },
  });
});

it("points Pixel Data at the original's bulk data with an absolute URI", () => {
  expect(buildInstanceMetadata(study, series, instance, origin)["7FE00010"]).toEqual({
    vr: "OB",
    BulkDataURI: "https://pacs.example/dicomweb/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5/bulkdata/7fe00010",
  });
});

it("leaves out query-only attributes and empty ones", () => {
  const json = buildInstanceMetadata(study, series, instance, origin);
  for (const tag of ["00080061", "00201206", "00201208", "00201209", "00081190", "00080056", "00081030"]) expect(json[tag]).toBeUndefined();
});

it("has no Pixel Data for an object without pixels (an SR)", () => {
  const sr: InstanceMetadata = { StudyInstanceUID: "1.2.3", SeriesInstanceUID: "1.2.3.4", SOPInstanceUID: "1.2.3.4.6", SOPClassUID: "1.2.840.10008.5.1.4.1.1.88.22", TransferSyntaxUID: "1.2.840.10008.1.2.1", Modality: "SR" };
  expect(buildInstanceMetadata(study, series, sr, origin)["7FE00010"]).toBeUndefined();
});

it("gives Pixel Data the VR it has in the original: OW for native words, OB otherwise", () => {
  expect(findPixelDataVR({ ...instance, TransferSyntaxUID: "1.2.840.10008.1.2.1" })).toBe("OW");
  expect(findPixelDataVR({ ...instance, TransferSyntaxUID: "1.2.840.10008.1.2.1", BitsAllocated: 8 })).toBe("OB");
  expect(findPixelDataVR(instance)).toBe("OB");
});
