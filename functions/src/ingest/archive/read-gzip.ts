import { createGunzip } from "node:zlib";
import { pipeline } from "node:stream";
import { formatBytes } from "@pacs/shared";
import { detectDicom } from "../detect";
import type { IngestLimits } from "../limits";
import { looksLikeGzip, problem, type ArchiveItem } from "./archive-item";
import type { ByteSource } from "./byte-source";

/**
 * Unwraps a gzip-compressed file (`.dcm.gz`, as some research tools write)
 * into the one DICOM file it holds, named without `.gz`, so that the archive
 * stores the instance and not its wrapper. The compressed bytes are streamed
 * and never trusted: inflation stops as soon as the output passes
 * `maxInstanceBytes` or, once past `ratioCheckFromBytes`, expands more than
 * `maxCompressionRatio`, so a gzip bomb costs a few megabytes, not its size.
 * Concatenated members are joined, as `gunzip` does (RFC 1952 §2.2); a gzip
 * inside the gzip is not unwrapped again.
 *
 * Bad data ends as a problem item; a failure to read the source (Cloud
 * Storage) is thrown, so that the trigger is retried and the upload kept.
 */
export async function readGzip(source: ByteSource, name: string, limits: IngestLimits): Promise<ArchiveItem> {
  const inflated = await inflateBounded(source, limits);
  if ("reason" in inflated) return problem(name, inflated.reason, inflated.detail);
  const { bytes } = inflated;
  if (looksLikeGzip(bytes)) {
    return problem(name, "nested-too-deep", "a gzip file inside a gzip file: only one level is unwrapped — gunzip it once and upload again");
  }
  const detection = detectDicom(bytes);
  if (!detection.isDicom) return problem(name, "not-dicom", `a gzip file whose content is not DICOM: ${detection.reason}`);
  return { kind: "file", name: unwrappedName(name), bytes };
}

/** `IM1.dcm.gz` → `IM1.dcm`, so that a DICOMDIR listing `IM1.dcm` finds it; other names stay. */
export function unwrappedName(name: string): string {
  return /[^/]\.gz$/i.test(name) ? name.slice(0, -3) : name;
}

type Inflated = { bytes: Buffer } | { reason: "too-large" | "zip-bomb" | "truncated" | "unreadable"; detail: string };

async function inflateBounded(source: ByteSource, limits: IngestLimits): Promise<Inflated> {
  const gunzip = createGunzip();
  // A read failure of the source destroys gunzip with that error, which the loop below rethrows.
  pipeline(source.stream(0, source.size), gunzip, () => {});
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    // zlib inflates only as fast as this loop reads, so stopping here stops inflation.
    for await (const chunk of gunzip) {
      length += (chunk as Buffer).length;
      const refusal = findRefusal(length, gunzip.bytesWritten, limits);
      if (refusal) {
        gunzip.destroy();
        return refusal;
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (!isZlibError(error)) throw error;
    return error.code === "Z_BUF_ERROR"
      ? { reason: "truncated", detail: `the gzip file ends early (it was cut off in transfer): ${error.message} — upload it again` }
      : { reason: "unreadable", detail: `the gzip file is damaged and cannot be unwrapped: ${error.message}` };
  }
  return { bytes: Buffer.concat(chunks, length) };
}

/** The limits a ZIP entry is held to, applied to what has been inflated so far. */
function findRefusal(inflated: number, consumed: number, limits: IngestLimits): Inflated | null {
  if (inflated > limits.maxInstanceBytes) {
    return { reason: "too-large", detail: `the gzip file unwraps to more than ${formatBytes(limits.maxInstanceBytes)}; single files of at most ${formatBytes(limits.maxInstanceBytes)} are accepted` };
  }
  if (inflated < limits.ratioCheckFromBytes) return null;
  const ratio = inflated / Math.max(consumed, 1);
  if (ratio <= limits.maxCompressionRatio) return null;
  return {
    reason: "zip-bomb",
    detail: `the gzip file expands ${Math.round(ratio)}:1 (${formatBytes(consumed)} to ${formatBytes(inflated)} when unwrapping was stopped), beyond the ${limits.maxCompressionRatio}:1 accepted; this looks like a zip bomb`,
  };
}

/** zlib's own errors carry a `Z_*` code; anything else came from reading the source. */
function isZlibError(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("Z_");
}
