/** What the markers of a JPEG stream say about its colour model (ITU T.81, JFIF, Adobe APP14). */
export interface JpegColourMarkers {
  jfif: boolean;
  /** Adobe APP14 transform flag: 0 RGB (or CMYK), 1 YCbCr; undefined without the marker. */
  adobeTransform?: number;
  componentIds: number[];
  /** Some component is sampled differently from another (4:2:2, 4:2:0): only YCbCr is stored that way. */
  subsampled: boolean;
}

/**
 * Reads the markers of the first JPEG stream in `bytes` (from SOI to SOS),
 * or undefined when there is none.
 */
export function readJpegColourMarkers(bytes: Uint8Array): JpegColourMarkers | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = buffer.indexOf(SOI);
  if (at < 0) return undefined;
  at += 2;
  const found: JpegColourMarkers = { jfif: false, componentIds: [], subsampled: false };
  while (at + 4 <= buffer.length && buffer[at] === 0xff) {
    const marker = buffer[at + 1]!;
    const length = buffer.readUInt16BE(at + 2);
    const segment = buffer.subarray(at + 4, at + 2 + length);
    if (marker === 0xe0 && segment.subarray(0, 5).toString("latin1") === "JFIF\0") found.jfif = true;
    if (marker === 0xee && segment.subarray(0, 5).toString("latin1") === "Adobe") found.adobeTransform = segment[11];
    if (marker >= 0xc0 && marker <= 0xc3) {
      const count = segment[5] ?? 0;
      const sampling = Array.from({ length: count }, (_, k) => segment[7 + 3 * k]);
      found.componentIds = Array.from({ length: count }, (_, k) => segment[6 + 3 * k]!);
      found.subsampled = new Set(sampling).size > 1;
    }
    if (marker === 0xda) break;
    at += 2 + length;
  }
  return found;
}

/**
 * Whether a browser's libjpeg (cornerstone's libjpeg-turbo) will convert the
 * stream from YCbCr: with a JFIF marker, or without an Adobe marker unless the
 * components are named R, G and B (libjpeg's jdapimin.c default_decompress_parms).
 */
export function libjpegAssumesYcbcr(markers: JpegColourMarkers): boolean {
  if (markers.jfif) return true;
  if (markers.adobeTransform !== undefined) return markers.adobeTransform !== 0;
  const [r, g, b] = markers.componentIds;
  return !(r === 0x52 && g === 0x47 && b === 0x42);
}

const SOI = Buffer.from([0xff, 0xd8, 0xff]);
