import type { SeriesSummary, StoredInstance } from "@pacs/shared";
import { buildCtElements, buildDicomFile, TINY_PIXEL_DATA } from "../ingest/testing/build-dicom";
import { findInstanceBurnedInText, groupLeftOut, holdsWholeHeader } from "./burned-in-text";

const series = (SeriesInstanceUID: string, SeriesNumber: number, Modality: string): SeriesSummary => ({
  StudyInstanceUID: "1.2.3",
  SeriesInstanceUID,
  SeriesNumber,
  Modality,
  SeriesDescription: `Series ${SeriesNumber}`,
  NumberOfSeriesRelatedInstances: 2,
});

describe("groupLeftOut", () => {
  const study = [series("1.2.3.1", 1, "CT"), series("1.2.3.2", 2, "US"), series("1.2.3.3", 3, "OT")];

  it("lists each series once, in the study's order, with its count and first reason", () => {
    const grouped = groupLeftOut(study, [
      { SeriesInstanceUID: "1.2.3.3", Modality: "OT", reason: "secondary capture" },
      { SeriesInstanceUID: "1.2.3.2", Modality: "US", reason: "ultrasound" },
      { SeriesInstanceUID: "1.2.3.2", Modality: "US", reason: "ultrasound" },
    ]);
    expect(grouped).toEqual([
      { SeriesInstanceUID: "1.2.3.2", SeriesNumber: 2, SeriesDescription: "Series 2", Modality: "US", instances: 2, reason: "ultrasound" },
      { SeriesInstanceUID: "1.2.3.3", SeriesNumber: 3, SeriesDescription: "Series 3", Modality: "OT", instances: 1, reason: "secondary capture" },
    ]);
  });

  it("adds an engine refusal to a series already listed instead of listing it twice", () => {
    const listed = groupLeftOut(study, [{ SeriesInstanceUID: "1.2.3.2", Modality: "US", reason: "ultrasound" }]);
    const grouped = groupLeftOut(study, [{ SeriesInstanceUID: "1.2.3.2", Modality: "US", reason: "could not be de-identified: damaged" }], listed);
    expect(grouped).toEqual([expect.objectContaining({ SeriesInstanceUID: "1.2.3.2", instances: 2, reason: "ultrasound; could not be de-identified: damaged" })]);
    // The list given is not changed.
    expect(listed[0]!.instances).toBe(1);
  });

  it("names a series the record does not know by the instance's modality", () => {
    expect(groupLeftOut([], [{ SeriesInstanceUID: "9.9", Modality: "US", reason: "ultrasound" }])).toEqual([
      { SeriesInstanceUID: "9.9", Modality: "US", instances: 1, reason: "ultrasound" },
    ]);
  });
});

describe("holdsWholeHeader", () => {
  const file = buildDicomFile(buildCtElements(), { pixelData: TINY_PIXEL_DATA });

  it("is true once the bytes reach the pixel data, or are the whole file", () => {
    expect(holdsWholeHeader(file, file.length)).toBe(true);
    const upToPixels = file.indexOf(0xe0, 132);
    expect(holdsWholeHeader(file.subarray(0, upToPixels + 4), file.length + 1000)).toBe(true);
  });

  it("is false for the first bytes of a header that goes on", () => {
    expect(holdsWholeHeader(file.subarray(0, 300), file.length)).toBe(false);
  });
});

describe("findInstanceBurnedInText", () => {
  const stored = (Modality: string, SOPClassUID: string): StoredInstance => ({
    metadata: { StudyInstanceUID: "1.2", SeriesInstanceUID: "1.2.1", SOPInstanceUID: "1.2.1.1", SOPClassUID, TransferSyntaxUID: "1.2.840.10008.1.2.1", Modality },
    byteLength: 100,
  });

  it("finds ultrasound from the header, and from the stored metadata when the header cannot be read", () => {
    const us = buildDicomFile(buildCtElements([
      { tag: "00080016", vr: "UI", value: "1.2.840.10008.5.1.4.1.1.6.1" },
      { tag: "00080060", vr: "CS", value: "US" },
    ]), { pixelData: TINY_PIXEL_DATA });
    expect(findInstanceBurnedInText(us, stored("US", "1.2.840.10008.5.1.4.1.1.6.1"), undefined)).toMatch(/ultrasound/i);
    expect(findInstanceBurnedInText(us.subarray(0, 40), stored("US", "1.2.840.10008.5.1.4.1.1.6.1"), undefined)).toMatch(/ultrasound/i);
  });

  it("finds nothing in a plain CT image, and a SCREEN series description from the record", () => {
    const ct = buildDicomFile(buildCtElements([{ tag: "0008103E", vr: "LO", value: "Axial" }]), { pixelData: TINY_PIXEL_DATA });
    expect(findInstanceBurnedInText(ct, stored("CT", "1.2.840.10008.5.1.4.1.1.2"), "Axial")).toBeNull();
    const cut = ct.subarray(0, 40);
    expect(findInstanceBurnedInText(cut, stored("CT", "1.2.840.10008.5.1.4.1.1.2"), "DOSE SCREEN")).not.toBeNull();
  });
});
