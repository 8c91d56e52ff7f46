import {
  buildCtElements,
  buildDataSetBytes,
  buildElementBytes,
  type DicomElementSpec,
} from "../../ingest/testing/build-dicom";

/** What a test image looks like, in DICOM attributes. */
export interface TestImageSpec {
  rows: number;
  columns: number;
  bitsAllocated: 8 | 16;
  /** Defaults to bitsAllocated. */
  bitsStored?: number;
  samplesPerPixel?: 1 | 3;
  pixelRepresentation?: 0 | 1;
  photometricInterpretation?: string;
  modality?: string;
  /** [center, width]; absent means no VOI window in the file. */
  window?: [number, number];
  rescale?: { slope: number; intercept: number };
}

/**
 * A Part 10 file with any transfer syntax: native pixel data as given, or
 * encapsulated frames (PS3.5 §A.4: an empty basic offset table, one fragment
 * per frame). Extends ../ingest/testing/build-dicom.ts, which writes only
 * native explicit/implicit files.
 */
export function buildImageDicom(
  spec: TestImageSpec,
  transferSyntaxUID: string,
  pixels: { native: Uint8Array } | { frames: Uint8Array[] },
  /** Extra or replaced elements, e.g. fresh UIDs for ingest tests. */
  overrides: DicomElementSpec[] = [],
): Uint8Array {
  const elements = buildCtElements([...buildImageElements(spec), ...overrides]);
  const dataSet = buildDataSetBytes(elements, transferSyntaxUID !== "1.2.840.10008.1.2");
  const pixelData =
    "native" in pixels
      ? buildElementBytes({ tag: "7FE00010", vr: spec.bitsAllocated === 8 ? "OB" : "OW", value: pixels.native }, true)
      : buildEncapsulatedPixelData(pixels.frames);
  const meta = buildDataSetBytes(
    [
      { tag: "00020001", vr: "OB", value: new Uint8Array([0, 1]) },
      { tag: "00020002", vr: "UI", value: "1.2.840.10008.5.1.4.1.1.2" },
      { tag: "00020003", vr: "UI", value: "1.2.826.0.1.3680043.10.1.3" },
      { tag: "00020010", vr: "UI", value: transferSyntaxUID },
    ],
    true,
  );
  const metaLength = buildElementBytes({ tag: "00020000", vr: "UL", value: meta.length }, true);
  return Buffer.concat([new Uint8Array(128), Buffer.from("DICM", "latin1"), metaLength, meta, dataSet, pixelData]);
}

function buildImageElements(spec: TestImageSpec): DicomElementSpec[] {
  const samplesPerPixel = spec.samplesPerPixel ?? 1;
  const elements: DicomElementSpec[] = [
    { tag: "00080060", vr: "CS", value: spec.modality ?? "CT" },
    { tag: "00280002", vr: "US", value: samplesPerPixel },
    { tag: "00280004", vr: "CS", value: spec.photometricInterpretation ?? (samplesPerPixel === 3 ? "RGB" : "MONOCHROME2") },
    { tag: "00280010", vr: "US", value: spec.rows },
    { tag: "00280011", vr: "US", value: spec.columns },
    { tag: "00280100", vr: "US", value: spec.bitsAllocated },
    { tag: "00280101", vr: "US", value: spec.bitsStored ?? spec.bitsAllocated },
    { tag: "00280102", vr: "US", value: (spec.bitsStored ?? spec.bitsAllocated) - 1 },
    { tag: "00280103", vr: "US", value: spec.pixelRepresentation ?? 0 },
    { tag: "00281050", vr: "DS", value: spec.window ? String(spec.window[0]) : "" },
    { tag: "00281051", vr: "DS", value: spec.window ? String(spec.window[1]) : "" },
    { tag: "00281052", vr: "DS", value: String(spec.rescale?.intercept ?? 0) },
    { tag: "00281053", vr: "DS", value: String(spec.rescale?.slope ?? 1) },
  ];
  if (samplesPerPixel === 3) elements.push({ tag: "00280006", vr: "US", value: 0 });
  return elements;
}

/** (7FE0,0010) of undefined length: an empty offset table item, one item per frame, a sequence delimiter. */
function buildEncapsulatedPixelData(frames: Uint8Array[]): Uint8Array {
  const header = new Uint8Array(12);
  const view = new DataView(header.buffer);
  view.setUint16(0, 0x7fe0, true);
  view.setUint16(2, 0x0010, true);
  header.set([0x4f, 0x42], 4); // OB
  view.setUint32(8, 0xffffffff, true);
  const item = (tag: number, bytes: Uint8Array) => {
    const padded = bytes.length % 2 ? Buffer.concat([bytes, new Uint8Array(1)]) : bytes;
    const head = new DataView(new ArrayBuffer(8));
    head.setUint16(0, 0xfffe, true);
    head.setUint16(2, tag, true);
    head.setUint32(4, padded.length, true);
    return Buffer.concat([new Uint8Array(head.buffer), padded]);
  };
  return Buffer.concat([header, item(0xe000, new Uint8Array(0)), ...frames.map((f) => item(0xe000, f)), item(0xe0dd, new Uint8Array(0))]);
}
