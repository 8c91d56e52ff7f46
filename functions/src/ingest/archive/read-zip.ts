import { crc32, inflateRawSync } from "node:zlib";
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { formatBytes } from "@pacs/shared";
import type { IngestLimits } from "../limits";
import { problem, type ArchiveItem } from "./archive-item";
import { BlockCachedReader } from "./block-reader";
import { ArchiveBudget } from "./budget";
import type { ByteSource } from "./byte-source";
import { decodeEntryName, isDirectoryName, sanitizeEntryName } from "./entry-name";
import { scanZipForward } from "./scan-zip";

const STORE = 0;

/** Entries [start, end) of an archive, in central directory order. */
export interface EntryRange {
  start: number;
  end: number;
}
const DEFLATE = 8;

/** Opens an archive's central directory through ranged reads; entries are read one at a time (lazy). */
export function openZipDirectory(source: ByteSource): Promise<yauzl.ZipFile> {
  return yauzl.fromRandomAccessReaderPromise(new BlockCachedReader(source), source.size, {
    lazyEntries: true,
    autoClose: false,
    // Names are decoded and cleaned by us: yauzl would abort the whole archive on one `../` name.
    decodeStrings: false,
    // Sizes are checked by us per entry, for the same reason.
    validateEntrySizes: false,
  });
}

/**
 * Reads a ZIP entry by entry from its central directory, holding one entry
 * in memory at a time. Every entry ends as a file or a problem: encrypted,
 * oversized, bomb-like and corrupt entries are reported and the reader moves
 * on to the next. An archive whose directory is missing (cut off in transfer)
 * is scanned from the front instead, so the entries before the cut survive.
 * `budget` is the upload's: an archive nested in another counts against the
 * same entry and size totals. `range` reads only the entries of one part of
 * a large archive (fanout/): the others are passed over in the directory,
 * their declared sizes still taken from the budget, without reading their data.
 */
export async function* readZipEntries(source: ByteSource, archiveName: string, limits: IngestLimits, budget = new ArchiveBudget(limits), range?: EntryRange): AsyncGenerator<ArchiveItem> {
  let zipfile: yauzl.ZipFile;
  try {
    zipfile = await openZipDirectory(source);
  } catch (error) {
    if (/end of central directory/i.test(String((error as Error).message))) {
      yield* scanZipForward(source, archiveName, limits, budget);
    } else {
      yield problem(archiveName, "corrupt-archive", `the ZIP archive cannot be read: ${(error as Error).message}`);
    }
    return;
  }
  try {
    const tooMany = budget.takeEntries(zipfile.entryCount);
    if (tooMany) {
      yield problem(archiveName, "too-many-entries", tooMany);
      return;
    }
    const end = Math.min(range?.end ?? zipfile.entryCount, zipfile.entryCount);
    const start = Math.min(range?.start ?? 0, end);
    yield { kind: "entries", total: end - start };
    let index = -1;
    for await (const entry of iterateEntries(zipfile)) {
      index += 1;
      if (index >= end) break;
      if (index < start) {
        // Another part's entry: counted against the total as a whole run would, never read.
        if (!refuseEntry(entry, budget, limits)) budget.takeBytes(entry.uncompressedSize);
        continue;
      }
      const rawName = decodeEntryName(entry.fileName as unknown as Buffer, entry.generalPurposeBitFlag);
      const name = `${archiveName}/${sanitizeEntryName(rawName)}`;
      if (isDirectoryName(rawName)) {
        yield { kind: "container", name };
        continue;
      }
      const refusal = refuseEntry(entry, budget, limits);
      if (refusal) {
        yield problem(name, refusal.reason, refusal.detail);
        continue;
      }
      const read = await readEntry(zipfile, entry, limits);
      if ("reason" in read) {
        yield problem(name, read.reason, read.detail);
        continue;
      }
      budget.takeBytes(read.bytes.length);
      yield { kind: "file", name, bytes: read.bytes };
    }
  } catch (error) {
    // The directory itself is damaged part-way: what was read stays read.
    yield problem(archiveName, "corrupt-archive", `the archive's directory is damaged after ${describeProgress(zipfile)}: ${(error as Error).message}`);
  } finally {
    zipfile.close();
  }
}

function describeProgress(zipfile: yauzl.ZipFile): string {
  return `${zipfile.entriesRead} of ${zipfile.entryCount} entries`;
}

/** The directory's entries one at a time (yauzl's lazy mode as an async iterable). */
export function iterateEntries(zipfile: yauzl.ZipFile): AsyncIterable<yauzl.Entry> {
  return {
    [Symbol.asyncIterator]() {
      return {
        next: () =>
          new Promise<IteratorResult<yauzl.Entry>>((resolve, reject) => {
            if (zipfile.entriesRead >= zipfile.entryCount) return resolve({ done: true, value: undefined });
            const cleanup = () => {
              zipfile.off("entry", onEntry);
              zipfile.off("error", onError);
              zipfile.off("end", onEnd);
            };
            const onEntry = (entry: yauzl.Entry) => (cleanup(), resolve({ done: false, value: entry }));
            const onError = (error: Error) => (cleanup(), reject(error));
            const onEnd = () => (cleanup(), resolve({ done: true, value: undefined }));
            zipfile.on("entry", onEntry);
            zipfile.on("error", onError);
            zipfile.on("end", onEnd);
            zipfile.readEntry();
          }),
      };
    },
  };
}

type Refusal = { reason: "encrypted" | "corrupt-archive" | "too-large" | "zip-bomb" | "archive-too-large"; detail: string };

/** What the directory alone says is wrong with an entry, before a byte of it is read. */
function refuseEntry(entry: yauzl.Entry, budget: ArchiveBudget, limits: IngestLimits): Refusal | null {
  if (entry.isEncrypted()) {
    return { reason: "encrypted", detail: "the entry is password-protected; export the archive without a password" };
  }
  if (entry.compressionMethod !== STORE && entry.compressionMethod !== DEFLATE) {
    return { reason: "corrupt-archive", detail: `compression method ${entry.compressionMethod} is not supported; re-create the archive with Deflate (the standard ZIP method)` };
  }
  if (entry.uncompressedSize > limits.maxInstanceBytes) {
    return { reason: "too-large", detail: `the entry is ${formatBytes(entry.uncompressedSize)}; entries of at most ${formatBytes(limits.maxInstanceBytes)} are accepted — upload this file on its own` };
  }
  const bomb = findBomb(entry.uncompressedSize, entry.compressedSize, limits);
  if (bomb) return { reason: "zip-bomb", detail: bomb };
  if (!budget.fits(entry.uncompressedSize)) return { reason: "archive-too-large", detail: budget.describeTotal() };
  return null;
}

function findBomb(uncompressed: number, compressed: number, limits: IngestLimits): string | null {
  if (uncompressed < limits.ratioCheckFromBytes) return null;
  const ratio = uncompressed / Math.max(compressed, 1);
  if (ratio <= limits.maxCompressionRatio) return null;
  return `the entry expands ${Math.round(ratio)}:1 (${formatBytes(compressed)} to ${formatBytes(uncompressed)}), beyond the ${limits.maxCompressionRatio}:1 accepted; this looks like a zip bomb`;
}

type EntryRead = { bytes: Buffer } | { reason: "corrupt-archive" | "zip-bomb" | "truncated"; detail: string };

/** `decompress: false` gives a deflated entry's raw bytes; yauzl refuses the option for a stored entry, which is raw anyway. */
function openEntry(zipfile: yauzl.ZipFile, entry: yauzl.Entry, options: { decompress?: false }): Promise<Readable> {
  return new Promise<Readable>((resolve, reject) => zipfile.openReadStream(entry, options, (error, readStream) => (error ? reject(error) : resolve(readStream!))));
}

/**
 * Reads one entry, trusting none of its declared sizes: inflation stops as
 * soon as it passes the declared size, and the checksum must match.
 */
async function readEntry(zipfile: yauzl.ZipFile, entry: yauzl.Entry, limits: IngestLimits): Promise<EntryRead> {
  if (entry.compressionMethod === DEFLATE) return inflateEntry(zipfile, entry, limits);
  let stream: Readable;
  try {
    stream = await openEntry(zipfile, entry, {});
  } catch (error) {
    return { reason: "corrupt-archive", detail: `the entry cannot be opened: ${(error as Error).message}` };
  }
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream) {
      length += (chunk as Buffer).length;
      if (length > entry.uncompressedSize) {
        stream.destroy();
        const bomb = findBomb(length, entry.compressedSize, limits);
        return bomb
          ? { reason: "zip-bomb", detail: bomb }
          : { reason: "corrupt-archive", detail: `the entry holds more data than its declared ${formatBytes(entry.uncompressedSize)}` };
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    const message = (error as Error).message;
    const truncated = /unexpected end|past the end|premature|truncated/i.test(message);
    return { reason: truncated ? "truncated" : "corrupt-archive", detail: `the entry's data is damaged: ${message}` };
  }
  return checkEntry(entry, Buffer.concat(chunks, length));
}

/**
 * A deflated entry, inflated in one call on the compressed bytes (which the
 * block cache already holds) instead of through a stream: the stream went
 * 16 KiB at a time through JavaScript and copied every entry twice, and took
 * most of an entry's CPU time (docs/performance.md). The output is capped at one byte past the declared
 * size, so a lying directory gets no further than the stream let it.
 */
async function inflateEntry(zipfile: yauzl.ZipFile, entry: yauzl.Entry, limits: IngestLimits): Promise<EntryRead> {
  const compressed: Buffer[] = [];
  let compressedLength = 0;
  try {
    for await (const chunk of await openEntry(zipfile, entry, { decompress: false })) {
      compressed.push(chunk as Buffer);
      compressedLength += (chunk as Buffer).length;
    }
  } catch (error) {
    const message = (error as Error).message;
    const truncated = /unexpected end|past the end|premature|truncated/i.test(message);
    return { reason: truncated ? "truncated" : "corrupt-archive", detail: `the entry's data is damaged: ${message}` };
  }
  let bytes: Buffer;
  try {
    const capacity = entry.uncompressedSize + 1;
    // One entry (256 MiB at most, limits.ts) inflated in place: a few milliseconds for a CT slice.
    const input = compressed.length === 1 ? compressed[0]! : Buffer.concat(compressed, compressedLength);
    bytes = inflateRawSync(input, { maxOutputLength: capacity, chunkSize: Math.max(64, Math.min(capacity, 16 * 1024 * 1024)) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      const bomb = findBomb(entry.uncompressedSize + 1, entry.compressedSize, limits);
      return bomb ? { reason: "zip-bomb", detail: bomb } : { reason: "corrupt-archive", detail: `the entry holds more data than its declared ${formatBytes(entry.uncompressedSize)}` };
    }
    const message = (error as Error).message;
    const truncated = /unexpected end|past the end|premature|truncated/i.test(message);
    return { reason: truncated ? "truncated" : "corrupt-archive", detail: `the entry's data is damaged: ${message}` };
  }
  return checkEntry(entry, bytes);
}

/** The declared size and checksum must match what was read. */
function checkEntry(entry: yauzl.Entry, bytes: Buffer): EntryRead {
  if (bytes.length !== entry.uncompressedSize) {
    return { reason: "truncated", detail: `the entry holds ${formatBytes(bytes.length)} of its declared ${formatBytes(entry.uncompressedSize)}` };
  }
  if (crc32(bytes) !== entry.crc32) {
    return { reason: "corrupt-archive", detail: "the entry's checksum does not match: its data was damaged" };
  }
  return { bytes };
}
