/**
 * The third-party sample corpus (../shared/dicom-samples, not in the
 * repository): its files, the image instances among them, and a split into
 * upload rounds in which no SOP Instance UID repeats, so that every encoding
 * of the same image gets stored (in one account per round) and viewed.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { classifySopClass, type InstanceMetadata } from "@pacs/shared";
import { readInstanceMetadata } from "../../functions/src/ingest/read-instance";

export const samplesRoot = path.resolve(__dirname, "..", "..", "..", "shared", "dicom-samples");
export const samplesPresent = existsSync(samplesRoot);

export function listCorpusFiles(dir = samplesRoot): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? listCorpusFiles(full) : [full];
    });
}

export interface CorpusObject {
  file: string;
  /** Path under the corpus root, as the table prints it. */
  name: string;
  instance: InstanceMetadata;
}
/** An object whose SOP class is an image's. */
export type CorpusImage = CorpusObject;

/**
 * Every file ingest accepts, once per distinct content (the same bytes under
 * two names are checked once), split by whether its SOP class is an image's
 * (classifySopClass: a segmentation or RT structure set is not, though it has
 * rows and columns).
 */
export function listCorpusObjects(): { images: CorpusObject[]; nonImages: CorpusObject[]; withoutPixels: CorpusObject[] } {
  const seen = new Set<string>();
  const images: CorpusObject[] = [];
  const nonImages: CorpusObject[] = [];
  const withoutPixels: CorpusObject[] = [];
  for (const file of listCorpusFiles()) {
    const bytes = readFileSync(file);
    let instance: InstanceMetadata;
    try {
      instance = readInstanceMetadata(bytes, file).instance;
    } catch {
      continue; // refused at ingest, with a reason (corpus-ingest.test.ts checks those)
    }
    const digest = createHash("sha256").update(bytes).digest("hex");
    if (seen.has(digest)) continue;
    seen.add(digest);
    const kind = classifySopClass(instance.SOPClassUID, { Rows: instance.Rows, Columns: instance.Columns }).kind;
    const object = { file, name: path.relative(samplesRoot, file), instance };
    if (kind !== "image") nonImages.push(object);
    // An image's header with no Rows or no Pixel Data (some test files are): nothing for any viewer to draw.
    else if (instance.Rows === undefined || !hasPixelDataTag(bytes)) withoutPixels.push(object);
    else images.push(object);
  }
  return { images, nonImages, withoutPixels };
}

/** (7FE0,0010) in little or big endian byte order, after the header's start. */
function hasPixelDataTag(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes);
  return buffer.indexOf(Buffer.from([0xe0, 0x7f, 0x10, 0x00])) >= 0 || buffer.indexOf(Buffer.from([0x7f, 0xe0, 0x00, 0x10])) >= 0;
}

export function listCorpusImages(): CorpusImage[] {
  return listCorpusObjects().images;
}

/** Splits images into rounds with no SOP Instance UID twice in one round (the archive keeps one per UID and owner). */
export function splitIntoRounds<T extends { instance: { SOPInstanceUID: string } }>(items: T[]): T[][] {
  const rounds: Array<{ uids: Set<string>; items: T[] }> = [];
  for (const item of items) {
    let round = rounds.find((r) => !r.uids.has(item.instance.SOPInstanceUID));
    if (!round) rounds.push((round = { uids: new Set(), items: [] }));
    round.uids.add(item.instance.SOPInstanceUID);
    round.items.push(item);
  }
  return rounds.map((r) => r.items);
}
