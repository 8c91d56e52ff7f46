import * as dicomParser from "dicom-parser";

const IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
/** Any standard sequence tag; it only carries the bytes through dicomParser. */
const CARRIER_TAG = "x00081140";

/**
 * Parses the value of a sequence that was stored as UN (PS3.5 §6.2.2: its
 * items are implicit VR little endian) into dicomParser items, or undefined
 * when the bytes are not items.
 */
export function parseUnknownSequence(value: Uint8Array): dicomParser.Element[] | undefined {
  const bytes = new Uint8Array(8 + value.length);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0x0008, true);
  view.setUint16(2, 0x1140, true);
  view.setUint32(4, value.length, true);
  bytes.set(value, 8);
  try {
    const dataSet = dicomParser.parseDicom(bytes, {
      TransferSyntaxUID: IMPLICIT_VR_LITTLE_ENDIAN,
      vrCallback: (tag: string) => (tag === CARRIER_TAG ? "SQ" : undefined),
    } as dicomParser.ParseDicomOptions);
    return dataSet.elements[CARRIER_TAG]?.items;
  } catch {
    return undefined;
  }
}
