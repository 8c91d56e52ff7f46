import type { DataSet } from "dicom-parser";
import { deflateSync } from "fflate";
import { DeidentificationOptions } from "@pacs/shared";
import { InflateRefusedError } from "../ingest/inflate-data-set";
import { DICOMDIR_SOP_CLASS_UID } from "../ingest/read-instance";
import { DicomParseError, parseDicomHeader } from "../ingest/parse-header";
import {
  DEFAULT_INFLATE_LIMITS,
  DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
  EXPLICIT_VR_BIG_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
  readSource,
  ViewableCopyError,
  type SourceDataSet,
} from "../viewable/read-source";
import { DeidentificationError } from "./errors";
import { readIdentifyingValues } from "./clean-descriptors";
import { dateShiftDays } from "./date-shift";
import { deidentifyDataSet, type DeidentifyContext } from "./deidentify-data-set";
import { buildMethodElements } from "./method";
import { replaceUid } from "./remap-uid";
import type { Chunks } from "../viewable/write-element";
import { encodeElements, encodeMetaGroup, type Encoding, type OutElement } from "./write-data-set";

export interface DeidentificationPlan {
  /** 32 random bytes per share link (or per download): keys the UID HMAC and the date shift. */
  key: Uint8Array;
  /** Becomes PatientName and PatientID. */
  pseudonym: string;
  options: DeidentificationOptions;
}

export interface DeidentifiedInstance {
  /** A complete Part 10 file (preamble, DICM, meta group, data set). */
  bytes: Uint8Array;
  StudyInstanceUID: string;
  SeriesInstanceUID: string;
  SOPInstanceUID: string;
  /** How many attributes the profile changed (removed, emptied, replaced, remapped), nested ones included. */
  changed: number;
}

/** Ours, under the project's UID root, like the viewer-ready copy's (viewable/build-viewable-copy.ts). */
export const IMPLEMENTATION_CLASS_UID = "1.2.826.0.1.3680043.10.1.100";
export const IMPLEMENTATION_VERSION_NAME = "PACS_DEID_1";

/**
 * De-identifies one instance with PS3.15 Annex E (table E.1-1) and the
 * plan's options: the header is rewritten in the source's own transfer
 * syntax, the pixel data element is copied byte for byte, never decoded.
 * Deterministic: the same bytes and plan give the same output bytes.
 * @throws DeidentificationError when the file is not DICOM or cannot be read whole.
 * @see https://dicom.nema.org/medical/dicom/current/output/chtml/part15/chapter_E.html
 */
export function deidentifyInstance(part10: Uint8Array, plan: DeidentificationPlan): DeidentifiedInstance {
  const options = DeidentificationOptions.parse(plan.options);
  const pseudonym = checkPseudonym(plan.pseudonym);
  const source = readWholeFile(part10);
  const { dataSet, transferSyntaxUID } = source;
  const uids = readInstanceUids(source);
  refuseDicomdir(source, uids.SOPClassUID);
  const context: DeidentifyContext = {
    key: plan.key,
    options,
    pseudonym: Buffer.from(pseudonym, "latin1"),
    shiftDays: dateShiftDays(plan.key),
    identifying: readIdentifyingValues(dataSet),
    littleEndian: transferSyntaxUID !== EXPLICIT_VR_BIG_ENDIAN,
    changed: 0,
  };
  const elements = deidentifyDataSet(dataSet, context, false);
  const markers = buildMethodElements(options, context.pseudonym);
  const markerTags = new Set(markers.map((element) => element.tag));
  const body = [...elements.filter((element) => !markerTags.has(element.tag)), ...markers];

  // The same rule as in the data set, so the meta group, the result and the file agree.
  const remapped = {
    StudyInstanceUID: replaceUid(plan.key, uids.StudyInstanceUID),
    SeriesInstanceUID: replaceUid(plan.key, uids.SeriesInstanceUID),
    SOPInstanceUID: replaceUid(plan.key, uids.SOPInstanceUID),
  };
  const meta = buildMeta(uids.SOPClassUID, remapped.SOPInstanceUID, transferSyntaxUID);
  // One copy of the whole file: the pixel data is copied here and nowhere else.
  const bytes = Buffer.concat([new Uint8Array(128), Buffer.from("DICM", "latin1"), ...encodeMetaGroup(meta), ...encodeBody(body, transferSyntaxUID)]);
  return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), ...remapped, changed: context.changed };
}

function checkPseudonym(pseudonym: string): string {
  // Printable ASCII without backslash, as the shared Pseudonym schema asks; anything else would need a character set.
  if (!/^[\x20-\x5b\x5d-\x7e]{1,64}$/.test(pseudonym)) {
    throw new DeidentificationError("the pseudonym must be 1 to 64 printable ASCII characters without a backslash");
  }
  return pseudonym;
}

/**
 * The whole file, pixel data included. Ingest's header reader finds the
 * transfer syntax (bare data sets and meta groups without one included) and
 * refuses what ingest refuses, with the same words.
 */
function readWholeFile(part10: Uint8Array): SourceDataSet {
  try {
    const { transferSyntaxUID } = parseDicomHeader(part10, "instance");
    return readSource(part10, transferSyntaxUID, DEFAULT_INFLATE_LIMITS);
  } catch (error) {
    if (error instanceof ViewableCopyError) throw new DeidentificationError(error.reason, { cause: error });
    if (error instanceof DicomParseError) throw new DeidentificationError(`the file cannot be read as DICOM (${error.reason})`, { cause: error });
    if (error instanceof InflateRefusedError) throw new DeidentificationError(error.detail, { cause: error });
    throw error;
  }
}

function readInstanceUids(source: SourceDataSet) {
  const read = (dataSet: DataSet | undefined, tag: string) => dataSet?.string(tag)?.replace(/\0/g, "").trim() || undefined;
  const SOPInstanceUID = read(source.dataSet, "x00080018") ?? read(source.meta, "x00020003");
  const SOPClassUID = read(source.dataSet, "x00080016") ?? read(source.meta, "x00020002");
  const StudyInstanceUID = read(source.dataSet, "x0020000d");
  const SeriesInstanceUID = read(source.dataSet, "x0020000e");
  // Ingest refuses instances without these; other objects (a DICOMDIR, a colour palette) are still rewritten, with "" for what they lack.
  return { SOPInstanceUID: SOPInstanceUID ?? "", SOPClassUID: SOPClassUID ?? "", StudyInstanceUID: StudyInstanceUID ?? "", SeriesInstanceUID: SeriesInstanceUID ?? "" };
}

/**
 * A DICOMDIR indexes other files by path, and the paths are often the
 * patient ID (PS3.10 §8); its record offsets would not survive a rewrite
 * either. The archive never stores one (ingest refuses them), so none is shared.
 */
function refuseDicomdir(source: SourceDataSet, sopClassUID: string): void {
  if (sopClassUID === DICOMDIR_SOP_CLASS_UID || source.dataSet.elements.x00041220) {
    throw new DeidentificationError("a DICOMDIR is a directory of other files, not an image; it is never shared");
  }
}

/** A fresh meta group: the SOP instance remapped, the transfer syntax kept, no source AE title (PS3.10 §7.1). */
function buildMeta(sopClassUID: string, sopInstanceUID: string, transferSyntaxUID: string): OutElement[] {
  const text = (value: string) => Buffer.from(value, "latin1");
  return [
    { tag: 0x00020001, vr: "OB", value: new Uint8Array([0, 1]) },
    { tag: 0x00020002, vr: "UI", value: text(sopClassUID) },
    { tag: 0x00020003, vr: "UI", value: text(sopInstanceUID) },
    { tag: 0x00020010, vr: "UI", value: text(transferSyntaxUID) },
    { tag: 0x00020012, vr: "UI", value: text(IMPLEMENTATION_CLASS_UID) },
    { tag: 0x00020013, vr: "SH", value: text(IMPLEMENTATION_VERSION_NAME) },
  ];
}

/** The data set in the source's transfer syntax; a deflated one is deflated again (fixed level, so deterministic). */
function encodeBody(body: OutElement[], transferSyntaxUID: string): Chunks {
  const encoding: Encoding = {
    explicitVR: transferSyntaxUID !== IMPLICIT_VR_LITTLE_ENDIAN,
    littleEndian: transferSyntaxUID !== EXPLICIT_VR_BIG_ENDIAN,
  };
  const chunks = encodeElements(body, encoding);
  return transferSyntaxUID === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN ? [deflateSync(Buffer.concat(chunks), { level: 6 })] : chunks;
}
