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
  /** Ingest's reason why an image has nothing to draw (find-undrawable.ts). */
  undrawable?: string;
}
/** An object whose SOP class is an image's. */
export type CorpusImage = CorpusObject;

/**
 * Every file ingest accepts, once per distinct content (the same bytes under
 * two names are checked once), split by whether its SOP class is an image's
 * (classifySopClass: a segmentation or RT structure set is not, though it has
 * rows and columns), and images by whether ingest found pixels to draw.
 */
export function listCorpusObjects(): { images: CorpusObject[]; nonImages: CorpusObject[]; undrawable: CorpusObject[] } {
  const seen = new Set<string>();
  const images: CorpusObject[] = [];
  const nonImages: CorpusObject[] = [];
  const undrawable: CorpusObject[] = [];
  for (const file of listCorpusFiles()) {
    const bytes = readFileSync(file);
    let read: ReturnType<typeof readInstanceMetadata>;
    try {
      read = readInstanceMetadata(bytes, file);
    } catch {
      continue; // refused at ingest, with a reason (corpus-ingest.test.ts checks those)
    }
    const digest = createHash("sha256").update(bytes).digest("hex");
    if (seen.has(digest)) continue;
    seen.add(digest);
    const { instance } = read;
    const kind = classifySopClass(instance.SOPClassUID, { Rows: instance.Rows, Columns: instance.Columns }).kind;
    const object = { file, name: path.relative(samplesRoot, file), instance, ...(read.undrawable ? { undrawable: read.undrawable } : {}) };
    if (kind !== "image") nonImages.push(object);
    // No pixel data, or a codestream that contradicts its header: listed on the study page, not viewed.
    else if (read.undrawable) undrawable.push(object);
    else images.push(object);
  }
  return { images, nonImages, undrawable };
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
