import { DeidentificationOptions } from "@pacs/shared";
import { DeidentificationError, deidentifyInstance, remapUid } from "./index";
import { buildCtElements, buildInstance, buildUnSequenceValue, type InstanceOptions, DEFLATED, EXPLICIT_BIG_ENDIAN, EXPLICIT_LITTLE, IMPLICIT_LITTLE, JPEG_BASELINE, TINY_PIXELS } from "./testing/build-instance";
import { hasDcmdump, readOutput, runDcmdump } from "./testing/read-output";

const KEY = new Uint8Array(32).fill(7);
const plan = (options: Partial<DeidentificationOptions> = {}) => ({ key: KEY, pseudonym: "Case 12", options: DeidentificationOptions.parse(options) });

const ENCODINGS: Array<[string, string]> = [
  ["explicit VR little endian", EXPLICIT_LITTLE],
  ["implicit VR little endian", IMPLICIT_LITTLE],
  ["explicit VR big endian", EXPLICIT_BIG_ENDIAN],
  ["deflated explicit VR little endian", DEFLATED],
];

describe("deidentifyInstance", () => {
  it.each(ENCODINGS)("rewrites a %s CT with the pseudonym and remapped UIDs, keeping the transfer syntax", (_, transferSyntaxUID) => {
    const out = deidentifyInstance(buildInstance(buildCtElements(), { transferSyntaxUID, pixelData: TINY_PIXELS }), plan());
    const { meta, dataSet } = readOutput(out.bytes);
    expect(meta.string("x00020010")).toBe(transferSyntaxUID);
    expect(meta.string("x00020003")).toBe(out.SOPInstanceUID);
    expect(meta.elements.x00020016).toBeUndefined();
    expect(dataSet.string("x00100010")).toBe("Case 12");
    expect(dataSet.string("x00100020")).toBe("Case 12");
    expect(dataSet.string("x0020000d")).toBe(remapUid(KEY, "1.2.826.0.1.3680043.8.498.1"));
    expect(out.StudyInstanceUID).toBe(remapUid(KEY, "1.2.826.0.1.3680043.8.498.1"));
    expect(dataSet.string("x00080018")).toBe(out.SOPInstanceUID);
    expect(dataSet.string("x00120062")).toBe("YES");
    expect(dataSet.uint16("x00280010")).toBe(2);
    expect(out.changed).toBeGreaterThan(5);
  });

  (hasDcmdump() ? it.each : it.skip.each)([
    ["explicit", EXPLICIT_LITTLE, TINY_PIXELS],
    ["implicit", IMPLICIT_LITTLE, TINY_PIXELS],
    ["big endian", EXPLICIT_BIG_ENDIAN, TINY_PIXELS],
    ["deflated", DEFLATED, TINY_PIXELS],
    ["JPEG", JPEG_BASELINE, { fragments: [new Uint8Array([0xff, 0xd8, 0xff, 0xd9])] }],
  ] as Array<[string, string, InstanceOptions["pixelData"]]>)("writes a %s file dcmdump reads without errors or warnings", (_, transferSyntaxUID, pixelData) => {
    const input = buildInstance(buildCtElements(), { transferSyntaxUID, pixelData });
    const { stdout, problems } = runDcmdump(deidentifyInstance(input, plan({ cleanDescriptors: true })).bytes);
    expect(problems).toBe("");
    expect(stdout).toContain("Case 12");
  });

  it("turns a bare data set (no preamble, no meta group) into a Part 10 file in the same encoding", () => {
    const bare = buildInstance(buildCtElements(), { transferSyntaxUID: IMPLICIT_LITTLE, pixelData: TINY_PIXELS, bare: true });
    const out = deidentifyInstance(bare, plan());
    expect(Buffer.from(out.bytes.subarray(128, 132)).toString("latin1")).toBe("DICM");
    const { meta, dataSet } = readOutput(out.bytes);
    expect(meta.string("x00020010")).toBe(IMPLICIT_LITTLE);
    expect(dataSet.string("x00100010")).toBe("Case 12");
  });

  it("de-identifies inside a sequence the source stored as UN", () => {
    const value = buildUnSequenceValue([[
      { tag: "00081155", vr: "UI", value: "1.2.826.0.1.3680043.8.498.90" },
      { tag: "00100010", vr: "PN", value: "Doe^John" },
      { tag: "00081030", vr: "LO", value: "Chest for Doe" },
    ]]);
    const input = buildInstance(buildCtElements([{ tag: "00082112", vr: "UN", value }]), { pixelData: TINY_PIXELS });
    const { dataSet } = readOutput(deidentifyInstance(input, plan()).bytes);
    const item = dataSet.elements.x00082112!.items![0]!.dataSet!;
    expect(item.string("x00081155")).toBe(remapUid(KEY, "1.2.826.0.1.3680043.8.498.90"));
    expect(item.string("x00100010")).toBe("Case 12");
    expect(item.elements.x00081030).toBeUndefined();
  });

  it("refuses what is not DICOM, a cut encapsulated stream and a pseudonym outside ASCII, in words", () => {
    expect(() => deidentifyInstance(new TextEncoder().encode("hello, this is a text file and not an image"), plan())).toThrow(DeidentificationError);
    const jpeg = buildInstance(buildCtElements(), { transferSyntaxUID: JPEG_BASELINE, pixelData: { fragments: [new Uint8Array([0xff, 0xd8, 0xff, 0xd9])] } });
    expect(() => deidentifyInstance(jpeg.subarray(0, jpeg.length - 8), plan())).toThrow(/sequence delimiter/);
    expect(() => deidentifyInstance(jpeg, { ...plan(), pseudonym: "Café 1" })).toThrow(/pseudonym/);
  });

  it("refuses a DICOMDIR: its file paths are often the patient ID", () => {
    const dicomdir = buildInstance([
      { tag: "00080016", vr: "UI", value: "1.2.840.10008.1.3.10" },
      { tag: "00080018", vr: "UI", value: "1.2.826.0.1.3680043.8.498.99" },
      { tag: "00041220", vr: "SQ", items: [[{ tag: "00041500", vr: "CS", value: ["PID12345", "CT1", "IM1"] }]] },
    ]);
    expect(() => deidentifyInstance(dicomdir, plan())).toThrow(/DICOMDIR/);
  });

  it("gives the meta group and the result the same UIDs as the data set, standard ones included", () => {
    const palette = buildInstance(buildCtElements([{ tag: "00080018", vr: "UI", value: "1.2.840.10008.1.5.7" }]));
    const out = deidentifyInstance(palette, plan());
    const { meta, dataSet } = readOutput(out.bytes);
    expect([dataSet.string("x00080018"), meta.string("x00020003"), out.SOPInstanceUID]).toEqual(["1.2.840.10008.1.5.7", "1.2.840.10008.1.5.7", "1.2.840.10008.1.5.7"]);
    expect([dataSet.string("x0020000e"), dataSet.string("x0020000d")]).toEqual([out.SeriesInstanceUID, out.StudyInstanceUID]);
  });
});
