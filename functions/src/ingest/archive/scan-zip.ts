import { Unzip, UnzipInflate, type UnzipFile } from "fflate";
import { formatBytes } from "@pacs/shared";
import type { IngestLimits } from "../limits";
import { problem, type ArchiveItem } from "./archive-item";
import type { ByteSource } from "./byte-source";
import { isDirectoryName, sanitizeEntryName } from "./entry-name";

/**
 * The fallback for an archive without a readable central directory — most
 * often one cut off in transfer. Local file headers are read front to back
 * (fflate's streaming unzip), so every entry before the cut is still ingested
 * and the cut one is named. Nothing can be said about entries after the cut.
 */
export async function* scanZipForward(source: ByteSource, archiveName: string, limits: IngestLimits): AsyncGenerator<ArchiveItem> {
  const ready: ArchiveItem[] = [];
  const open = new Map<string, { chunks: Uint8Array[]; length: number; failed: boolean }>();
  let seen = 0;
  let totalBytes = 0;

  const unzip = new Unzip((file: UnzipFile) => {
    seen += 1;
    const name = `${archiveName}/${sanitizeEntryName(file.name)}`;
    if (isDirectoryName(file.name)) {
      ready.push({ kind: "container", name });
      return;
    }
    const state = { chunks: [] as Uint8Array[], length: 0, failed: false };
    open.set(name, state);
    file.ondata = (error, data, final) => {
      if (state.failed) return;
      if (error) {
        state.failed = true;
        open.delete(name);
        ready.push(problem(name, "corrupt-archive", `the entry's data is damaged: ${error.message}`));
        return;
      }
      state.length += data.length;
      if (state.length > limits.maxInstanceBytes || totalBytes + state.length > limits.maxArchiveUncompressedBytes) {
        state.failed = true;
        open.delete(name);
        file.terminate();
        ready.push(problem(name, "too-large", `the entry is larger than ${formatBytes(limits.maxInstanceBytes)}, or the archive unpacks to more than ${formatBytes(limits.maxArchiveUncompressedBytes)}`));
        return;
      }
      state.chunks.push(data);
      if (final) {
        open.delete(name);
        totalBytes += state.length;
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
      unzip.push(chunk as Uint8Array, false);
      yield* ready.splice(0);
      if (seen > limits.maxArchiveEntries) {
        yield problem(archiveName, "too-many-entries", `the archive holds more than ${limits.maxArchiveEntries} entries; split it into smaller archives`);
        return;
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
