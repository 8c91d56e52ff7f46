import type { StoredInstance, StudyRecord } from "@pacs/shared";
import { buildDicomJsonManifest, findViewableInstances, findViewerObjectPath } from "./manifest";

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

describe("findViewableInstances", () => {
  const of = (sop: string, SOPClassUID: string, extra: Partial<StoredInstance> = {}, rows?: number): StoredInstance => {
    const base = instance("1.2.3.2", sop);
    return { ...base, ...extra, metadata: { ...base.metadata, SOPClassUID, ...(rows ? { Rows: rows, Columns: rows, BitsAllocated: 8, BitsStored: 8, HighBit: 7, PixelRepresentation: 0, SamplesPerPixel: 1, PhotometricInterpretation: "MONOCHROME2" } : {}) } };
  };
  const sops = (list: StoredInstance[]) => findViewableInstances(list).map((i) => i.metadata.SOPInstanceUID);

  it("keeps images, OHIF's SR classes and extracted PDFs; leaves out what would be a black viewport", () => {
    const list = [
      of("1", "1.2.840.10008.5.1.4.1.1.2"),
      of("2", "1.2.840.10008.5.1.4.1.1.88.33"),
      of("3", "1.2.840.10008.5.1.4.1.1.104.1", { renditions: { pdfBytes: 10 } }),
      of("4", "1.2.840.10008.5.1.4.1.1.104.1"),
      of("5", "1.2.840.10008.5.1.4.1.1.9.1.1"),
      of("6", "1.2.840.10008.5.1.4.1.1.481.5"),
      of("7", "1.2.840.10008.5.1.4.1.1.88.59"),
      of("8", "1.2.840.10008.5.1.4.1.1.11.1"),
      of("9", "1.2.840.10008.5.1.4.1.1.88.67"),
      of("10", "1.9.9.9", {}, 64),
      of("11", "1.9.9.9"),
    ];
    expect(sops(list)).toEqual(["1", "2", "3", "10"]);
  });

  it("leaves out images ingest found nothing to draw in", () => {
    const list = [of("1", "1.2.840.10008.5.1.4.1.1.2"), of("2", "1.2.840.10008.5.1.4.1.1.2", { undrawable: "the image holds no pixel data (only its header)" })];
    expect(sops(list)).toEqual(["1"]);
  });

  it("keeps RT structure sets and segmentations only beside images", () => {
    const rt = of("r", "1.2.840.10008.5.1.4.1.1.481.3");
    const seg = of("s", "1.2.840.10008.5.1.4.1.1.66.4");
    expect(sops([rt, seg])).toEqual([]);
    expect(sops([rt, seg, of("ct", "1.2.840.10008.5.1.4.1.1.2")])).toEqual(["r", "s", "ct"]);
  });

  it("adds the PDF link and SR content to the instance metadata", () => {
    const pdf = of("3", "1.2.840.10008.5.1.4.1.1.104.1", { renditions: { pdfBytes: 10 } });
    const extras = new Map([["3", { EncapsulatedDocument: { DirectRetrieveURL: "https://signed/pdf" } }]]);
    const manifest = buildDicomJsonManifest(study, [pdf], new Map([["3", "https://signed/dcm"]]), extras);
    expect(manifest.studies[0]!.series[0]!.instances[0]!.metadata.EncapsulatedDocument).toEqual({ DirectRetrieveURL: "https://signed/pdf" });
  });
});

it("lists a multi-frame instance once per frame, each URL naming its frame, as OHIF's dicomjson source reads frames", () => {
  const cine: StoredInstance = { ...instance("1.2.3.1", "9.7", 1), metadata: { ...instance("1.2.3.1", "9.7", 1).metadata, NumberOfFrames: 3 } };
  const manifest = buildDicomJsonManifest(study, [cine, instance("1.2.3.1", "9.8", 2)], new Map([["9.7", "https://signed/9.7?X-Goog-Signature=ab"], ["9.8", "https://signed/9.8?X-Goog-Signature=cd"]]));
  const entries = manifest.studies[0]!.series[0]!.instances;
  expect(entries.map((e) => e.url)).toEqual([
    "dicomweb:https://signed/9.7?X-Goog-Signature=ab&frame=1",
    "dicomweb:https://signed/9.7?X-Goog-Signature=ab&frame=2",
    "dicomweb:https://signed/9.7?X-Goog-Signature=ab&frame=3",
    "dicomweb:https://signed/9.8?X-Goog-Signature=cd",
  ]);
  expect(entries.slice(0, 3).every((e) => e.metadata.SOPInstanceUID === "9.7")).toBe(true);
  expect(manifest.studies[0]!.NumInstances).toBe(2);
});
