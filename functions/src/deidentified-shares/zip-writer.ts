import type { File } from "@google-cloud/storage";
import { PassThrough } from "node:stream";
import { finished, pipeline } from "node:stream/promises";
import { ZipFile } from "yazl";

/**
 * A ZIP written to a Storage object one file at a time: `add` resolves once
 * the ZIP has taken the file's bytes, so a caller that awaits each one holds
 * one file in memory, whatever the study's size. Stored, not compressed, as
 * the study download is: pixel data barely shrinks.
 */
export class ZipWriter {
  private readonly zip = new ZipFile();
  private readonly written: Promise<void>;
  private failure: unknown;
  files = 0;

  constructor(target: File) {
    this.written = pipeline(this.zip.outputStream, target.createWriteStream({ resumable: false, validation: false, contentType: "application/zip" }));
    this.written.catch((error: unknown) => {
      this.failure = error ?? new Error("the ZIP could not be written");
    });
  }

  async add(name: string, bytes: Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    const entry = new PassThrough();
    this.zip.addReadStream(entry, name, { compress: false });
    entry.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
    // If the write to Storage fails, the ZIP stops reading: the failure ends the wait instead.
    await Promise.race([finished(entry), this.written.then(() => undefined)]);
    if (this.failure) throw this.failure;
    this.files += 1;
  }

  async close(): Promise<void> {
    this.zip.end();
    await this.written;
  }
}
