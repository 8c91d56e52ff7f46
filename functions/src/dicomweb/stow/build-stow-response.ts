import type { IngestReason } from "@pacs/shared";
import type { ItemVerdict } from "../../ingest/ingest-items";

/**
 * Failure and warning reasons of the Store Instances Response (PS3.18
 * §10.5.3, Annex I). The standard's own codes where one fits; the others are
 * implementation codes, as the standard allows, and listed in docs/dicomweb.md.
 */
export const STOW_REASON = {
  /** A7xx: refused, out of resources: the owner's storage quota is full. */
  outOfResources: 0xa700,
  /** Cxxx: cannot understand: not DICOM, unreadable, or lacking what ingest needs. */
  cannotUnderstand: 0xc000,
  /** 0110: processing failure, for anything else. */
  processingFailure: 0x0110,
  /** 0122: SOP class not supported: a DICOMDIR or another object with no patient, or anything but a report through a viewer session's save root. */
  sopClassNotSupported: 0x0122,
  /** Implementation code (dcm4chee's): the instance belongs to another study than `POST studies/{study}` names. */
  studyMismatch: 0xc409,
  /** A warning, with the meaning of PS3.7's 0111 "Duplicate SOP Instance": already in the archive, kept as it was. */
  duplicate: 0x0111,
} as const;

/** What became of one part of the request, in the sender's order. */
export interface StowPartOutcome extends ItemVerdict {
  /** The part was refused because it belongs to another study than the request's. */
  studyMismatch?: boolean;
  /** The part was refused because a viewer session's save root stores structured reports only. */
  notAReport?: boolean;
}

export interface StowResponse {
  status: 200 | 202 | 409;
  /** The Store Instances Response Module as application/dicom+json. */
  body: Record<string, unknown>;
  /** One line per part not cleanly stored, for the HTTP Warning header (PS3.18 §10.5.3.2). */
  warnings: string[];
}

type Attribute = { vr: string; Value?: unknown[] };

/** Builds the answer to a STOW-RS request from what became of each of its parts. */
export function buildStowResponse(outcomes: StowPartOutcome[], retrieveBase: string, requestedStudy?: string): StowResponse {
  const referenced: Record<string, Attribute>[] = [];
  const failed: Record<string, Attribute>[] = [];
  const other: Record<string, Attribute>[] = [];
  const warnings: string[] = [];
  const studies = new Set<string>();
  for (const outcome of outcomes) {
    const { instance } = outcome;
    if ((outcome.verdict === "stored" || outcome.verdict === "duplicate") && instance) {
      studies.add(instance.StudyInstanceUID);
      const url = `${retrieveBase}/studies/${instance.StudyInstanceUID}/series/${instance.SeriesInstanceUID}/instances/${instance.SOPInstanceUID}`;
      const item = { ...sopReference(instance), "00081190": { vr: "UR", Value: [url] } };
      if (outcome.verdict === "stored") referenced.push(item);
      else {
        referenced.push({ ...item, "00081196": { vr: "US", Value: [STOW_REASON.duplicate] } });
        warnings.push(describeWarning(STOW_REASON.duplicate, outcome.name, "already in this archive; the stored copy was kept"));
      }
      continue;
    }
    const reason = outcome.studyMismatch ? STOW_REASON.studyMismatch : outcome.notAReport ? STOW_REASON.sopClassNotSupported : failureReasonFor(outcome.reason);
    const reasonItem = { "00081197": { vr: "US", Value: [reason] } };
    if (instance) failed.push({ ...sopReference(instance), ...reasonItem });
    else other.push(reasonItem);
    warnings.push(describeWarning(reason, outcome.name, outcome.detail ?? "not stored"));
  }
  const study = requestedStudy ?? (studies.size === 1 ? [...studies][0] : undefined);
  const body: Record<string, unknown> = {
    // Type 2: present, empty when the instances went to several studies.
    "00081190": study ? { vr: "UR", Value: [`${retrieveBase}/studies/${study}`] } : { vr: "UR" },
    // Always present, even empty: Orthanc's STOW client refuses an answer without it.
    "00081199": referenced.length > 0 ? { vr: "SQ", Value: referenced } : { vr: "SQ" },
    ...(failed.length > 0 ? { "00081198": { vr: "SQ", Value: failed } } : {}),
    ...(other.length > 0 ? { "0008119A": { vr: "SQ", Value: other } } : {}),
  };
  const status = referenced.length === 0 ? 409 : warnings.length > 0 ? 202 : 200;
  return { status, body, warnings };
}

/** The reason code for a part ingest did not store (its reasons: packages/shared/src/uploads.ts). */
export function failureReasonFor(reason: IngestReason | undefined): number {
  switch (reason) {
    case "quota":
    case "too-large":
    case "zip-bomb":
      return STOW_REASON.outOfResources;
    case "not-dicom":
    case "unreadable":
    case "invalid-metadata":
    case "missing-uid":
    case "truncated":
      return STOW_REASON.cannotUnderstand;
    case "dicomdir":
    case "no-patient":
      return STOW_REASON.sopClassNotSupported;
    default:
      return STOW_REASON.processingFailure;
  }
}

function sopReference(instance: NonNullable<ItemVerdict["instance"]>): Record<string, Attribute> {
  return {
    "00081150": { vr: "UI", Value: [instance.SOPClassUID] },
    "00081155": { vr: "UI", Value: [instance.SOPInstanceUID] },
  };
}

/**
 * An RFC 9111 warning ("299 - \"...\""), as PS3.18 §10.5.3.2 recommends: the
 * DICOM code, the part and why. Header values must be ASCII, so anything else
 * in the detail (a dash, a patient's accented name) is replaced.
 */
export function describeWarning(code: number, part: string, detail: string): string {
  const text = `${code.toString(16).toUpperCase().padStart(4, "0")} ${part}: ${detail}`
    .replace(/[^\x20-\x7e]/g, "?")
    .replace(/["\\]/g, "'");
  return `299 - "${text.length > 300 ? `${text.slice(0, 297)}...` : text}"`;
}
