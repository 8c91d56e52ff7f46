import { Unzip, UnzipInflate, type UnzipFile } from "fflate";
import { formatBytes, type IngestReason } from "@pacs/shared";
import type { IngestLimits } from "../limits";
import { problem, type ArchiveItem } from "./archive-item";
import { ArchiveBudget } from "./budget";
import type { ByteSource } from "./byte-source";
import { isDirectoryName, sanitizeEntryName } from "./entry-name";

/**
 * Compressed bytes handed to the unzipper at a time. Its callbacks run inside
 * each push, so a step bounds what one push can inflate (~1032 × this, at
 * deflate's best ratio) before the limits below are checked, whether the
 * source streams small chunks or hands over a 128 MiB buffer in one.
 */
const STEP_BYTES = 16 * 1024;

interface OpenEntry {
  chunks: Uint8Array[];
  length: number;
  failed: boolean;
  /** Compressed bytes pushed before the step in which this entry began: its data cannot start earlier. */
  startedAt: number;
}

/**
 * The fallback for an archive without a readable central directory — most
 * often one cut off in transfer. Local file headers are read front to back
 * (fflate's streaming unzip), so every entry before the cut is still ingested
 * and the cut one is named. Nothing can be said about entries after the cut.
 * Entries are held to the limits of the streaming path: size, the upload's
 * totals (`budget`) and, since local headers may lie about sizes, a ratio
 * measured on the compressed bytes actually pushed.
 */
export async function* scanZipForward(source: ByteSource, archiveName: string, limits: IngestLimits, budget = new ArchiveBudget(limits)): AsyncGenerator<ArchiveItem> {
  const ready: ArchiveItem[] = [];
  const open = new Map<string, OpenEntry>();
  let seen = 0;
  let tooMany: string | null = null;
  let pushed = 0;
  let stepStart = 0;
  const unzip = new Unzip((file: UnzipFile) => {
    seen += 1;
    tooMany ??= budget.takeEntries(1);
    const name = `${archiveName}/${sanitizeEntryName(file.name)}`;
    if (tooMany) return;
    if (isDirectoryName(file.name)) {
      ready.push({ kind: "container", name });
      return;
    }
    const state: OpenEntry = { chunks: [], length: 0, failed: false, startedAt: stepStart };
    open.set(name, state);
    const fail = (reason: IngestReason, detail: string) => {
      state.failed = true;
      open.delete(name);
      file.terminate();
      ready.push(problem(name, reason, detail));
    };
    file.ondata = (error, data, final) => {
      if (state.failed) return;
      if (error) return fail("corrupt-archive", `the entry's data is damaged: ${error.message}`);
      state.length += data.length;
      const refusal = findRefusal(state.length, pushed - state.startedAt, limits, budget);
      if (refusal) return fail(refusal.reason, refusal.detail);
      state.chunks.push(data);
      if (final) {
        open.delete(name);
        budget.takeBytes(state.length);
        ready.push({ kind: "file", name, bytes: Buffer.concat(state.chunks, state.length) });
      }
    };
    try {
      file.start();
    } catch (error) {
      open.delete(name);
      ready.push(problem(name, "corrupt-archive", `the entry cannot be unpacked: ${(error as Error).message}`));
    }
  });
  unzip.register(UnzipInflate);
  let fault: string | null = null;
  try {
    for await (const chunk of source.stream(0, source.size)) {
      const bytes = chunk as Uint8Array;
      for (let at = 0; at < bytes.length; at += STEP_BYTES) {
        stepStart = pushed;
        const step = bytes.subarray(at, at + STEP_BYTES);
        pushed += step.length;
        unzip.push(step, false);
        yield* ready.splice(0);
        if (tooMany) {
          yield problem(archiveName, "too-many-entries", tooMany);
          return;
        }
      }
    }
    unzip.push(new Uint8Array(0), true);
  } catch (error) {
    fault = (error as Error).message;
  }
  yield* ready.splice(0);
  for (const name of open.keys()) {
    yield problem(name, "truncated", "the archive ends in the middle of this entry (it was cut off in transfer); upload it again");
  }
  if (seen === 0) {
    yield problem(archiveName, "corrupt-archive", "this is not a readable ZIP archive: it has neither a directory nor any entries");
  } else {
    const detail = `the archive is incomplete (its directory at the end is missing${fault ? `; ${fault}` : ""}): the ${seen} entries before the cut were read, anything after it is lost — upload the archive again`;
    yield problem(archiveName, "truncated", detail);
  }
}

/** The streaming path's limits (read-zip.ts, read-gzip.ts), applied to what an entry has inflated so far. */
function findRefusal(inflated: number, consumed: number, limits: IngestLimits, budget: ArchiveBudget): { reason: IngestReason; detail: string } | null {
  if (inflated > limits.maxInstanceBytes) {
    return { reason: "too-large", detail: `the entry is larger than ${formatBytes(limits.maxInstanceBytes)}; entries of at most ${formatBytes(limits.maxInstanceBytes)} are accepted — upload this file on its own` };
  }
  if (!budget.fits(inflated)) return { reason: "archive-too-large", detail: budget.describeTotal() };
  if (inflated <= limits.ratioCheckFromBytes) return null;
  const ratio = inflated / Math.max(consumed, 1);
  if (ratio <= limits.maxCompressionRatio) return null;
  return {
    reason: "zip-bomb",
    detail: `the entry expands ${Math.round(ratio)}:1 (at most ${formatBytes(consumed)} to ${formatBytes(inflated)} when unpacking was stopped), more than the ${limits.maxCompressionRatio}:1 accepted; this looks like a zip bomb`,
  };
}
