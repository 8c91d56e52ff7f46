/**
 * The third-party sample corpus (../shared/dicom-samples, not in the
 * repository): its files, the image instances among them, and a split into
 * upload rounds in which no SOP Instance UID repeats, so that every encoding
 * of the same image gets stored (in one account per round) and viewed.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import type { InstanceMetadata } from "@pacs/shared";
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

export interface CorpusImage {
  file: string;
  /** Path under the corpus root, as the table prints it. */
  name: string;
  instance: InstanceMetadata;
}

/**
 * Every file ingest accepts that carries an image (Rows present), once per
 * distinct content: the same bytes under two names are viewed once.
 */
export function listCorpusImages(): CorpusImage[] {
  const seen = new Set<string>();
  const images: CorpusImage[] = [];
  for (const file of listCorpusFiles()) {
    const bytes = readFileSync(file);
    let instance: InstanceMetadata;
    try {
      instance = readInstanceMetadata(bytes, file).instance;
    } catch {
      continue; // refused at ingest, with a reason (corpus-ingest.test.ts checks those)
    }
    if (instance.Rows === undefined) continue;
    const digest = createHash("sha256").update(bytes).digest("hex");
    if (seen.has(digest)) continue;
    seen.add(digest);
    images.push({ file, name: path.relative(samplesRoot, file), instance });
  }
  return images;
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
