import { readFileSync } from "node:fs";
import path from "node:path";
import { buildCtElements, buildDicomFile } from "./testing/build-dicom";
import { readInstanceMetadata } from "./read-instance";

const samples = path.join(__dirname, "..", "..", "..", "..", "shared", "dicom-samples", "pydicom-test_files");

it("reads an SR's content tree as OHIF's SR display reads it: keywords, sequences as arrays, numbers as numbers", () => {
  const read = readInstanceMetadata(readFileSync(path.join(samples, "test-SR.dcm")), "test-SR.dcm");
  const content = read.renditions.srContent as { ConceptNameCodeSequence: Array<{ CodeMeaning: string }>; ContentSequence: Array<Record<string, unknown>> };
  expect(content.ConceptNameCodeSequence[0]!.CodeMeaning).toEqual(expect.any(String));
  expect(content.ContentSequence.length).toBeGreaterThan(0);
  for (const item of content.ContentSequence) expect(item).toEqual(expect.objectContaining({ ValueType: expect.any(String), RelationshipType: expect.any(String) }));
  const texts = JSON.stringify(content);
  expect(texts).toContain('"ValueType"');
  expect(read.renditions.pdf).toBeUndefined();
});

it("extracts the PDF of an Encapsulated PDF, and nothing from an image", () => {
  const pdf = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");
  const bytes = buildDicomFile(
    buildCtElements([
      { tag: "00080016", vr: "UI", value: "1.2.840.10008.5.1.4.1.1.104.1" },
      { tag: "00420011", vr: "OB", value: pdf },
      { tag: "00420012", vr: "LO", value: "application/pdf" },
    ]).filter((e) => !e.tag.startsWith("0028")),
  );
  // The odd-length document was padded with one NUL, which PDF readers ignore after %%EOF.
  expect(Buffer.from(readInstanceMetadata(bytes, "doc.dcm").renditions.pdf!)).toEqual(Buffer.concat([pdf, Buffer.from([0])]));
  expect(readInstanceMetadata(buildDicomFile(buildCtElements(), { pixelData: new Uint8Array(8) }), "ct.dcm").renditions).toEqual({});
});
