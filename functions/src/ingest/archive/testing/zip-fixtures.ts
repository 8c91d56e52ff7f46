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
