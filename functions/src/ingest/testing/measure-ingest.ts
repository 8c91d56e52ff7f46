/**
 * Child-process harness for memory.test.ts: runs the ingest's pure path on
 * one uploaded file the way the deployed function does (expand the upload,
 * read each instance's header, build the viewer-ready copy, render a
 * thumbnail), with the deployed concurrency and bytes-in-flight bound, then
 * prints its peak resident set (VmHWM). Storage and Firestore are left out:
 * they stream bytes already in memory. Usage: node -r register-ts.js measure-ingest.ts <file>
 */
import { createReadStream } from "node:fs";
import { open, readFile, stat } from "node:fs/promises";
import { renderThumbnail } from "../../thumbnails/render-thumbnail";
import { planViewerCopy } from "../../viewable";
import type { ArchiveItem } from "../archive/archive-item";
import type { ByteSource } from "../archive/byte-source";
import { expandUpload } from "../expand-upload";
import { DEFAULT_INGEST_LIMITS } from "../limits";
import { readInstanceMetadata, SkippedInstanceError } from "../read-instance";

/** As deployed (functions/src/index.ts, ingestUpload). */
const CONCURRENCY = 32;
const MAX_BYTES_IN_FLIGHT = 256 * 1024 * 1024;

/** A file on disk read by ranges, as Cloud Storage serves an upload. */
async function fileSource(path: string): Promise<ByteSource & { close(): Promise<void> }> {
  const { size } = await stat(path);
  const handle = await open(path, "r");
  return {
    close: () => handle.close(),
    size,
    read: async (start, end) => {
      const buffer = Buffer.alloc(Math.max(0, end - start));
      await handle.read(buffer, 0, buffer.length, start);
      return buffer;
    },
    stream: (start, end) => createReadStream(path, { start, end: end - 1 }),
  };
}

async function ingestFile(item: Extract<ArchiveItem, { kind: "file" }>, verdicts: string[]): Promise<void> {
  try {
    const read = readInstanceMetadata(item.bytes, item.name);
    const plan = planViewerCopy(item.bytes, read.instance);
    if (plan) await plan.build().catch((error: Error) => verdicts.push(`no viewer copy: ${error.message}`));
    await renderThumbnail(item.bytes);
    verdicts.push(`stored ${item.name}`);
  } catch (error) {
    if (!(error instanceof SkippedInstanceError)) throw error;
    verdicts.push(`${error.reason} ${item.name}`);
  }
}

async function main(path: string): Promise<void> {
  const verdicts: string[] = [];
  const running = new Set<Promise<void>>();
  let inFlight = 0;
  const source = await fileSource(path);
  for await (const item of expandUpload(source, "upload", DEFAULT_INGEST_LIMITS)) {
    if (item.kind === "problem") verdicts.push(`${item.reason} ${item.name}`);
    if (item.kind !== "file") continue;
    const size = item.bytes.length;
    inFlight += size;
    const task: Promise<void> = ingestFile(item, verdicts).finally(() => {
      running.delete(task);
      inFlight -= size;
    });
    running.add(task);
    while (running.size >= CONCURRENCY || (running.size > 0 && inFlight > MAX_BYTES_IN_FLIGHT)) await Promise.race(running);
  }
  await Promise.all(running);
  await source.close();
  const status = await readFile("/proc/self/status", "utf8");
  const peakKiB = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
  process.stdout.write(JSON.stringify({ peakBytes: peakKiB * 1024, verdicts }));
}

main(process.argv[2]!).catch((error) => {
  console.error(error);
  process.exit(1);
});
