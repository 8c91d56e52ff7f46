import { Readable } from "node:stream";

/**
 * Random access to an uploaded object without holding it in memory: a ZIP's
 * directory is at its end, its entries anywhere. Cloud Storage serves byte
 * ranges; tests and nested archives use a buffer.
 */
export interface ByteSource {
  readonly size: number;
  /** Bytes [start, end) as one buffer. */
  read(start: number, end: number): Promise<Buffer>;
  /** Bytes [start, end) as a stream, for entries too big to read in one go. */
  stream(start: number, end: number): Readable;
}

export function bufferSource(bytes: Uint8Array): ByteSource {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    size: buffer.length,
    read: async (start, end) => buffer.subarray(start, end),
    stream: (start, end) => Readable.from([buffer.subarray(start, end)]),
  };
}

/** The part of `@google-cloud/storage`'s File that ranged reads need. */
export interface RangeReadableFile {
  download(options: { start: number; end: number; validation: false }): Promise<[Buffer]>;
  createReadStream(options: { start: number; end: number; validation: false }): Readable;
}

/**
 * A Cloud Storage object; ranges there are inclusive at both ends. The
 * client's download validation is off: a range cannot be checked against the
 * object's hash anyway, yet it was hashed in JavaScript (a tenth of ingest's
 * CPU); ZIP entries carry their own CRC-32, which is checked.
 */
export function storageSource(file: RangeReadableFile, size: number): ByteSource {
  return {
    size,
    read: async (start, end) => (end <= start ? Buffer.alloc(0) : (await file.download({ start, end: end - 1, validation: false }))[0]),
    stream: (start, end) => (end <= start ? Readable.from([]) : file.createReadStream({ start, end: end - 1, validation: false })),
  };
}
