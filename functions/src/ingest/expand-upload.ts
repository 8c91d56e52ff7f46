import { problem, looksLikeGzip, looksLikeZip, type ArchiveItem } from "./archive/archive-item";
import { ArchiveBudget } from "./archive/budget";
import { bufferSource, type ByteSource } from "./archive/byte-source";
import { readGzip } from "./archive/read-gzip";
import { readZipEntries, type EntryRange } from "./archive/read-zip";
import { formatBytes } from "@pacs/shared";
import type { IngestLimits } from "./limits";

/**
 * Turns one uploaded object into the files it holds: itself, or the entries
 * of a ZIP, or the entries of a ZIP inside that ZIP (one level, as exports
 * of several studies often are). A gzip-wrapped file, loose or as an entry,
 * becomes the file it wraps. The entry and size limits are the upload's: a
 * nested archive or gzip entry counts against the same totals as the outer one. What a file is comes from its bytes, never
 * its name: `.zip` files that are DICOM and DICOM files named `.zip` exist.
 * `range` (a ZIP only) is the part of a large archive one task ingests (fanout/).
 */
export async function* expandUpload(source: ByteSource, name: string, limits: IngestLimits, range?: EntryRange): AsyncGenerator<ArchiveItem> {
  if (source.size === 0) {
    yield problem(name, "not-dicom", "the file is empty");
    return;
  }
  const head = await source.read(0, Math.min(source.size, 4));
  if (looksLikeZip(head)) {
    const archive = source.size <= limits.wholeArchiveReadBytes ? bufferSource(await source.read(0, source.size)) : source;
    yield* expandArchive(archive, name, limits, range);
    return;
  }
  if (looksLikeGzip(head)) {
    // Streamed from the source: the limits apply to what it unwraps to, not to its compressed size.
    yield await readGzip(source, name, limits);
    return;
  }
  if (source.size > limits.maxInstanceBytes) {
    yield problem(name, "too-large", `the file is ${formatBytes(source.size)}; single files of at most ${formatBytes(limits.maxInstanceBytes)} are accepted`);
    return;
  }
  yield { kind: "file", name, bytes: await source.read(0, source.size) };
}

async function* expandArchive(source: ByteSource, name: string, limits: IngestLimits, range?: EntryRange): AsyncGenerator<ArchiveItem> {
  const budget = new ArchiveBudget(limits);
  for await (const item of readZipEntries(source, name, limits, budget, range)) {
    if (item.kind !== "file" || !looksLikeZip(item.bytes)) {
      yield await unwrapGzipEntry(item, limits, budget);
      continue;
    }
    for await (const inner of readZipEntries(bufferSource(item.bytes), item.name, limits, budget)) {
      yield inner.kind === "file" && looksLikeZip(inner.bytes)
        ? problem(inner.name, "nested-too-deep", "an archive inside an archive inside an archive: only one level of nesting is unpacked — unzip it once and upload again")
        : await unwrapGzipEntry(inner, limits, budget);
    }
    yield { kind: "container", name: item.name };
  }
}

/**
 * A `.dcm.gz` entry is already in memory (the ZIP entry's bytes); its output is
 * held to the same limits, and what it unwraps to counts against the upload's total.
 */
async function unwrapGzipEntry(item: ArchiveItem, limits: IngestLimits, budget: ArchiveBudget): Promise<ArchiveItem> {
  if (item.kind !== "file" || !looksLikeGzip(item.bytes)) return item;
  const unwrapped = await readGzip(bufferSource(item.bytes), item.name, limits);
  if (unwrapped.kind !== "file") return unwrapped;
  const overTotal = budget.takeBytes(unwrapped.bytes.length);
  return overTotal ? problem(item.name, "archive-too-large", overTotal) : unwrapped;
}
