import { buildViewableCopy, ViewableCopyError } from "../viewable";
import { parseDicomWithPixels, ThumbnailParseError } from "../thumbnails/read-frame";
import { readInstanceMetadata, SkippedInstanceError } from "./read-instance";
import { buildDeflatedDicomBomb } from "./testing/build-deflate-bomb";
import { buildCtElements, buildDicomFile, TRANSFER_SYNTAX } from "./testing/build-dicom";

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
