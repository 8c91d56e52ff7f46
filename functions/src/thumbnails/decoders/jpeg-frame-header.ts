/** What a JPEG start-of-frame segment says about the image (ITU T.81 §B.2.2). */
export interface JpegFrameHeader {
  /** Start-of-frame marker, 0xc0 (baseline) to 0xcf: 0xc1 is extended Huffman, 0xc3 lossless. */
  marker: number;
  precision: number;
  rows: number;
  columns: number;
  componentCount: number;
}

/** Reads the first SOF segment of a codestream; undefined when none comes before the markers run out. */
export function parseJpegFrameHeader(bytes: Uint8Array): JpegFrameHeader | undefined {
  let offset = 2;
  while (offset + 4 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) {
      if (offset + 9 >= bytes.length) return undefined;
      const readUint16 = (at: number) => (bytes[at]! << 8) | bytes[at + 1]!;
      return {
        marker,
        precision: bytes[offset + 4]!,
        rows: readUint16(offset + 5),
        columns: readUint16(offset + 7),
        componentCount: bytes[offset + 9]!,
      };
    }
    offset += 2 + ((bytes[offset + 2]! << 8) | bytes[offset + 3]!);
  }
  return undefined;
}
