import { DicomwebError } from "../dicomweb-error";
import { buildStowItems, parseStowContentType, readStowParts } from "./read-stow-parts";

const BOUNDARY = "b0undary-42";

function multipart(parts: { type?: string; bytes: Uint8Array | string }[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const length = `Content-Length: ${Buffer.byteLength(part.bytes)}\r\n`;
    chunks.push(Buffer.from(`--${BOUNDARY}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ""}${length}\r\n`));
    chunks.push(Buffer.from(part.bytes));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

function refusal(run: () => unknown): DicomwebError {
  try {
    run();
  } catch (error) {
    if (error instanceof DicomwebError) return error;
    throw error;
  }
  throw new Error("expected a DicomwebError");
}

describe("parseStowContentType", () => {
  it("accepts multipart/related of application/dicom, quoted or not, and returns the boundary", () => {
    expect(parseStowContentType(`multipart/related; type="application/dicom"; boundary=${BOUNDARY}`)).toBe(BOUNDARY);
    expect(parseStowContentType(`Multipart/Related; boundary="${BOUNDARY}"; type=application/dicom`)).toBe(BOUNDARY);
    // Some clients leave the type out: the parts' own types are then checked.
    expect(parseStowContentType(`multipart/related; boundary=${BOUNDARY}`)).toBe(BOUNDARY);
  });

  it("refuses metadata with bulk data with 415, saying it is not supported", () => {
    const error = refusal(() => parseStowContentType(`multipart/related; type="application/dicom+json"; boundary=${BOUNDARY}`));
    expect(error.status).toBe(415);
    expect(error.message).toMatch(/application\/dicom\+json.*not supported/);
  });

  it("refuses a body that is not multipart/related with 415", () => {
    expect(refusal(() => parseStowContentType("application/dicom")).status).toBe(415);
    expect(refusal(() => parseStowContentType(undefined)).status).toBe(415);
  });

  it("refuses a multipart/related without boundary with 400", () => {
    expect(refusal(() => parseStowContentType('multipart/related; type="application/dicom"')).status).toBe(400);
  });
});

describe("readStowParts", () => {
  it("reads each part's media type and bytes, byte for byte", () => {
    const dicom = Uint8Array.from([0, 1, 2, 13, 10, 45, 45, 255]);
    const parts = readStowParts(multipart([{ type: "application/dicom; transfer-syntax=1.2.840.10008.1.2.1", bytes: dicom }, { bytes: "x" }, { type: "Image/JPEG", bytes: "jpeg" }]), BOUNDARY);
    expect(parts.map((part) => [part.number, part.mediaType])).toEqual([
      [1, "application/dicom"],
      [2, undefined],
      [3, "image/jpeg"],
    ]);
    expect(Buffer.from(parts[0]!.bytes)).toEqual(Buffer.from(dicom));
  });

  it("answers 400 for a body cut off before its closing boundary, or with no parts", () => {
    const whole = multipart([{ type: "application/dicom", bytes: "abc" }]);
    expect(refusal(() => readStowParts(whole.subarray(0, whole.length - 12), BOUNDARY)).status).toBe(400);
    expect(refusal(() => readStowParts(Buffer.from("no parts here"), BOUNDARY)).status).toBe(400);
  });
});

describe("buildStowItems", () => {
  it("hands application/dicom and untyped parts to ingest, and refuses other types as not DICOM", () => {
    const items = buildStowItems([
      { number: 1, mediaType: "application/dicom", bytes: Uint8Array.from([1]) },
      { number: 2, mediaType: undefined, bytes: Uint8Array.from([2]) },
      { number: 3, mediaType: "application/pdf", bytes: Uint8Array.from([3]) },
    ]);
    expect(items.map((item) => [item.kind, "name" in item ? item.name : ""])).toEqual([
      ["file", "STOW-RS part 1"],
      ["file", "STOW-RS part 2"],
      ["problem", "STOW-RS part 3"],
    ]);
    expect(items[2]).toMatchObject({ reason: "not-dicom", detail: "the part is application/pdf, not application/dicom" });
  });
});
