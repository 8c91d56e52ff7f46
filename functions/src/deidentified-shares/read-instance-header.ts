import type { Bucket } from "@google-cloud/storage";
import { holdsWholeHeader } from "./burned-in-text";

/** Most headers fit here; a file's first 64 KiB cost one small ranged read. */
const FIRST_READ_BYTES = 64 * 1024;

/**
 * The first bytes of a stored object, enough to hold its whole header: a
 * ranged read, doubled until it reaches the pixel data or the end of the
 * file (long vendor headers), so that no attribute after the first 64 KiB
 * is missed.
 */
export async function readInstanceHeader(bucket: Bucket, objectPath: string, objectSize: number): Promise<Uint8Array> {
  let length = Math.min(FIRST_READ_BYTES, objectSize);
  for (;;) {
    const [head] = await bucket.file(objectPath).download({ start: 0, end: Math.max(0, length - 1), validation: false });
    if (holdsWholeHeader(head, objectSize) || length >= objectSize) return head;
    length = Math.min(length * 4, objectSize);
  }
}
