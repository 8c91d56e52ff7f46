/** The size a compressed frame gives itself, read from its first bytes. */
export interface CodestreamGeometry {
  codec: string;
  rows: number;
  columns: number;
  components: number;
}

export type CodestreamReading = CodestreamGeometry | { codec: string; problem: string };

const JPEG_FAMILY = new Set([
  "1.2.840.10008.1.2.4.50",
  "1.2.840.10008.1.2.4.51",
  "1.2.840.10008.1.2.4.57",
  "1.2.840.10008.1.2.4.70",
  "1.2.840.10008.1.2.4.80",
  "1.2.840.10008.1.2.4.81",
]);
const JPEG_2000_FAMILY = new Set(["1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203"]);

/**
 * Reads the frame header of a JPEG (ITU T.81 B.2.2, T.87 for JPEG-LS) or
 * JPEG 2000 (ISO 15444-1 A.5.1 SIZ) stream. Undefined for transfer syntaxes
 * whose streams carry no size (RLE), and for forms we do not check (a JP2 file
 * wrapper, a JPEG whose row count comes later in a DNL marker).
 */
export function readCodestreamGeometry(stream: Uint8Array, transferSyntaxUID: string): CodestreamReading | undefined {
  if (JPEG_FAMILY.has(transferSyntaxUID)) return readJpegFrameHeader(stream);
  if (JPEG_2000_FAMILY.has(transferSyntaxUID)) return readJ2kSiz(stream);
  return undefined;
}

const u16 = (bytes: Uint8Array, at: number) => (bytes[at]! << 8) | bytes[at + 1]!;
const u32 = (bytes: Uint8Array, at: number) => u16(bytes, at) * 0x10000 + u16(bytes, at + 2);

function readJpegFrameHeader(stream: Uint8Array): CodestreamReading | undefined {
  const codec = "JPEG";
  if (stream[0] !== 0xff || stream[1] !== 0xd8) return { codec, problem: "it does not start with a JPEG start-of-image marker" };
  let at = 2;
  while (at + 4 <= stream.length) {
    if (stream[at] !== 0xff) return { codec, problem: `no marker where one should be, at byte ${at}` };
    const marker = stream[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    const length = u16(stream, at + 2);
    // SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC); F7 is JPEG-LS's SOF55.
    const isFrameHeader = (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) || marker === 0xf7;
    if (isFrameHeader) {
      if (at + 10 > stream.length) return { codec, problem: "its frame header is cut short" };
      const rows = u16(stream, at + 5);
      if (rows === 0) return undefined;
      return { codec: marker === 0xf7 ? "JPEG-LS" : codec, rows, columns: u16(stream, at + 7), components: stream[at + 9]! };
    }
    if (marker === 0xda || marker === 0xd9) return { codec, problem: "it has no frame header before its image data" };
    at += 2 + length;
  }
  return { codec, problem: "it ends before its frame header" };
}

function readJ2kSiz(stream: Uint8Array): CodestreamReading | undefined {
  const codec = "JPEG 2000";
  // A JP2 file (signature box) instead of a bare codestream: not checked here.
  if (u32(stream, 0) === 12 && u32(stream, 4) === 0x6a502020) return undefined;
  if (u16(stream, 0) !== 0xff4f || u16(stream, 2) !== 0xff51) return { codec, problem: "it does not start with the SOC and SIZ markers" };
  // SIZ's fields, from its length (Lsiz): Rsiz, then Xsiz, Ysiz, XOsiz, YOsiz, XTsiz, YTsiz, XTOsiz, YTOsiz (32 bits each), then Csiz.
  const siz = 4;
  if (stream.length < siz + 38) return { codec, problem: "its image and tile size (SIZ) is cut short" };
  const length = u16(stream, siz);
  const [width, height, xOffset, yOffset, tileWidth, tileHeight, tileXOffset, tileYOffset] = [4, 8, 12, 16, 20, 24, 28, 32].map((at) => u32(stream, siz + at)) as [
    number, number, number, number, number, number, number, number,
  ];
  const components = u16(stream, siz + 36);
  if (length !== 38 + 3 * components) return { codec, problem: `its SIZ marker is ${length} bytes long, where ${components} components need ${38 + 3 * components}` };
  if (xOffset >= width || yOffset >= height || tileWidth === 0 || tileHeight === 0 || tileXOffset > xOffset || tileYOffset > yOffset) {
    return { codec, problem: `its image and tile sizes contradict each other (${width} × ${height} from ${xOffset}, ${yOffset}; tiles ${tileWidth} × ${tileHeight})` };
  }
  const tiles = Math.ceil((width - tileXOffset) / tileWidth) * Math.ceil((height - tileYOffset) / tileHeight);
  if (tiles > 65535) return { codec, problem: `it asks for ${tiles} tiles, more than the 65,535 the standard allows` };
  return { codec, rows: height - yOffset, columns: width - xOffset, components };
}
