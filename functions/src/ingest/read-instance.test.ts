import { InstanceMetadata } from "@pacs/shared";
import { readInstanceMetadata, SkippedInstanceError, type SkipReason } from "./read-instance";
import { buildCtElements, buildDicomFile, TINY_PIXEL_DATA, type DicomElementSpec } from "./testing/build-dicom";

function without(tags: string[], elements = buildCtElements()): DicomElementSpec[] {
  return elements.filter((e) => !tags.includes(e.tag));
}

function expectSkipped(bytes: Uint8Array, reason: SkipReason, message: RegExp): void {
  let caught: unknown;
  try {
    readInstanceMetadata(bytes, "upload/file.dcm");
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SkippedInstanceError);
  expect((caught as SkippedInstanceError).reason).toBe(reason);
  expect((caught as SkippedInstanceError).message).toMatch(/^upload\/file\.dcm: skipped, /);
  expect((caught as SkippedInstanceError).message).toMatch(message);
}

describe("readInstanceMetadata", () => {
  it("reads what the viewer and the study list need from a CT image", () => {
    const bytes = buildDicomFile(buildCtElements(), { pixelData: TINY_PIXEL_DATA });
    const { instance, study, series, byteLength, warnings } = readInstanceMetadata(bytes, "ct.dcm");
    expect(instance).toEqual({
      StudyInstanceUID: "1.2.826.0.1.3680043.10.1.1",
      SeriesInstanceUID: "1.2.826.0.1.3680043.10.1.2",
      SOPInstanceUID: "1.2.826.0.1.3680043.10.1.3",
      SOPClassUID: "1.2.840.10008.5.1.4.1.1.2",
      TransferSyntaxUID: "1.2.840.10008.1.2.1",
      FrameOfReferenceUID: "1.2.826.0.1.3680043.10.1.4",
      Modality: "CT",
      InstanceNumber: 7,
      Rows: 2,
      Columns: 2,
      BitsAllocated: 16,
      BitsStored: 12,
      HighBit: 11,
      PixelRepresentation: 1,
      SamplesPerPixel: 1,
      PhotometricInterpretation: "MONOCHROME2",
      ImagePositionPatient: [-125, -130.5, 42],
      ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
      PixelSpacing: [0.5, 0.5],
      SliceThickness: 5,
      SliceLocation: 42,
      RescaleIntercept: -1024,
      RescaleSlope: 1,
      WindowCenter: [40, 400],
      WindowWidth: [80, 2000],
    });
    expect(study).toMatchObject({
      PatientName: "Doe^Jane",
      PatientID: "PID-1",
      PatientBirthDate: "19700101",
      PatientSex: "F",
      StudyDate: "20240131",
      StudyTime: "101500",
      AccessionNumber: "ACC123",
      StudyDescription: "CT HEAD",
      ReferringPhysicianName: "Referrer^Rita",
    });
    expect(series).toEqual({
      StudyInstanceUID: "1.2.826.0.1.3680043.10.1.1",
      SeriesInstanceUID: "1.2.826.0.1.3680043.10.1.2",
      Modality: "CT",
      SeriesNumber: 3,
      SeriesDescription: "Axial 5mm",
      BodyPartExamined: "HEAD",
    });
    expect(byteLength).toBe(bytes.length);
    expect(warnings).toEqual([]);
  });

  it.each(["implicit", "deflated", "raw-implicit"] as const)("reads the same metadata from a %s file", (encoding) => {
    const reference = readInstanceMetadata(buildDicomFile(buildCtElements()), "a.dcm");
    const other = readInstanceMetadata(buildDicomFile(buildCtElements(), { encoding }), "b.dcm");
    expect({ ...other.instance, TransferSyntaxUID: "" }).toEqual({ ...reference.instance, TransferSyntaxUID: "" });
    expect(other.study).toEqual(reference.study);
  });

  it("decodes names per SpecificCharacterSet", () => {
    const elements = buildCtElements([
      { tag: "00100010", vr: "PN", value: Buffer.from("M\xfcller^J\xfcrgen", "latin1") },
      { tag: "00081030", vr: "LO", value: Buffer.from("Sch\xe4del", "latin1") },
    ]);
    const { study } = readInstanceMetadata(buildDicomFile(elements, { specificCharacterSet: "ISO_IR 100" }), "x.dcm");
    expect(study.PatientName).toBe("Müller^Jürgen");
    expect(study.StudyDescription).toBe("Schädel");

    const cyrillic = buildCtElements([{ tag: "00100010", vr: "PN", value: Buffer.from("\xb8\xd2\xd0\xdd\xde\xd2^\xb8", "latin1") }]);
    const read = readInstanceMetadata(buildDicomFile(cyrillic, { specificCharacterSet: "ISO_IR 144" }), "y.dcm");
    expect(read.study.PatientName).toBe("Иванов^И");
  });

  it("keeps non-image objects (no Image Pixel module) such as structured reports", () => {
    const sr = buildCtElements([
      { tag: "00080016", vr: "UI", value: "1.2.840.10008.5.1.4.1.1.88.11" },
      { tag: "00080060", vr: "CS", value: "SR" },
    ]).filter((e) => !e.tag.startsWith("0028"));
    const { instance } = readInstanceMetadata(buildDicomFile(sr), "report.dcm");
    expect(instance.Modality).toBe("SR");
    expect(instance.Rows).toBeUndefined();
  });

  it("refuses an image with Rows but no BitsAllocated, which the viewer could not draw", () => {
    expectSkipped(buildDicomFile(without(["00280100"])), "invalid-metadata", /BitsAllocated/);
  });

  it.each([
    ["0020000D", /no StudyInstanceUID/],
    ["0020000E", /no SeriesInstanceUID/],
    ["00080018", /no SOPInstanceUID/],
  ])("refuses a file without %s", (tag, message) => {
    expectSkipped(buildDicomFile(without([tag])), "missing-uid", message);
  });

  it("refuses a valid DICOM object that belongs to no patient, like a Color Palette", () => {
    const palette: DicomElementSpec[] = [
      { tag: "00080016", vr: "UI", value: "1.2.840.10008.5.1.4.39.1" },
      { tag: "00080018", vr: "UI", value: "1.2.826.0.1.3680043.10.1.9" },
      { tag: "00281101", vr: "US", value: [256, 0, 8] },
    ];
    expectSkipped(buildDicomFile(palette), "no-patient", /no PatientID \/ patient.*1\.2\.840\.10008\.5\.1\.4\.39\.1/);
  });

  it("accepts an anonymised image whose PatientID is present but empty", () => {
    const anonymous = buildCtElements([{ tag: "00100020", vr: "LO", value: "" }]);
    expect(readInstanceMetadata(buildDicomFile(anonymous), "anon.dcm").study.PatientID).toBe("");
  });

  it("refuses a DICOMDIR", () => {
    const dicomdir: DicomElementSpec[] = [{ tag: "00041130", vr: "CS", value: "FILESET" }];
    const bytes = buildDicomFile(dicomdir, { mediaStorageSOPClassUID: "1.2.840.10008.1.3.10" });
    expectSkipped(bytes, "dicomdir", /DICOMDIR \(a directory/);
  });

  it("refuses files that are not DICOM", () => {
    expectSkipped(Buffer.from("just some notes about the scan\n"), "not-dicom", /text file/);
  });

  it("refuses a file cut in the middle of an element with a clear error", () => {
    const bytes = buildDicomFile(buildCtElements());
    expectSkipped(bytes.subarray(0, bytes.length - 5), "unreadable", /truncated/);
  });

  it("produces metadata that the shared schema accepts as stored", () => {
    const { instance } = readInstanceMetadata(buildDicomFile(buildCtElements()), "ct.dcm");
    expect(InstanceMetadata.parse(JSON.parse(JSON.stringify(instance)))).toEqual(instance);
  });
});
