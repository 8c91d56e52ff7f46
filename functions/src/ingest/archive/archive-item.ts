import type { IngestReason } from "@pacs/shared";

/** What reading an archive produces, in order: never an exception for bad data, always an item. */
export type ArchiveItem =
  /** How many entries the archive's directory lists (for "120 / 300"); absent when it has none. */
  | { kind: "entries"; total: number }
  | { kind: "file"; name: string; bytes: Buffer }
  /** A folder entry or a nested archive: no verdict of its own, counted only so that progress reaches its total. */
  | { kind: "container"; name: string }
  | { kind: "problem"; name: string; reason: IngestReason; detail: string };

export function problem(name: string, reason: IngestReason, detail: string): ArchiveItem {
  return { kind: "problem", name, reason, detail };
}

/** ZIP local file header or empty-archive signature: enough to try an archive reader. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

/** gzip member header (RFC 1952 §2.3.1, ID1 ID2): enough to try gunzip, which names anything else wrong. */
export function looksLikeGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}
