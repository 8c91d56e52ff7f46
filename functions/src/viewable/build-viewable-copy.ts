import { encodeDataSet } from "./encode-data-set";
import { findViewerProblem } from "./find-viewer-problem";
import {
  DEFAULT_INFLATE_LIMITS,
  DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_BIG_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
  readSource,
  ViewableCopyError,
  type InflateLimits,
  type SourceDataSet,
} from "./read-source";
import { buildElementHeader, byteLengthOf, padEven, type Chunks } from "./write-element";

/** Ours, under the UID root the project already uses (1.2.826.0.1.3680043.10). */
export const IMPLEMENTATION_CLASS_UID = "1.2.826.0.1.3680043.10.1.99";
export const IMPLEMENTATION_VERSION_NAME = "PACS_VIEWABLE_1";

export interface ViewableCopy {
  bytes: Uint8Array;
  /** What the copy is encoded in: explicit VR little endian, unless the pixel data is encapsulated or implicit VR was kept. */
  transferSyntaxUID: string;
  /** The copy's Image Pixel module where it differs from the original's (decoded copies only). */
  pixelModule?: CopyPixelModule;
}

/** Image Pixel module attributes a decoded copy rewrites. */
export interface CopyPixelModule {
  PhotometricInterpretation: string;
  SamplesPerPixel: number;
  BitsAllocated: number;
  BitsStored: number;
  HighBit: number;
  PixelRepresentation: 0 | 1;
  PlanarConfiguration?: 0;
}

export interface BuildViewableCopyOptions {
  /** The transfer syntax ingest found (read-instance.ts); needed for bare data sets and meta groups without (0002,0010). */
  transferSyntaxUID: string;
  limits?: InflateLimits;
}

/**
 * A new Part 10 file with the same data set, in an encoding the browser
 * reads: deflated data sets inflated (within `limits`), big endian values
 * swapped, nonsense VR codes replaced by the dictionary's or UN, values of
 * impossible length trimmed to what can be read, and a fresh meta group.
 * Encapsulated pixel data keeps its transfer syntax and its fragments byte
 * for byte. Implicit VR data sets (the bare ones ingest accepts) keep their
 * bytes and gain the preamble and meta group the browser needs.
 * @throws ViewableCopyError when the file cannot be read whole, inflates past the limits, or the copy would not parse either.
 * @see https://dicom.nema.org/medical/dicom/current/output/chtml/part10/chapter_7.html
 */
export function buildViewableCopy(bytes: Uint8Array, options: BuildViewableCopyOptions): ViewableCopy {
  const source = readSource(bytes, options.transferSyntaxUID, options.limits ?? DEFAULT_INFLATE_LIMITS);
  const transferSyntaxUID = chooseTransferSyntax(options.transferSyntaxUID);
  // An implicit VR data set has no VR codes to repair: its bytes are kept as they are.
  const body = transferSyntaxUID === IMPLICIT_VR_LITTLE_ENDIAN ? [bytes.subarray(source.dataSetOffset)] : encodeBody(source);
  const copy = assemblePart10(source, transferSyntaxUID, body);
  const problem = findViewerProblem(copy, { TransferSyntaxUID: transferSyntaxUID });
  if (problem) throw new ViewableCopyError(`the copy would not be viewable either (${problem})`);
  return { bytes: copy, transferSyntaxUID };
}

/** Native syntaxes become explicit VR little endian; encapsulated ones only have their header rewritten. */
function chooseTransferSyntax(original: string): string {
  if (original === IMPLICIT_VR_LITTLE_ENDIAN) return IMPLICIT_VR_LITTLE_ENDIAN;
  if (original === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN || original === EXPLICIT_VR_BIG_ENDIAN) return EXPLICIT_VR_LITTLE_ENDIAN;
  return original;
}

function encodeBody(source: SourceDataSet): Chunks {
  return encodeDataSet(
    source.dataSet,
    { bigEndian: source.transferSyntaxUID === EXPLICIT_VR_BIG_ENDIAN },
    true,
  );
}

/** Preamble, "DICM", a fresh meta group and the encoded data set: a whole Part 10 file. */
export function assemblePart10(source: SourceDataSet, transferSyntaxUID: string, body: Chunks): Uint8Array {
  return Buffer.concat([new Uint8Array(128), Buffer.from("DICM", "latin1"), ...buildMetaGroup(source, transferSyntaxUID), ...body]);
}

/** A fresh file meta group (PS3.10 §7.1); the SOP Class and Instance UIDs are the original's. */
function buildMetaGroup(source: SourceDataSet, transferSyntaxUID: string): Chunks {
  const fromMeta = (tag: string) => source.meta?.string(tag) || undefined;
  const sopClassUID = fromMeta("x00020002") ?? source.dataSet.string("x00080016") ?? "";
  const sopInstanceUID = fromMeta("x00020003") ?? source.dataSet.string("x00080018") ?? "";
  const elements: Array<[string, string, Uint8Array]> = [
    ["x00020001", "OB", new Uint8Array([0, 1])],
    ["x00020002", "UI", latin1(sopClassUID)],
    ["x00020003", "UI", latin1(sopInstanceUID)],
    ["x00020010", "UI", latin1(transferSyntaxUID)],
    ["x00020012", "UI", latin1(IMPLEMENTATION_CLASS_UID)],
    ["x00020013", "SH", latin1(IMPLEMENTATION_VERSION_NAME)],
  ];
  const body: Chunks = elements.flatMap(([tag, vr, value]) => {
    const padded = padEven(value, vr);
    return [buildElementHeader(tag, vr, padded.length), padded];
  });
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, byteLengthOf(body), true);
  return [buildElementHeader("x00020000", "UL", 4), length, ...body];
}

function latin1(text: string): Uint8Array {
  return Buffer.from(text, "latin1");
}
