import { MAX_INSTANCES_PER_CHUNK, ShareLinkRecord, shareLinkStatus, StudyRecord, type BurnedInTextSeries, type InstanceChunk, type StoredInstance } from "@pacs/shared";
import type { Bucket } from "@google-cloud/storage";
import type { Firestore } from "firebase-admin/firestore";
import { auditLog, newAuditEntry } from "../audit/audit-log";
import { parseSnapshot } from "../ingest/firestore-data";
import { userRefs } from "../ingest/refs";
import { tombstoneRef } from "../privacy/account-tombstone";
import { shareRefs } from "../shares/share-refs";
import { readStudyInstances } from "../studies/read-study-instances";
import { countLeftOut, groupLeftOut, type LeftOutInstance } from "./burned-in-text";
import { DeidentifiedStudyCollector } from "./collect-study";
import { copyInstance, type CopyTarget } from "./copy-instance";
import { decodeKey, DeidentifiedShareRecord, deidentifiedShareRefs } from "./deidentified-share-refs";
import { deleteCopyObjects, deleteDeidentifiedCopies } from "./delete-copies";
import { runBounded } from "./run-bounded";

export interface PrepareDeps {
  db: Firestore;
  instancesBucket: () => Bucket;
  now?: () => Date;
}

/** Instances copied at once: each holds an original, its copy, and perhaps a viewer-ready copy in memory. */
const COPIES_AT_ONCE = 4;
/** What copies in flight may hold together (three times an original's size each), in a 1 GiB function. */
const BYTES_IN_FLIGHT = 256 * 1024 * 1024;
/** The owner's list shows progress after every this many instances. */
const PROGRESS_STEP = 20;

const LOST = "The study was deleted while its de-identified copy was being made.";
const NOTHING = "None of the study's instances could be de-identified, so there is nothing to share.";
export const INTERNAL_FAILURE = "The de-identified copy could not be made because of an error on our side. Create a new link.";

const clock = (deps: PrepareDeps) => deps.now?.() ?? new Date();

/** Why the work stops early: the link was revoked, expired or deleted meanwhile, or its account is being erased. */
async function linkStillWanted(deps: PrepareDeps, ownerUid: string, linkId: string): Promise<boolean> {
  if ((await tombstoneRef(deps.db, ownerUid).get()).exists) return false;
  const snapshot = await shareRefs(deps.db).link(ownerUid, linkId).get();
  if (!snapshot.exists) return false;
  const link = parseSnapshot(ShareLinkRecord, snapshot);
  const status = shareLinkStatus(link, clock(deps));
  return link.deidentification?.status === "preparing" && status !== "revoked" && status !== "expired";
}

/**
 * The task behind a de-identified link (docs/deidentification.md): makes
 * the copies of every stored instance but those left out, records their
 * metadata server-side for the recipient's manifest, and sets the link
 * "ready" (or "failed" with the reason), writing `deidentified-copies-prepared`
 * once. Retry-safe: the key is the link's, so a retried or crashed run
 * writes the same bytes to the same paths and the same chunks, and a run
 * that finds the link no longer preparing does nothing. A link revoked or
 * an account erased while it runs gets its copies deleted again at the end.
 */
export async function prepareDeidentifiedCopies(deps: PrepareDeps, ownerUid: string, linkId: string): Promise<"ready" | "failed" | "skipped"> {
  const { db } = deps;
  const refs = deidentifiedShareRefs(db);
  const linkRef = shareRefs(db).link(ownerUid, linkId);
  const linkSnapshot = await linkRef.get();
  if (!linkSnapshot.exists) return "skipped";
  const state = parseSnapshot(ShareLinkRecord, linkSnapshot).deidentification;
  if (state?.status !== "preparing") return "skipped";
  if (!(await linkStillWanted(deps, ownerUid, linkId))) return cleanUp(deps, ownerUid, linkId);
  const shareSnapshot = await refs.share(linkId).get();
  if (!shareSnapshot.exists) return failCopies(deps, ownerUid, linkId, INTERNAL_FAILURE);
  const share = parseSnapshot(DeidentifiedShareRecord, shareSnapshot);
  const studySnapshot = await userRefs(db, ownerUid).study(share.StudyInstanceUID).get();
  if (!studySnapshot.exists) return failCopies(deps, ownerUid, linkId, LOST);
  const record = parseSnapshot(StudyRecord, studySnapshot);

  const target: CopyTarget = {
    bucket: deps.instancesBucket(),
    ownerUid,
    linkId,
    plan: { key: decodeKey(share.key), pseudonym: state.pseudonym, options: state.options },
    includeBurnedInText: state.includeBurnedInText,
  };
  const copied = await copyStudy(deps, target, record);
  if (copied === "stopped") return cleanUp(deps, ownerUid, linkId);
  const leftOut = groupLeftOut(record.series, copied.leftOut);
  const study = copied.collector.build();
  if (!study) return failCopies(deps, ownerUid, linkId, NOTHING, leftOut);
  const processed = copied.instances - countLeftOut(leftOut);
  const done = await db.runTransaction(async (tx) => {
    const [link, tombstone, audit] = await Promise.all([tx.get(linkRef), tx.get(tombstoneRef(db, ownerUid)), tx.get(preparedAuditRef(db, ownerUid, linkId))]);
    if (!link.exists || tombstone.exists || parseSnapshot(ShareLinkRecord, link).deidentification?.status !== "preparing") return false;
    tx.update(linkRef, {
      "deidentification.status": "ready",
      "deidentification.total": processed,
      "deidentification.done": processed,
      "deidentification.bytes": copied.bytes,
      "deidentification.leftOut": leftOut,
      "deidentification.error": null,
    });
    tx.update(refs.share(linkId), { study, chunks: copied.chunks });
    if (!audit.exists) tx.create(preparedAuditRef(db, ownerUid, linkId), newAuditEntry({ action: "deidentified-copies-prepared", actor: "owner", StudyInstanceUID: share.StudyInstanceUID, linkId }, clock(deps)));
    return true;
  });
  return done ? "ready" : cleanUp(deps, ownerUid, linkId);
}

interface CopiedStudy {
  instances: number;
  collector: DeidentifiedStudyCollector;
  leftOut: LeftOutInstance[];
  chunks: number;
  bytes: number;
}

/**
 * Copies every instance, a few at a time, in the stable order of the
 * study's chunks; records the copies' metadata in chunks of whole groups
 * (so that a rerun writes the same chunks) and the progress after each
 * group. Stops when the link is no longer wanted.
 */
async function copyStudy(deps: PrepareDeps, target: CopyTarget, record: StudyRecord): Promise<CopiedStudy | "stopped"> {
  const { ownerUid, linkId } = target;
  const instances = await readStudyInstances(deps.db, ownerUid, record.StudyInstanceUID);
  const descriptions = new Map(record.series.map((s) => [s.SeriesInstanceUID, s.SeriesDescription]));
  const result: CopiedStudy = { instances: instances.length, collector: new DeidentifiedStudyCollector(), leftOut: [], chunks: 0, bytes: 0 };
  let chunk: StoredInstance[] = [];
  const writeChunk = async () => {
    if (chunk.length === 0) return;
    const data: InstanceChunk = { StudyInstanceUID: chunk[0]!.metadata.StudyInstanceUID, instances: chunk };
    await deidentifiedShareRefs(deps.db).chunk(linkId, result.chunks).set(data);
    result.chunks += 1;
    chunk = [];
  };
  for (let start = 0; start < instances.length; start += PROGRESS_STEP) {
    const group = instances.slice(start, start + PROGRESS_STEP);
    const outcomes = await runBounded(
      group,
      { count: COPIES_AT_ONCE, bytes: BYTES_IN_FLIGHT },
      (instance) => 3 * instance.byteLength,
      (instance) => copyInstance(target, instance, descriptions.get(instance.metadata.SeriesInstanceUID)),
    );
    outcomes.forEach((outcome, i) => {
      const { metadata } = group[i]!;
      if (outcome.outcome === "left-out") {
        result.leftOut.push({ SeriesInstanceUID: metadata.SeriesInstanceUID, Modality: metadata.Modality, reason: outcome.reason });
        return;
      }
      result.collector.add(outcome);
      result.bytes += outcome.bytes;
      chunk.push(outcome.stored);
    });
    if (chunk.length + PROGRESS_STEP > MAX_INSTANCES_PER_CHUNK) await writeChunk();
    if (!(await linkStillWanted(deps, ownerUid, linkId))) return "stopped";
    await shareRefs(deps.db).link(ownerUid, linkId).update({ "deidentification.done": start + group.length });
  }
  await writeChunk();
  return result;
}

/** The entry is written once per link, whichever run gets there: its id is the link's. */
function preparedAuditRef(db: Firestore, ownerUid: string, linkId: string) {
  return auditLog(db, ownerUid).doc(`deidentified-copies-prepared-${linkId}`);
}

/**
 * The link went away while the copies were made (revoked, expired, its
 * account erased): what was written goes too, and a link still saying
 * "preparing" (it expired meanwhile) says "deleted".
 */
async function cleanUp(deps: PrepareDeps, ownerUid: string, linkId: string): Promise<"skipped"> {
  await deleteDeidentifiedCopies(deps, ownerUid, linkId);
  return "skipped";
}

/**
 * Ends a link's preparation in "failed" with words for the owner; what was
 * written is deleted (a failed link has nothing to serve).
 */
export async function failCopies(deps: PrepareDeps, ownerUid: string, linkId: string, error: string, leftOut?: BurnedInTextSeries[]): Promise<"failed"> {
  const { db } = deps;
  const linkRef = shareRefs(db).link(ownerUid, linkId);
  await db.runTransaction(async (tx) => {
    const [link, tombstone, audit] = await Promise.all([tx.get(linkRef), tx.get(tombstoneRef(db, ownerUid)), tx.get(preparedAuditRef(db, ownerUid, linkId))]);
    if (!link.exists || tombstone.exists) return;
    const { deidentification, StudyInstanceUID } = parseSnapshot(ShareLinkRecord, link);
    if (deidentification?.status !== "preparing") return;
    tx.update(linkRef, { "deidentification.status": "failed", "deidentification.error": error, ...(leftOut ? { "deidentification.leftOut": leftOut } : {}) });
    if (!audit.exists) tx.create(preparedAuditRef(db, ownerUid, linkId), newAuditEntry({ action: "deidentified-copies-prepared", actor: "owner", StudyInstanceUID, linkId }, clock(deps)));
  });
  await deleteCopyObjects(deps, ownerUid, linkId);
  return "failed";
}
