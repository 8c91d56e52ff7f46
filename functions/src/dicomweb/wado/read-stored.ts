import type { StoredInstance } from "@pacs/shared";
import type { Bucket } from "@google-cloud/storage";
import { Semaphore } from "../../ingest/semaphore";
import { DicomwebError } from "../dicomweb-error";
import { openStoredInstance } from "./retrieve-instances";

/** Files above this are "large": a multi-frame cine or a whole-slide level, up to ingest's 256 MiB. */
const LARGE_FILE_BYTES = 32 * 1024 * 1024;
/**
 * Two large files in memory at once per function instance (1 GiB, 80
 * concurrent requests): a viewer scrolling a big multi-frame instance waits
 * its turn instead of running the instance out of memory. Small files are
 * not held back.
 */
const largeFiles = new Semaphore(2);

/**
 * Runs `use` with the whole stored original in memory, for frames and
 * rendering, which need its Pixel Data parsed; the bytes are released when
 * `use` settles. Ranged reads of only the frames asked for would spare the
 * memory; they are not done yet (docs/dicomweb.md).
 * @throws DicomwebError 500 when the object is missing from Storage.
 */
export async function withStoredInstance<T>(bucket: Bucket, uid: string, instance: StoredInstance, use: (bytes: Uint8Array) => Promise<T>): Promise<T> {
  const read = async () => use(await download(bucket, uid, instance));
  return instance.byteLength > LARGE_FILE_BYTES ? largeFiles.run(read) : read();
}

async function download(bucket: Bucket, uid: string, instance: StoredInstance): Promise<Uint8Array> {
  try {
    const [bytes] = await openStoredInstance(bucket, uid, instance.metadata).download({ validation: false });
    return bytes;
  } catch (error) {
    if ((error as { code?: unknown }).code === 404) throw new DicomwebError(500, "The stored file of this instance is missing from the archive's storage.");
    throw error;
  }
}
