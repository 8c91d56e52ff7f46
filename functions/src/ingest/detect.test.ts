import { deflateRawSync } from "node:zlib";
import { detectDicom, EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN } from "./detect";
import { buildCtElements, buildDicomFile } from "./testing/build-dicom";

describe("detectDicom", () => {
  it("accepts a Part 10 file", () => {
    expect(detectDicom(buildDicomFile(buildCtElements()))).toEqual({ isDicom: true, kind: "part10" });
  });

  it("accepts a bare implicit VR little endian data set and says how it is encoded", () => {
    const bytes = buildDicomFile(buildCtElements(), { encoding: "raw-implicit" });
    expect(detectDicom(bytes)).toEqual({ isDicom: true, kind: "raw", transferSyntaxUID: IMPLICIT_VR_LITTLE_ENDIAN });
  });

  it("accepts a bare explicit VR little endian data set", () => {
    const bytes = buildDicomFile(buildCtElements(), { encoding: "raw-explicit" });
    expect(detectDicom(bytes)).toEqual({ isDicom: true, kind: "raw", transferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN });
  });

  it.each([
    ["an empty file", new Uint8Array(0), /empty/],
    ["a tiny file", new Uint8Array([1, 2, 3]), /too small/],
    ["a text file", Buffer.from("Patient: Doe^Jane\nStudy: CT head\n".repeat(20)), /text/],
    ["a ZIP", Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(300)]), /ZIP/],
    ["a PNG", Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(300)]), /PNG/],
    ["gzip", Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), deflateRawSync(Buffer.alloc(300))]), /gzip/],
  ])("refuses %s with a reason", (_name, bytes, reason) => {
    const verdict = detectDicom(bytes);
    expect(verdict.isDicom).toBe(false);
    if (!verdict.isDicom) expect(verdict.reason).toMatch(reason);
  });

  it("refuses random bytes, even when they start like group 0008", () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff;
    for (let trial = 0; trial < 200; trial++) {
      const bytes = Uint8Array.from({ length: 512 }, random);
      bytes[0] = 0x08;
      bytes[1] = 0x00;
      expect(detectDicom(bytes).isDicom).toBe(false);
    }
  });

  it("refuses a DICOM file cut before its DICM marker", () => {
    expect(detectDicom(buildDicomFile(buildCtElements()).subarray(0, 100)).isDicom).toBe(false);
  });
});
