import type { File } from "@google-cloud/storage";

const AT_ONCE = 20;

/**
 * Deletes objects a caller has already listed (and counted, or filtered),
 * so that nothing lists them a second time; a few at a time, so that a
 * large prefix does not open thousands of requests at once.
 */
export async function deleteObjects(files: File[]): Promise<number> {
  for (let start = 0; start < files.length; start += AT_ONCE) {
    await Promise.all(files.slice(start, start + AT_ONCE).map((file) => file.delete({ ignoreNotFound: true })));
  }
  return files.length;
}
