import type { Bucket } from "@google-cloud/storage";
import type { Firestore } from "firebase-admin/firestore";
import { ClaimBatcher } from "./claim-batcher";
import type { ItemsTarget } from "./ingest-items";
import type { UserRefs } from "./refs";
import { Semaphore } from "./semaphore";
import { refreshStudyThumbnail } from "./study-thumbnail";

/** The parts of the ingest environment one run of `ingestItems` needs. */
export interface TargetSettings {
  db: Firestore;
  instancesBucket: Bucket;
  defaultQuotaBytes: number;
  concurrency: number;
  writeConcurrency: number;
  maxBytesInFlight: number;
  afterStore?: (order: number) => void;
}

/** Where one run (a whole upload, or one part of a large archive) stores its instances and claims. */
export function buildItemsTarget(env: TargetSettings, refs: UserRefs, uid: string): ItemsTarget {
  return {
    bucket: env.instancesBucket,
    refs,
    uid,
    claims: new ClaimBatcher(env.db, { user: refs.user, defaultQuotaBytes: env.defaultQuotaBytes }),
    writes: new Semaphore(env.writeConcurrency),
    concurrency: env.concurrency,
    maxBytesInFlight: env.maxBytesInFlight,
    afterStore: env.afterStore,
  };
}

/**
 * A thumbnail is a nicety: failing to render one (a codec crash, a read
 * error) is logged and never fails the ingest or makes it retry.
 */
export async function refreshThumbnailQuietly(refs: UserRefs, bucket: Bucket, uid: string, studyUID: string): Promise<void> {
  try {
    await refreshStudyThumbnail(refs, bucket, uid, studyUID);
  } catch (error) {
    console.warn(`thumbnail for study ${studyUID} of ${uid} not rendered`, error);
  }
}
