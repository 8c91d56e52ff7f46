import type { Bucket } from "@google-cloud/storage";
import { buildInstancePath } from "@pacs/shared";
import { buildCtElements, buildDicomFile, TINY_PIXEL_DATA } from "../../ingest/testing/build-dicom";

/**
 * A study of large native CT slices that costs no memory until it is read:
 * one small Part 10 header, and a slice is that header with its own
 * SOPInstanceUID and `Rows × Columns × 2` bytes of pixels, built afresh at each
 * download, as Cloud Storage hands back a new buffer for every download.
 */
export interface LargeCtStudy {
  StudyInstanceUID: string;
  SeriesInstanceUID: string;
  SOPInstanceUIDs: string[];
  /** The bytes of one stored original. */
  buildOriginal(index: number): Buffer;
}

const ROOT = "1.2.826.0.1.3680043.10.888";
/** Every SOPInstanceUID has this one's length, so that a slice's header is the template's with the UID overwritten. */
const sopInstanceUID = (index: number) => `${ROOT}.3.${1000 + index}`;

export function buildLargeCtStudy(instances: number, size: { rows: number; columns: number }): LargeCtStudy {
  const StudyInstanceUID = `${ROOT}.1`;
  const SeriesInstanceUID = `${ROOT}.2`;
  const elements = buildCtElements([
    { tag: "0020000D", vr: "UI", value: StudyInstanceUID },
    { tag: "0020000E", vr: "UI", value: SeriesInstanceUID },
    { tag: "00080018", vr: "UI", value: sopInstanceUID(0) },
    { tag: "00280010", vr: "US", value: size.rows },
    { tag: "00280011", vr: "US", value: size.columns },
  ]);
  // (7FE0,0010) sorts last: cut its tiny value off and declare the large length in its place.
  const small = Buffer.from(buildDicomFile(elements, { pixelData: TINY_PIXEL_DATA }));
  const header = small.subarray(0, small.length - TINY_PIXEL_DATA.length);
  const pixelBytes = size.rows * size.columns * 2;
  header.writeUInt32LE(pixelBytes, header.length - 4);
  const template = Buffer.from(sopInstanceUID(0), "latin1");
  const uidOffsets: number[] = [];
  for (let at = header.indexOf(template); at !== -1; at = header.indexOf(template, at + 1)) uidOffsets.push(at);
  return {
    StudyInstanceUID,
    SeriesInstanceUID,
    SOPInstanceUIDs: Array.from({ length: instances }, (_, i) => sopInstanceUID(i)),
    buildOriginal(index) {
      const bytes = Buffer.allocUnsafe(header.length + pixelBytes);
      header.copy(bytes);
      for (const at of uidOffsets) bytes.write(sopInstanceUID(index), at, "latin1");
      bytes.fill(index % 251, header.length);
      return bytes;
    },
  };
}

/**
 * The instances bucket with `study`'s originals in it: downloads build them,
 * saves keep only the path and size (an upload streams its bytes away).
 */
export function largeCtStudyBucket(study: LargeCtStudy, ownerUid: string): { bucket: Bucket; saved: Map<string, number> } {
  const originals = new Map(study.SOPInstanceUIDs.map((uid, i) => [buildInstancePath(ownerUid, study.StudyInstanceUID, study.SeriesInstanceUID, uid), i]));
  const saved = new Map<string, number>();
  const bucket = {
    file: (path: string) => ({
      download: async () => {
        const index = originals.get(path);
        if (index === undefined) throw new Error(`largeCtStudyBucket: no object ${path}`);
        return [study.buildOriginal(index)];
      },
      save: async (bytes: Buffer) => void saved.set(path, bytes.length),
    }),
  };
  return { bucket: bucket as unknown as Bucket, saved };
}
