import { buildDataSetBytes, buildElementBytes, TRANSFER_SYNTAX, type DicomElementSpec } from "./build-dicom";

/**
 * A DICOMDIR writer for tests (PS3.10 §8, PS3.3 Annex F): a Part 10 file in
 * explicit VR little endian whose Directory Record Sequence holds a
 * PATIENT → STUDY → SERIES → leaf hierarchy, linked by byte offsets as a
 * media reader expects.
 */

export const MEDIA_STORAGE_DIRECTORY_SOP_CLASS_UID = "1.2.840.10008.1.3.10";
const CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
const UNDEFINED_LENGTH = 0xffffffff;
const PREFIX_LENGTH = 128 + 4; // preamble and "DICM"

/** One file the DICOMDIR lists: a leaf record and the patient, study and series it belongs to. */
export interface DicomdirRecordSpec {
  /** Referenced File ID (0004,1500) components, e.g. ["DICOM", "ST000000", "IM000000"]. */
  path: string[];
  sopInstanceUID: string;
  sopClassUID?: string;
  transferSyntaxUID?: string;
  /** Defaults to "IMAGE"; "SR DOCUMENT", "PRESENTATION"... for other leaves. */
  recordType?: string;
  /** False writes Record In-use Flag 0000H: a deleted record that readers must ignore. */
  inUse?: boolean;
  patientID?: string;
  studyInstanceUID?: string;
  seriesInstanceUID?: string;
}

export interface BuildDicomdirOptions {
  /**
   * "defined" writes every sequence and item length (as dcmtk does);
   * "undefined" ends them with delimitation items (as many CD writers do).
   */
  lengths?: "defined" | "undefined";
}

interface RecordNode {
  type: string;
  elements: DicomElementSpec[];
  inUse: boolean;
  children: RecordNode[];
}

/** Builds a whole DICOMDIR file that lists `records`. */
export function buildDicomdir(records: DicomdirRecordSpec[], options: BuildDicomdirOptions = {}): Uint8Array {
  const undefinedLengths = options.lengths === "undefined";
  const roots = buildHierarchy(records);
  const ordered = flatten(roots);
  // Offsets are fixed-width UL values, so each item's size is known before the offsets are.
  const links = { next: findNextSiblings(roots), offsets: new Map<RecordNode, number>() };
  const sizes = ordered.map((node) => encodeItem(node, links, undefinedLengths).length);
  const meta = buildMetaGroup();
  const head = (first: number, last: number) => buildDataSetBytes(rootElements(first, last), true);
  const firstItemAt = PREFIX_LENGTH + meta.length + head(0, 0).length + 12; // 12: the SQ element's header
  const { offsets } = links;
  let position = firstItemAt;
  ordered.forEach((record, i) => {
    offsets.set(record, position);
    position += sizes[i]!;
  });

  const items = ordered.map((node) => encodeItem(node, links, undefinedLengths));
  const body = Buffer.concat(items);
  const sequence = Buffer.concat([
    sequenceHeader(undefinedLengths ? UNDEFINED_LENGTH : body.length),
    body,
    undefinedLengths ? delimiter(0xe0dd) : new Uint8Array(0),
  ]);
  const offsetOf = (node: RecordNode | undefined) => (node ? offsets.get(node)! : 0);
  return Buffer.concat([
    new Uint8Array(128),
    Buffer.from("DICM", "latin1"),
    meta,
    head(offsetOf(roots[0]), offsetOf(roots[roots.length - 1])),
    sequence,
  ]);
}

/** Groups records by patient, study and series, in the order they first appear. */
function buildHierarchy(records: DicomdirRecordSpec[]): RecordNode[] {
  const roots: RecordNode[] = [];
  const known = new Map<string, RecordNode>();
  /** The node under `key`, added to `family` the first time it is asked for. */
  const find = (family: RecordNode[], key: string, make: () => RecordNode) => {
    let found = known.get(key);
    if (!found) {
      found = make();
      known.set(key, found);
      family.push(found);
    }
    return found;
  };
  records.forEach((record, index) => {
    const patientID = record.patientID ?? "PID-1";
    const studyUID = record.studyInstanceUID ?? "1.2.826.0.1.3680043.10.9.1";
    const seriesUID = record.seriesInstanceUID ?? `${studyUID}.1`;
    const patient = find(roots, `patient ${patientID}`, () => buildPatientNode(patientID));
    const study = find(patient.children, `study ${studyUID}`, () => buildStudyNode(studyUID));
    const series = find(study.children, `series ${seriesUID}`, () => buildSeriesNode(seriesUID, study.children.length + 1));
    series.children.push(buildLeafNode(record, index + 1));
  });
  return roots;
}

function buildPatientNode(patientID: string): RecordNode {
  return node("PATIENT", [
    { tag: "00100010", vr: "PN", value: "Doe^Jane" },
    { tag: "00100020", vr: "LO", value: patientID },
  ]);
}

function buildStudyNode(studyUID: string): RecordNode {
  return node("STUDY", [
    { tag: "00080020", vr: "DA", value: "20240131" },
    { tag: "00080030", vr: "TM", value: "101500" },
    { tag: "00080050", vr: "SH", value: "" },
    { tag: "00081030", vr: "LO", value: "" },
    { tag: "0020000D", vr: "UI", value: studyUID },
    { tag: "00200010", vr: "SH", value: "" },
  ]);
}

function buildSeriesNode(seriesUID: string, seriesNumber: number): RecordNode {
  return node("SERIES", [
    { tag: "00080060", vr: "CS", value: "CT" },
    { tag: "0020000E", vr: "UI", value: seriesUID },
    { tag: "00200011", vr: "IS", value: String(seriesNumber) },
  ]);
}

function buildLeafNode(record: DicomdirRecordSpec, instanceNumber: number): RecordNode {
  const leaf = node(record.recordType ?? "IMAGE", [
    { tag: "00041500", vr: "CS", value: record.path },
    { tag: "00041510", vr: "UI", value: record.sopClassUID ?? CT_IMAGE_STORAGE },
    { tag: "00041511", vr: "UI", value: record.sopInstanceUID },
    { tag: "00041512", vr: "UI", value: record.transferSyntaxUID ?? TRANSFER_SYNTAX.explicitLittle },
    { tag: "00200013", vr: "IS", value: String(instanceNumber) },
  ]);
  leaf.inUse = record.inUse ?? true;
  return leaf;
}

function node(type: string, elements: DicomElementSpec[]): RecordNode {
  return { type, elements, inUse: true, children: [] };
}

/** Depth first, parents before children: the order dcmtk writes records in. */
function flatten(nodes: RecordNode[]): RecordNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

/** Each record's next sibling: the chain (0004,1400) follows within one directory entity. */
function findNextSiblings(roots: RecordNode[]): Map<RecordNode, RecordNode> {
  const next = new Map<RecordNode, RecordNode>();
  const link = (family: RecordNode[]) => {
    family.forEach((member, i) => {
      const sibling = family[i + 1];
      if (sibling) next.set(member, sibling);
      link(member.children);
    });
  };
  link(roots);
  return next;
}

interface Links {
  next: Map<RecordNode, RecordNode>;
  /** Absolute byte offsets of items; empty while sizes are measured. */
  offsets: Map<RecordNode, number>;
}

/** One directory record: its links (PS3.3 F.3.2.2), then its keys. */
function encodeItem(node: RecordNode, links: Links, undefinedLength: boolean): Uint8Array {
  const offsetOf = (target: RecordNode | undefined) => (target ? links.offsets.get(target) ?? 0 : 0);
  const body = buildDataSetBytes(
    [
      { tag: "00041400", vr: "UL", value: offsetOf(links.next.get(node)) },
      { tag: "00041410", vr: "US", value: node.inUse ? 0xffff : 0x0000 },
      { tag: "00041420", vr: "UL", value: offsetOf(node.children[0]) },
      { tag: "00041430", vr: "CS", value: node.type },
      ...node.elements,
    ],
    true,
  );
  const header = delimiter(0xe000, undefinedLength ? UNDEFINED_LENGTH : body.length);
  return Buffer.concat([header, body, undefinedLength ? delimiter(0xe00d) : new Uint8Array(0)]);
}

function rootElements(first: number, last: number): DicomElementSpec[] {
  return [
    { tag: "00041130", vr: "CS", value: "TEST_FILESET" },
    { tag: "00041200", vr: "UL", value: first },
    { tag: "00041202", vr: "UL", value: last },
    { tag: "00041212", vr: "US", value: 0 },
  ];
}

/** (FFFE,xxxx) with a 32-bit length: Item, Item Delimitation or Sequence Delimitation (PS3.5 §7.5). */
function delimiter(element: number, length = 0): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0xfffe, true);
  view.setUint16(2, element, true);
  view.setUint32(4, length, true);
  return out;
}

/** (0004,1220) SQ header in explicit VR: tag, "SQ", two reserved bytes, 32-bit length. */
function sequenceHeader(length: number): Uint8Array {
  const out = new Uint8Array(12);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0x0004, true);
  view.setUint16(2, 0x1220, true);
  out.set([0x53, 0x51], 4);
  view.setUint32(8, length, true);
  return out;
}

function buildMetaGroup(): Uint8Array {
  const body = buildDataSetBytes(
    [
      { tag: "00020001", vr: "OB", value: new Uint8Array([0, 1]) },
      { tag: "00020002", vr: "UI", value: MEDIA_STORAGE_DIRECTORY_SOP_CLASS_UID },
      { tag: "00020003", vr: "UI", value: "1.2.826.0.1.3680043.10.9.99" },
      { tag: "00020010", vr: "UI", value: TRANSFER_SYNTAX.explicitLittle },
      { tag: "00020012", vr: "UI", value: "1.2.826.0.1.3680043.10.1" },
    ],
    true,
  );
  return Buffer.concat([buildElementBytes({ tag: "00020000", vr: "UL", value: body.length }, true), body]);
}
