import { createDeflateRaw, crc32 } from "node:zlib";
import JSZip from "jszip";

/** Builds a ZIP in memory (JSZip is fine for test fixtures; the server never uses it). */
export async function buildZip(files: Record<string, Uint8Array | string>, options: { compression?: "STORE" | "DEFLATE" } = {}): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, data] of Object.entries(files)) zip.file(name, data, { createFolders: false });
  return zip.generateAsync({ type: "nodebuffer", compression: options.compression ?? "DEFLATE" });
}

const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/**
 * Marks the named entry as traditionally encrypted (general purpose flag
 * bit 0) in both its local and central headers, as a password-protected
 * export looks to a reader without the password.
 */
export function markEncrypted(zip: Buffer, entryName: string): Buffer {
  const out = Buffer.from(zip);
  const name = Buffer.from(entryName);
  for (let i = 0; i + 46 <= out.length; i++) {
    const signature = out.readUInt32LE(i);
    if (signature === LOCAL_HEADER && out.subarray(i + 30, i + 30 + name.length).equals(name)) out.writeUInt16LE(out.readUInt16LE(i + 6) | 1, i + 6);
    if (signature === CENTRAL_HEADER && out.subarray(i + 46, i + 46 + name.length).equals(name)) out.writeUInt16LE(out.readUInt16LE(i + 8) | 1, i + 8);
  }
  return out;
}

/** Offset of an entry's data, to damage it on purpose. */
export function entryDataOffset(zip: Buffer, entryName: string): number {
  const name = Buffer.from(entryName);
  for (let i = 0; i + 30 <= zip.length; i++) {
    if (zip.readUInt32LE(i) === LOCAL_HEADER && zip.subarray(i + 30, i + 30 + name.length).equals(name)) {
      return i + 30 + zip.readUInt16LE(i + 26) + zip.readUInt16LE(i + 28);
    }
  }
  throw new Error(`no entry ${entryName}`);
}

/**
 * A ZIP with no central directory (as if cut off in transfer, so only the
 * forward scan can read it) whose entries are `zeroMebibytes` of zeros each,
 * deflated a mebibyte at a time: a bomb the test never holds inflated.
 */
export async function buildZipWithoutDirectory(entries: Array<{ name: string; zeroMebibytes?: number; data?: Uint8Array }>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const deflate = createDeflateRaw({ level: 9 });
    const out: Buffer[] = [];
    deflate.on("data", (chunk: Buffer) => out.push(chunk));
    let crc = 0;
    let size = 0;
    const write = async (bytes: Buffer) => {
      crc = crc32(bytes, crc);
      size += bytes.length;
      if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once("drain", resolve));
    };
    if (entry.data) await write(Buffer.from(entry.data));
    const zeros = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < (entry.zeroMebibytes ?? 0); i++) await write(zeros);
    await new Promise((resolve) => {
      deflate.once("end", resolve);
      deflate.end();
    });
    const compressed = Buffer.concat(out);
    const name = Buffer.from(entry.name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_HEADER, 0);
    header.writeUInt16LE(20, 4); // version needed
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt32LE(crc >>> 0, 14);
    header.writeUInt32LE(compressed.length, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(name.length, 26);
    parts.push(header, name, compressed);
  }
  return Buffer.concat(parts);
}
