import { deflateRawSync } from "node:zlib";
import { buildImageDicom, type TestImageSpec } from "../../thumbnails/testing/build-image-dicom";
import { DicomwebError } from "../dicomweb-error";
import { openPixelSource, parseFrameNumbers, readFrames } from "./frames";

const SPEC: TestImageSpec = { rows: 4, columns: 3, bitsAllocated: 16 };
const FRAME_BYTES = 4 * 3 * 2;
const threeFrames = Uint8Array.from({ length: 3 * FRAME_BYTES }, (_, i) => (i * 7) % 251);
const frameOf = (n: number) => threeFrames.subarray((n - 1) * FRAME_BYTES, n * FRAME_BYTES);
const multiFrame = [{ tag: "00280008", vr: "IS", value: "3" }];

function statusOf(run: () => unknown): number {
  try {
    run();
  } catch (error) {
    if (error instanceof DicomwebError) return error.status;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("parseFrameNumbers", () => {
  it("keeps the order and repeats asked for", () => {
    expect(parseFrameNumbers("3,1,3", 3)).toEqual([3, 1, 3]);
  });

  it.each(["", "1,", "a", "1;2", "-1", "1.5", "0"])("refuses %j as malformed (400)", (text) => {
    expect(statusOf(() => parseFrameNumbers(text, 3))).toBe(400);
  });

  it("answers 404 for a frame past the last", () => {
    expect(statusOf(() => parseFrameNumbers("2,4", 3))).toBe(404);
  });
});

describe("readFrames", () => {
  it("slices native frames out of a multi-frame file", () => {
    const source = openPixelSource(buildImageDicom(SPEC, "1.2.840.10008.1.2.1", { native: threeFrames }, multiFrame));
    const frames = readFrames(source, [2, 3, 1]);
    expect(frames.map((f) => Buffer.from(f).toString("hex"))).toEqual([2, 3, 1].map((n) => Buffer.from(frameOf(n)).toString("hex")));
  });

  it("gives each encapsulated frame's bitstream, one fragment per frame", () => {
    const bitstreams = [new Uint8Array([1, 2, 3, 4]), new Uint8Array([5, 6]), new Uint8Array([7, 8, 9, 10, 11, 12])];
    const source = openPixelSource(buildImageDicom(SPEC, "1.2.840.10008.1.2.5", { frames: bitstreams }, multiFrame));
    expect(readFrames(source, [3, 1]).map((f) => Array.from(f))).toEqual([[7, 8, 9, 10, 11, 12], [1, 2, 3, 4]]);
  });

  it("joins the fragments of a single-frame image", () => {
    // Two fragments, no offset table: the one frame owns both (PS3.5 §A.4).
    const source = openPixelSource(buildImageDicom(SPEC, "1.2.840.10008.1.2.4.50", { frames: [new Uint8Array([0xff, 0xd8, 1, 2]), new Uint8Array([3, 4, 0xff, 0xd9])] }));
    expect(Array.from(readFrames(source, [1])[0]!)).toEqual([0xff, 0xd8, 1, 2, 3, 4, 0xff, 0xd9]);
  });

  it("reads frames out of a deflated data set", () => {
    const explicit = Buffer.from(buildImageDicom(SPEC, "1.2.840.10008.1.2.1", { native: threeFrames }, multiFrame));
    // Re-pack as deflated: meta group as is (syntax swapped), data set deflated.
    const metaEnd = 132 + 12 + explicit.readUInt32LE(140);
    const meta = Buffer.from(explicit.subarray(0, metaEnd).toString("latin1").replace("1.2.840.10008.1.2.1\0", "1.2.840.10008.1.2.1.99"), "latin1");
    meta.writeUInt32LE(explicit.readUInt32LE(140) + 2, 140);
    meta.writeUInt16LE(22, meta.indexOf(Buffer.from([0x02, 0x00, 0x10, 0x00, 0x55, 0x49])) + 6);
    const deflated = Buffer.concat([meta, deflateRawSync(explicit.subarray(metaEnd))]);
    expect(Buffer.from(readFrames(openPixelSource(deflated), [2])[0]!).equals(Buffer.from(frameOf(2)))).toBe(true);
  });

  it("answers 500 with the reason when the stored pixel data is cut short", () => {
    const source = openPixelSource(buildImageDicom(SPEC, "1.2.840.10008.1.2.1", { native: threeFrames.subarray(0, 2 * FRAME_BYTES) }, multiFrame));
    expect(statusOf(() => readFrames(source, [3]))).toBe(500);
  });
});
