import { ShareLinkRecord, shareLinkStatus, type DeidentificationRequest, type ShareDeidentification } from "@pacs/shared";
import type { Bucket } from "@google-cloud/storage";
import type { Firestore } from "firebase-admin/firestore";
import { randomBytes } from "node:crypto";
import { ApiError } from "../http/api-request";
import { parseSnapshot } from "../ingest/firestore-data";
import { shareRefs } from "../shares/share-refs";
import { checkStudy, refuseWhenNothingLeft } from "./check-study";
import { encodeKey, type DeidentifiedShareRecord } from "./deidentified-share-refs";
import type { EnqueueDeidentifiedTask } from "./deidentified-task";
import { failCopies, INTERNAL_FAILURE } from "./prepare-copies";

/**
 * Live de-identified links per study. Their copies are not counted in the
 * owner's quota (temporary derivatives that die with their link, within 30
 * days at most); this cap bounds what one study can take instead.
 */
export const MAX_LIVE_DEIDENTIFIED_LINKS = 5;

export interface StartDeps {
  db: Firestore;
  instancesBucket: () => Bucket;
  enqueueDeidentifiedTask: EnqueueDeidentifiedTask;
}

/** A link whose copies exist or are being made, and that still opens. */
function holdsCopies(link: ShareLinkRecord, now: Date): boolean {
  const status = link.deidentification?.status;
  return (status === "preparing" || status === "ready") && shareLinkStatus(link, now) === "active";
}

/**
 * What a new de-identified link starts with: its state ("preparing", the
 * series left out by the burned-in text check) and its server-only record
 * with a fresh random key. Refuses a study that already has the most live
 * de-identified links, and a copy that would be empty.
 */
export async function planDeidentifiedShare(
  deps: Pick<StartDeps, "db" | "instancesBucket">,
  where: { ownerUid: string; linkId: string; StudyInstanceUID: string },
  request: DeidentificationRequest,
  dates: { now: Date; expiresAt: Date },
): Promise<{ state: ShareDeidentification; record: DeidentifiedShareRecord }> {
  const links = await shareRefs(deps.db).links(where.ownerUid).where("StudyInstanceUID", "==", where.StudyInstanceUID).get();
  const live = links.docs.filter((doc) => holdsCopies(parseSnapshot(ShareLinkRecord, doc), dates.now)).length;
  if (live >= MAX_LIVE_DEIDENTIFIED_LINKS) {
    throw new ApiError(
      409,
      `This study already has ${live} live de-identified links, the most it may have: each keeps its own copy of the study. Revoke one on the Shared links page, then try again.`,
    );
  }
  const { check } = await checkStudy(deps, where.ownerUid, where.StudyInstanceUID);
  const total = refuseWhenNothingLeft(check, request.includeBurnedInText);
  const state: ShareDeidentification = {
    pseudonym: request.pseudonym,
    options: request.options,
    includeBurnedInText: request.includeBurnedInText,
    status: "preparing",
    total,
    done: 0,
    leftOut: request.includeBurnedInText ? [] : check.burnedInText,
    bytes: 0,
    error: null,
  };
  const record: DeidentifiedShareRecord = {
    ...where,
    key: encodeKey(randomBytes(32)),
    createdAt: dates.now,
    expiresAt: dates.expiresAt,
    study: null,
    chunks: 0,
  };
  return { state, record };
}

/**
 * Queues the copies' preparation, and their deletion at the link's expiry
 * (retention deletes them too, daily, should that task be lost). A
 * preparation that cannot be queued ends the link "failed" at once.
 */
export async function startPreparing(deps: StartDeps, ownerUid: string, linkId: string, expiresAt: Date): Promise<void> {
  try {
    await deps.enqueueDeidentifiedTask({ action: "prepare", ownerUid, linkId });
  } catch (error) {
    console.error(`could not queue the de-identified copies of link ${linkId}`, error);
    await failCopies(deps, ownerUid, linkId, INTERNAL_FAILURE);
    return;
  }
  await deps.enqueueDeidentifiedTask({ action: "delete-at-expiry", ownerUid, linkId }, { scheduleTime: expiresAt }).catch((error: unknown) => {
    console.warn(`could not queue the deletion at expiry of link ${linkId}; retention will delete its copies`, error);
  });
}
