import { DeidentificationError, findBurnedInTextReason, readBurnedInTextFields } from "./index";
import { buildCtElements, buildInstance, CT_IMAGE_STORAGE, DEFLATED, TINY_PIXELS } from "./testing/build-instance";

const US_IMAGE = "1.2.840.10008.5.1.4.1.1.6.1";
const US_MULTIFRAME = "1.2.840.10008.5.1.4.1.1.3.1";
const SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
const MULTIFRAME_TRUE_COLOR_SC = "1.2.840.10008.5.1.4.1.1.7.4";

describe("findBurnedInTextReason", () => {
  it("finds nothing in a plain CT", () => {
    expect(findBurnedInTextReason({ Modality: "CT", SOPClassUID: CT_IMAGE_STORAGE, ImageType: ["ORIGINAL", "PRIMARY", "AXIAL"], SeriesDescription: "Chest" })).toBeNull();
    expect(findBurnedInTextReason({ BurnedInAnnotation: "NO", Modality: "CT" })).toBeNull();
  });

  it.each([
    ["BurnedInAnnotation YES", { BurnedInAnnotation: "YES", Modality: "CT" }, /BurnedInAnnotation/],
    ["ultrasound modality", { Modality: "US" }, /ultrasound/],
    ["ultrasound image SOP class", { Modality: "OT", SOPClassUID: US_IMAGE }, /ultrasound/],
    ["ultrasound multi-frame SOP class", { SOPClassUID: US_MULTIFRAME }, /ultrasound/],
    ["secondary capture", { Modality: "OT", SOPClassUID: SECONDARY_CAPTURE }, /secondary capture/],
    ["multi-frame secondary capture", { SOPClassUID: MULTIFRAME_TRUE_COLOR_SC }, /secondary capture/],
    ["ImageType SCREEN SAVE", { Modality: "CT", ImageType: ["DERIVED", "SECONDARY", "SCREEN SAVE"] }, /ImageType/],
    ["SeriesDescription Screen Save", { Modality: "CT", SeriesDescription: "Dose Screen Save" }, /SeriesDescription/],
  ])("gives a reason for %s", (_, fields, reason) => {
    expect(findBurnedInTextReason(fields)).toMatch(reason);
  });
});

/** Pixel values deflate cannot shrink, so cutting the file's end cuts the pixel data, not the header. */
function noise(length: number): Uint8Array {
  let state = 12345;
  return new Uint8Array(length).map(() => (state = (state * 1103515245 + 12345) % 2 ** 31) >>> 16);
}

describe("readBurnedInTextFields", () => {
  const input = buildInstance(
    buildCtElements([
      { tag: "00080008", vr: "CS", value: ["DERIVED", "SECONDARY", "SCREEN SAVE"] },
      { tag: "0008103E", vr: "LO", value: "Dose report" },
      { tag: "00280301", vr: "CS", value: "NO" },
    ]),
    { pixelData: TINY_PIXELS },
  );

  it("reads the fields from a whole file", () => {
    expect(readBurnedInTextFields(input)).toEqual({
      BurnedInAnnotation: "NO",
      Modality: "CT",
      SOPClassUID: CT_IMAGE_STORAGE,
      ImageType: ["DERIVED", "SECONDARY", "SCREEN SAVE"],
      SeriesDescription: "Dose report",
    });
  });

  it("reads what it can from the first bytes only, cut in the middle of an element", () => {
    const cut = input.subarray(0, Buffer.from(input).indexOf("Doe^John") + 3);
    const fields = readBurnedInTextFields(cut);
    expect(fields.SOPClassUID).toBe(CT_IMAGE_STORAGE);
    expect(fields.ImageType).toEqual(["DERIVED", "SECONDARY", "SCREEN SAVE"]);
  });

  it("reads the start of a deflated data set whose stream is cut", () => {
    const deflated = buildInstance(buildCtElements([{ tag: "00080008", vr: "CS", value: ["DERIVED", "SECONDARY", "SCREEN SAVE"] }]), {
      transferSyntaxUID: DEFLATED,
      pixelData: noise(20000),
    });
    const fields = readBurnedInTextFields(deflated.subarray(0, deflated.length - 2000));
    expect(fields.ImageType).toEqual(["DERIVED", "SECONDARY", "SCREEN SAVE"]);
    expect(fields.Modality).toBe("CT");
  });

  it("refuses bytes that are not DICOM", () => {
    expect(() => readBurnedInTextFields(new TextEncoder().encode("just some text, certainly not an image header"))).toThrow(DeidentificationError);
  });
});
