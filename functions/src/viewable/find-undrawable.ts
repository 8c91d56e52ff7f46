import type { DataSet } from "dicom-parser";
import { readCodestreamGeometry, type CodestreamGeometry } from "./codestream-geometry";

/** What the image header says the pixels are (read-instance.ts). */
export interface ImageGeometry {
  TransferSyntaxUID: string;
  Rows?: number;
  Columns?: number;
  SamplesPerPixel?: number;
}

const NATIVE = new Set(["1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.2"]);
const PIXEL_DATA_TAGS = ["x7fe00010", "x7fe00008", "x7fe00009"];

/**
 * Why an image instance has nothing the viewer could draw, or undefined.
 * Such an instance is stored and downloadable like any other, but kept out of
 * the viewer (which would show a black viewport) and listed on the study page
 * with this reason (docs/viewer.md, "Images the viewer cannot draw"):
 * - a header without pixel data (a study's dose or localizer record sent
 *   without its pixels, or a file cut short);
 * - a compressed frame whose codestream contradicts the header: a JPEG or
 *   JPEG 2000 stream whose own size is not the image's Rows × Columns, or
 *   that is not the codestream its transfer syntax names. No decoder can draw
 *   it: dcmtk, GDCM and OpenJPEG refuse it as the browser's codecs do.
 * Only the first fragment is read, so this costs nothing next to storing the file.
 */
export function findUndrawablePixels(dataSet: DataSet, image: ImageGeometry): string | undefined {
  const pixelData = findPixelDataElement(dataSet);
  if (!pixelData || (pixelData.length === 0 && !pixelData.encapsulatedPixelData)) return "the image holds no pixel data (only its header)";
  if (NATIVE.has(image.TransferSyntaxUID) || !pixelData.hadUndefinedLength) return undefined;
  // Ingest parses up to the pixel data only (parse-header.ts): find the first fragment by hand.
  const stream = readFirstFragment(dataSet.byteArray, pixelData.dataOffset);
  if (typeof stream === "string") return stream;
  const geometry = readCodestreamGeometry(stream, image.TransferSyntaxUID);
  if (geometry === undefined) return undefined;
  if ("problem" in geometry) return `its ${geometry.codec} stream is damaged: ${geometry.problem}`;
  return findMismatch(geometry, image);
}

/** Pixel Data, Float Pixel Data or Double Float Pixel Data, whichever the data set has. */
export function findPixelDataElement(dataSet: DataSet) {
  return PIXEL_DATA_TAGS.map((tag) => dataSet.elements[tag]).find((element) => element !== undefined);
}

function findMismatch(geometry: CodestreamGeometry, image: ImageGeometry): string | undefined {
  const { codec, rows, columns, components } = geometry;
  if (image.Rows !== undefined && image.Columns !== undefined && (rows !== image.Rows || columns !== image.Columns)) {
    return `its ${codec} stream is damaged: it says ${columns} × ${rows} pixels where the header says ${image.Columns} × ${image.Rows}`;
  }
  const samples = image.SamplesPerPixel ?? 1;
  if (components !== samples) return `its ${codec} stream is damaged: it holds ${components} components where the header says ${samples} samples per pixel`;
  return undefined;
}

const ITEM_TAG = [0xfe, 0xff, 0x00, 0xe0];

/**
 * The first fragment after the Basic Offset Table item (PS3.5 A.4): items are
 * (FFFE,E000) tags with a 32-bit little endian length, whatever the data set's encoding.
 */
function readFirstFragment(bytes: Uint8Array, valueOffset: number): Uint8Array | string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = valueOffset;
  for (let item = 0; item < 2; item += 1) {
    if (at + 8 > bytes.length || ITEM_TAG.some((byte, i) => bytes[at + i] !== byte)) {
      return item === 0 ? "its compressed pixel data has no item where the offset table should be" : "the compressed pixel data holds no fragment";
    }
    const length = view.getUint32(at + 4, true);
    if (item === 1) return bytes.subarray(at + 8, Math.min(at + 8 + length, bytes.length));
    at += 8 + length;
  }
  return "the compressed pixel data holds no fragment";
}
