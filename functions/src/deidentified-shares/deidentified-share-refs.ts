import { DicomUID, SeriesSummary, StudyAttributes, VIEWABLE_COPY_SUFFIX } from "@pacs/shared";
import type { Firestore } from "firebase-admin/firestore";
import { z } from "zod";

/**
 * The de-identified study as the recipient's manifest names it: what the
 * copies' own headers say (the pseudonym, remapped UIDs, shifted dates),
 * never the original's record.
 */
export const DeidentifiedStudy = StudyAttributes.extend({
  ModalitiesInStudy: z.array(z.string().min(1)),
  series: z.array(SeriesSummary),
});
export type DeidentifiedStudy = z.infer<typeof DeidentifiedStudy>;

/**
 * `deidentifiedShares/{linkId}`: the server's half of a de-identified link.
 * Server-only (no rule opens it, not even to the owner): it holds the key
 * that maps the study's UIDs and dates to the copy's, which nobody may see,
 * since with it the copy's UIDs could be traced back. Deleted with the copies.
 * Its `instanceChunks/{n}` subcollection holds the copies' instance metadata
 * (`InstanceChunk`, with the copies' UIDs), in chunks of 250 as ingest does.
 */
export const DeidentifiedShareRecord = z.object({
  ownerUid: z.string().min(1),
  linkId: z.string().min(1),
  /** The original study (the owner's). */
  StudyInstanceUID: DicomUID,
  /** 32 random bytes, base64url: the UID HMAC and date shift key (functions/src/deidentification). */
  key: z.string().min(43),
  createdAt: z.date(),
  /** The link's expiry: retention deletes the copies once it has passed (retention/purge.ts). */
  expiresAt: z.date(),
  /** Set once the copies are ready. */
  study: DeidentifiedStudy.nullable(),
  /** How many `instanceChunks` documents the copies' metadata takes. */
  chunks: z.number().int().nonnegative(),
});
export type DeidentifiedShareRecord = z.infer<typeof DeidentifiedShareRecord>;

export function deidentifiedShareRefs(db: Firestore) {
  const shares = db.collection("deidentifiedShares");
  return {
    shares,
    share: (linkId: string) => shares.doc(linkId),
    chunk: (linkId: string, n: number) => shares.doc(linkId).collection("instanceChunks").doc(String(n).padStart(4, "0")),
    chunks: (linkId: string) => shares.doc(linkId).collection("instanceChunks"),
  };
}

/** Every object of one link's copies lives under this prefix (server-only in storage.rules, like `instances/`). */
export function deidentifiedPrefix(ownerUid: string, linkId: string): string {
  return `deidentified/${ownerUid}/${linkId}/`;
}

/** A de-identified copy, named by its own (remapped) UIDs, so that its path says nothing of the original. */
export function buildDeidentifiedPath(ownerUid: string, linkId: string, uids: { StudyInstanceUID: string; SeriesInstanceUID: string; SOPInstanceUID: string }, viewable = false): string {
  const { StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID } = uids;
  return `${deidentifiedPrefix(ownerUid, linkId)}${StudyInstanceUID}/${SeriesInstanceUID}/${SOPInstanceUID}${viewable ? VIEWABLE_COPY_SUFFIX : ".dcm"}`;
}

/** Where a recipient's ZIP of the copies is written: with the copies, so that it goes with them. */
export function buildDeidentifiedZipPath(ownerUid: string, linkId: string, fileName: string, now: Date): string {
  return `${deidentifiedPrefix(ownerUid, linkId)}zip/${now.getTime()}/${fileName}`;
}

export function encodeKey(key: Uint8Array): string {
  return Buffer.from(key).toString("base64url");
}

export function decodeKey(encoded: string): Uint8Array {
  return new Uint8Array(Buffer.from(encoded, "base64url"));
}
