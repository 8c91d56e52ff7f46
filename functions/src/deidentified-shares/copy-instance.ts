import { buildInstancePath, buildViewableCopyPath, type SeriesAttributes, type StoredInstance, type StudyAttributes } from "@pacs/shared";
import type { Bucket } from "@google-cloud/storage";
import { DeidentificationError, deidentifyInstance, type DeidentificationPlan } from "../deidentification";
import { readInstanceMetadata, SkippedInstanceError } from "../ingest/read-instance";
import { findInstanceBurnedInText } from "./burned-in-text";
import { buildDeidentifiedPath } from "./deidentified-share-refs";

/** Where one link's copies go, and what they are made with. */
export interface CopyTarget {
  bucket: Bucket;
  ownerUid: string;
  linkId: string;
  plan: DeidentificationPlan;
  includeBurnedInText: boolean;
}

/** What became of one original: copied (with what the copy's header says), or left out and why. */
export type CopyOutcome =
  | { outcome: "copied"; stored: StoredInstance; study: StudyAttributes; series: SeriesAttributes; bytes: number }
  | { outcome: "left-out"; reason: string };

/**
 * The engine's output, checked the way ingest reads an upload: a copy the
 * ingest reader refuses would not open in the viewer either.
 */
function readCopy(bytes: Uint8Array, name: string) {
  try {
    return readInstanceMetadata(bytes, name);
  } catch (error) {
    if (error instanceof SkippedInstanceError) throw new DeidentificationError(`the de-identified copy could not be read back (${error.detail})`);
    throw error;
  }
}

/**
 * Makes the de-identified copy of one stored original and, where ingest made
 * one, of its viewer-ready copy (the same header around pixels the browser
 * can draw), both with the same plan, so that they carry the same new UIDs.
 * Deterministic: the same plan writes the same bytes to the same paths, so a
 * retried task rewrites what it wrote before. An image that may carry
 * burned-in text (unless the owner acknowledged it) and an original the
 * engine refuses are left out with their reason.
 */
export async function copyInstance(target: CopyTarget, instance: StoredInstance, seriesDescription: string | undefined): Promise<CopyOutcome> {
  const { bucket, ownerUid, linkId, plan } = target;
  const { StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID } = instance.metadata;
  const [original] = await bucket.file(buildInstancePath(ownerUid, StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID)).download();
  const burnedIn = findInstanceBurnedInText(original, instance, seriesDescription);
  if (burnedIn !== null && !target.includeBurnedInText) return { outcome: "left-out", reason: burnedIn };
  let copy;
  let read;
  try {
    copy = deidentifyInstance(original, plan);
    read = readCopy(copy.bytes, `${copy.SOPInstanceUID}.dcm`);
  } catch (error) {
    if (error instanceof DeidentificationError) return { outcome: "left-out", reason: `could not be de-identified: ${error.message}` };
    throw error;
  }
  const uids = { StudyInstanceUID: copy.StudyInstanceUID, SeriesInstanceUID: copy.SeriesInstanceUID, SOPInstanceUID: copy.SOPInstanceUID };
  await save(bucket, buildDeidentifiedPath(ownerUid, linkId, uids), copy.bytes);
  let bytes = copy.bytes.length;
  let viewableCopy = undefined;
  if (instance.viewableCopy?.TransferSyntaxUID) {
    const [viewable] = await bucket.file(buildViewableCopyPath(ownerUid, StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID)).download();
    const viewableOut = deidentifyViewable(viewable, plan);
    // Without it the viewer is sent the de-identified original, as it would be sent an original without a copy.
    if (viewableOut && viewableOut.SOPInstanceUID === copy.SOPInstanceUID) {
      await save(bucket, buildDeidentifiedPath(ownerUid, linkId, uids, true), viewableOut.bytes);
      bytes += viewableOut.bytes.length;
      viewableCopy = instance.viewableCopy;
    }
  }
  const stored: StoredInstance = {
    metadata: read.instance,
    byteLength: copy.bytes.length,
    ...(viewableCopy ? { viewableCopy } : {}),
    ...(instance.undrawable ? { undrawable: instance.undrawable } : {}),
  };
  return { outcome: "copied", stored, study: read.study, series: read.series, bytes };
}

function deidentifyViewable(bytes: Uint8Array, plan: DeidentificationPlan) {
  try {
    return deidentifyInstance(bytes, plan);
  } catch (error) {
    if (error instanceof DeidentificationError) return null;
    throw error;
  }
}

async function save(bucket: Bucket, path: string, bytes: Uint8Array): Promise<void> {
  await bucket.file(path).save(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), { resumable: false, contentType: "application/dicom" });
}
