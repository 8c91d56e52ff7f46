import { DicomwebError } from "../dicomweb-error";
import { parseAccept } from "./accept";
import { negotiateFrames, negotiateInstanceRetrieve, negotiateRendered } from "./negotiate";

const EXPLICIT = "1.2.840.10008.1.2.1";
const JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
const DICOM = 'multipart/related; type="application/dicom"';
const OCTETS = 'multipart/related; type="application/octet-stream"';

function refusal(run: () => unknown): { status: number; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof DicomwebError) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("parseAccept", () => {
  it("keeps quoted parameters whole, lower-cases names, and reads q apart", () => {
    expect(parseAccept(`${DICOM}; Transfer-Syntax=*;q=0.5, application/json`)).toEqual([
      { mediaType: "multipart/related", params: { type: "application/dicom", "transfer-syntax": "*" }, q: 0.5 },
      { mediaType: "application/json", params: {}, q: 1 },
    ]);
  });

  it("does not split on a comma inside quotes", () => {
    expect(parseAccept('multipart/related; type="a/b,c"')).toHaveLength(1);
  });

  it("gives no ranges for a missing or blank header", () => {
    expect(parseAccept(undefined)).toEqual([]);
    expect(parseAccept("  ")).toEqual([]);
  });

  it.each(["dicom", "multipart/related; q=2", "image/jpeg; q=high"])("refuses %j with 400", (header) => {
    expect(refusal(() => parseAccept(header)).status).toBe(400);
  });
});

describe("negotiateInstanceRetrieve", () => {
  it.each([
    ["no Accept", undefined],
    ["*/*", "*/*"],
    ["multipart/related with no type", "multipart/related"],
    ["transfer-syntax=*", `${DICOM}; transfer-syntax=*`],
    ["no transfer-syntax (we answer in the stored one, never transcoding)", DICOM],
    ["the stored syntax among others", `${DICOM}; transfer-syntax=${EXPLICIT}, ${DICOM}; transfer-syntax=${JPEG_BASELINE}; q=0.5`],
    ["a bare application/dicom", "application/dicom"],
  ])("sends a JPEG instance as stored for %s", (_label, accept) => {
    expect(() => negotiateInstanceRetrieve(accept, [JPEG_BASELINE])).not.toThrow();
  });

  it("refuses with 406 naming the stored syntax when the client asks only for Explicit VR Little Endian", () => {
    const { status, message } = refusal(() => negotiateInstanceRetrieve(`${DICOM}; transfer-syntax=${EXPLICIT}`, [EXPLICIT, JPEG_BASELINE]));
    expect(status).toBe(406);
    expect(message).toContain(`JPEG Baseline (Process 1) (${JPEG_BASELINE})`);
    expect(message).toMatch(/never transcodes/);
  });

  it("refuses when a q=0 entry excludes the stored syntax", () => {
    const accept = `application/dicom; transfer-syntax=${JPEG_BASELINE}; q=0, ${DICOM}; transfer-syntax=*`;
    expect(refusal(() => negotiateInstanceRetrieve(accept, [JPEG_BASELINE])).status).toBe(406);
    expect(() => negotiateInstanceRetrieve(accept, [EXPLICIT])).not.toThrow();
  });

  it("refuses a client that wants no DICOM at all", () => {
    expect(refusal(() => negotiateInstanceRetrieve("application/dicom+json", [EXPLICIT])).message).toMatch(/multipart\/related; type="application\/dicom"/);
  });
});

describe("negotiateFrames", () => {
  it.each([
    [undefined, EXPLICIT, "application/octet-stream"],
    [`${OCTETS}; transfer-syntax=*`, JPEG_BASELINE, "application/octet-stream"],
    [`${OCTETS}; transfer-syntax=${JPEG_BASELINE}`, JPEG_BASELINE, "application/octet-stream"],
    [OCTETS, JPEG_BASELINE, "application/octet-stream"],
    ['multipart/related; type="image/jpeg"', JPEG_BASELINE, "image/jpeg"],
    [`multipart/related; type="image/jls"; q=0.4, ${OCTETS}; transfer-syntax=*; q=0.9`, "1.2.840.10008.1.2.4.80", "application/octet-stream"],
    ["*/*", "1.2.840.10008.1.2.5", "application/octet-stream"],
  ])("Accept %j for frames stored in %s gives parts of %s", (accept, syntax, partType) => {
    expect(negotiateFrames(accept, syntax)).toBe(partType);
  });

  it("refuses image/jpeg for uncompressed frames, saying they are not transcoded", () => {
    const { status, message } = refusal(() => negotiateFrames('multipart/related; type="image/jpeg"', EXPLICIT));
    expect(status).toBe(406);
    expect(message).toMatch(/Explicit VR Little Endian .* never transcodes/);
  });

  it("refuses octet-stream frames in another syntax than the stored one", () => {
    expect(refusal(() => negotiateFrames(`${OCTETS}; transfer-syntax=${EXPLICIT}`, JPEG_BASELINE)).status).toBe(406);
  });

  it("refuses image/jp2 for JPEG frames", () => {
    expect(refusal(() => negotiateFrames('multipart/related; type="image/jp2"', JPEG_BASELINE)).message).toContain("image/jpeg");
  });
});

describe("negotiateRendered", () => {
  it.each([
    [undefined, "image/jpeg"],
    ["image/png", "image/png"],
    ["image/png;q=0.5, image/jpeg", "image/jpeg"],
    ["image/*", "image/jpeg"],
    ["image/jpeg;q=0, image/png;q=0.1", "image/png"],
  ])("Accept %j gives %s", (accept, mediaType) => {
    expect(negotiateRendered(accept)).toBe(mediaType);
  });

  it("refuses image/gif with 406", () => {
    expect(refusal(() => negotiateRendered("image/gif")).status).toBe(406);
  });
});
