import * as zlib from "node:zlib";
import { buildViewableCopy, ViewableCopyError } from "../viewable";
import { findViewerProblem } from "../viewable/find-viewer-problem";
import { parseDicomWithPixels, ThumbnailParseError } from "../thumbnails/read-frame";
import { readInstanceMetadata, SkippedInstanceError } from "./read-instance";
import { buildDeflatedDicomBomb } from "./testing/build-deflate-bomb";
import { buildCtElements, buildDicomFile, buildElementBytes, TRANSFER_SYNTAX } from "./testing/build-dicom";

/**
 * The attack from issue #13: a ~1.2 MB Part 10 file in Deflated Explicit VR
 * Little Endian whose data set inflates to 1.2 GB, with the patient after
 * the padding. Every reader that inflates it (header, thumbnail, viewer copy)
 * must stop after a few megabytes and say why.
 */
const BOMB_MEBIBYTES = 1150; // 1.2 GB
let bomb: Buffer;
beforeAll(async () => {
  bomb = await buildDeflatedDicomBomb(BOMB_MEBIBYTES);
}, 120_000);

/** "... (1.2 MB to 4.2 MB when inflating was stopped) ...": how far inflation went, in MB. */
function inflatedMB(detail: string): number {
  return Number(/to ([\d.]+) MB when inflating was stopped/.exec(detail)?.[1]);
}

it("the bomb is what the issue describes: about 1.2 MB that declares 1.2 GB of data", () => {
  expect(bomb.length).toBeGreaterThan(1_000_000);
  expect(bomb.length).toBeLessThan(1_400_000);
});

it("a deflate bomb in a DICOM file is refused as a zip bomb by the header reader, after inflating only a few MB", () => {
  let caught: unknown;
  try {
    readInstanceMetadata(bomb, "upload/bomb.dcm");
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SkippedInstanceError);
  const skipped = caught as SkippedInstanceError;
  expect(skipped.reason).toBe("zip-bomb");
  expect(skipped.detail).toMatch(/^the deflated data set expands \d+:1 .* more than the 200:1 accepted; this looks like a zip bomb/);
  expect(inflatedMB(skipped.detail)).toBeLessThan(20);
});

it("a deflate bomb in a DICOM file gives the thumbnail renderer a reason, not 1.2 GB", () => {
  expect(() => parseDicomWithPixels(bomb)).toThrow(ThumbnailParseError);
  expect(() => parseDicomWithPixels(bomb)).toThrow(/this looks like a zip bomb/);
});

it("a deflate bomb in a DICOM file gets no viewer-ready copy, and inflation stops after a few MB", () => {
  let caught: unknown;
  try {
    buildViewableCopy(bomb, { transferSyntaxUID: TRANSFER_SYNTAX.deflatedExplicitLittle });
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ViewableCopyError);
  expect(inflatedMB((caught as ViewableCopyError).reason)).toBeLessThan(20);
});

it("a deflated data set larger than the instance limit is refused as too large, whatever its ratio", () => {
  const random = Buffer.alloc(3 * 1024 * 1024);
  for (let i = 0; i < random.length; i++) random[i] = (i * 2654435761) >>> 24;
  const file = buildDicomFile(buildCtElements([{ tag: "00091000", vr: "OB", value: random }]), { encoding: "deflated" });
  let caught: unknown;
  try {
    readInstanceMetadata(file, "upload/big.dcm", { maxInflatedBytes: 1024 * 1024, maxCompressionRatio: 200, ratioCheckFromBytes: 4 * 1024 * 1024 });
  } catch (error) {
    caught = error;
  }
  expect((caught as SkippedInstanceError).reason).toBe("too-large");
  expect((caught as SkippedInstanceError).detail).toMatch(/the deflated data set inflates to more than 1 MB; files of at most 1 MB are accepted/);
});

it("an ordinary deflated DICOM file still reads, thumbnails and gets its viewer copy", () => {
  const file = buildDicomFile(buildCtElements(), { encoding: "deflated", pixelData: new Uint8Array(8) });
  expect(readInstanceMetadata(file, "ok.dcm").study.PatientName).toBe("Doe^Jane");
  expect(parseDicomWithPixels(file).dataSet.string("x00100010")).toBe("Doe^Jane");
  expect(buildViewableCopy(file, { transferSyntaxUID: TRANSFER_SYNTAX.deflatedExplicitLittle }).transferSyntaxUID).toBe(TRANSFER_SYNTAX.explicitLittle);
});

describe("a deflated transfer syntax hidden after the meta group's stated length", () => {
  /** Meta group says explicit VR; one more (0002,0010) after its stated length says deflated, and a 32 MiB bomb follows. */
  async function buildHiddenDeflate(): Promise<Buffer> {
    const bomb = await buildDeflatedDicomBomb(32); // 32: its compressed bytes parse as one harmless element, so dicom-parser reaches its inflate step
    const metaEnd = 132 + 12 + bomb.readUInt32LE(140);
    const explicit = Buffer.from(bomb.subarray(0, metaEnd));
    const syntax = explicit.indexOf(TRANSFER_SYNTAX.deflatedExplicitLittle, 132, "latin1");
    // "1.2.840.10008.1.2.1.99" → "1.2.840.10008.1.2.1" + NUL padding: same length, explicit VR.
    explicit.fill(0, syntax + TRANSFER_SYNTAX.explicitLittle.length, syntax + TRANSFER_SYNTAX.deflatedExplicitLittle.length);
    const hidden = Buffer.from(buildElementBytes({ tag: "00020010", vr: "UI", value: TRANSFER_SYNTAX.deflatedExplicitLittle }, true));
    return Buffer.concat([explicit, hidden, bomb.subarray(metaEnd)]);
  }

  it("a transfer syntax smuggled past the meta group's length never reaches an unbounded inflate", async () => {
    const file = await buildHiddenDeflate();
    const inflateRawSync = jest.spyOn(zlib, "inflateRawSync");
    try {
      // (In jest dicom-parser does not see itself in Node and would throw "no inflater"; in a function it calls zlib.)
      expect(() => readInstanceMetadata(file, "upload/hidden.dcm")).toThrow(/a second transfer syntax after the meta group's stated length/);
      expect(() => parseDicomWithPixels(file)).toThrow(/a second transfer syntax after the meta group's stated length/);
      expect(findViewerProblem(file, { TransferSyntaxUID: TRANSFER_SYNTAX.explicitLittle })).toMatch(/a second transfer syntax after the meta group's stated length/);
      expect(inflateRawSync).not.toHaveBeenCalled();
    } finally {
      inflateRawSync.mockRestore();
    }
  }, 60_000);
});
