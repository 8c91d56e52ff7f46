import { DeidentificationOptions } from "@pacs/shared";
import { deidentifyInstance, remapUid } from "./index";
import { buildCtElements, buildInstance, DEFLATED, EXPLICIT_BIG_ENDIAN, EXPLICIT_LITTLE, IMPLICIT_LITTLE, JPEG_BASELINE, TINY_PIXELS } from "./testing/build-instance";
import { hasDcmdump, readOutput, runDcmdump } from "./testing/read-output";

const KEY = new Uint8Array(32).fill(7);
const plan = (options: Partial<DeidentificationOptions> = {}) => ({ key: KEY, pseudonym: "Case 12", options: DeidentificationOptions.parse(options) });

const ENCODINGS = [
  ["explicit VR little endian", EXPLICIT_LITTLE],
  ["implicit VR little endian", IMPLICIT_LITTLE],
  ["explicit VR big endian", EXPLICIT_BIG_ENDIAN],
  ["deflated explicit VR little endian", DEFLATED],
] as const;

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
  ] as const)("writes a %s file dcmdump reads without errors or warnings", (_, transferSyntaxUID, pixelData) => {
    const input = buildInstance(buildCtElements(), { transferSyntaxUID, pixelData });
    const { stdout, problems } = runDcmdump(deidentifyInstance(input, plan({ cleanDescriptors: true })).bytes);
    expect(problems).toBe("");
    expect(stdout).toContain("Case 12");
  });
});
