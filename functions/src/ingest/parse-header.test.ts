import { DicomParseError, parseDicomHeader } from "./parse-header";
import { buildCtElements, buildDicomFile, TINY_PIXEL_DATA, TRANSFER_SYNTAX } from "./testing/build-dicom";

const elements = buildCtElements();

describe("parseDicomHeader", () => {
  it.each([
    ["explicit VR little endian", "explicit", TRANSFER_SYNTAX.explicitLittle],
    ["implicit VR little endian", "implicit", TRANSFER_SYNTAX.implicitLittle],
    ["deflated explicit VR little endian", "deflated", TRANSFER_SYNTAX.deflatedExplicitLittle],
    ["a bare implicit data set (no meta)", "raw-implicit", TRANSFER_SYNTAX.implicitLittle],
    ["a bare explicit data set (no meta)", "raw-explicit", TRANSFER_SYNTAX.explicitLittle],
  ] as const)("reads %s", (_name, encoding, transferSyntaxUID) => {
    const bytes = buildDicomFile(elements, { encoding, pixelData: TINY_PIXEL_DATA });
    const header = parseDicomHeader(bytes, "ct.dcm");
    expect(header.transferSyntaxUID).toBe(transferSyntaxUID);
    expect(header.dataSet.string("x00080018")).toBe("1.2.826.0.1.3680043.10.1.3");
    expect(header.dataSet.uint16("x00280010")).toBe(2);
    expect(header.dataSet.string("x00100010")).toBe("Doe^Jane");
  });

  it("stops at Pixel Data without reading it", () => {
    const bytes = buildDicomFile(elements, { pixelData: TINY_PIXEL_DATA });
    const { dataSet } = parseDicomHeader(bytes, "ct.dcm");
    expect(dataSet.elements.x7fe00010?.length).toBe(TINY_PIXEL_DATA.length);
  });

  it("keeps the meta group's MediaStorageSOPClassUID", () => {
    const header = parseDicomHeader(buildDicomFile(elements), "ct.dcm");
    expect(header.mediaStorageSOPClassUID).toBe("1.2.840.10008.5.1.4.1.1.2");
  });

  it("refuses bytes that are not DICOM, naming the file", () => {
    expect(() => parseDicomHeader(Buffer.from("hello world, not an image"), "notes.txt")).toThrow(
      /notes\.txt: cannot read DICOM header: a text file/,
    );
  });

  it.each([0.5, 0.75, 0.95])("reports a file cut at %p of its length as truncated, keeping what was read", (ratio) => {
    const bytes = buildDicomFile(elements, { pixelData: new Uint8Array(64) });
    const cut = bytes.subarray(0, Math.floor(bytes.length * ratio) | 1);
    let caught: unknown;
    try {
      parseDicomHeader(cut, "cut.dcm");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DicomParseError);
    expect((caught as DicomParseError).message).toMatch(/^cut\.dcm: cannot read DICOM header: .*truncated/);
    expect((caught as DicomParseError).partialDataSet?.string("x00080016")).toBe("1.2.840.10008.5.1.4.1.1.2");
  });

  it("reports a corrupt deflated stream as a parse error", () => {
    const bytes = buildDicomFile(elements, { encoding: "deflated" });
    const corrupt = Uint8Array.from(bytes);
    corrupt.fill(0xff, corrupt.length - 40);
    expect(() => parseDicomHeader(corrupt.subarray(0, corrupt.length - 10), "bad.dcm")).toThrow(DicomParseError);
  });
});

describe("a Part 10 file cut at any byte of its header", () => {
  const file = buildDicomFile(buildCtElements(), { pixelData: TINY_PIXEL_DATA });
  it.each(Array.from({ length: 300 }, (_, i) => [i + 133]))("is refused with a DicomParseError when cut at %i bytes, or parsed", (cut) => {
    try {
      parseDicomHeader(file.subarray(0, cut), "cut.dcm");
    } catch (error) {
      expect(error).toBeInstanceOf(DicomParseError);
    }
  });
});
