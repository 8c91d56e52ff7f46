import { ShareLinkRecord, shareLinkStatus } from "@pacs/shared";
import { getFunctions } from "firebase-admin/functions";
import { z } from "zod";
import { parseSnapshot } from "../ingest/firestore-data";
import { shareRefs } from "../shares/share-refs";
import { deleteDeidentifiedCopies } from "./delete-copies";
import { failCopies, INTERNAL_FAILURE, prepareDeidentifiedCopies, type PrepareDeps } from "./prepare-copies";

/** One piece of a de-identified link's life: make its copies, or delete them once it has expired. */
export const DeidentifiedShareTask = z.object({
  action: z.enum(["prepare", "delete-at-expiry"]),
  ownerUid: z.string().min(1),
  linkId: z.string().min(1),
});
export type DeidentifiedShareTask = z.infer<typeof DeidentifiedShareTask>;

export type EnqueueDeidentifiedTask = (task: DeidentifiedShareTask, options?: { scheduleTime?: Date }) => Promise<void>;

/** A task may run this long (onTaskDispatched's limit): a study of thousands of instances. */
export const DEIDENTIFIED_TASK_SECONDS = 1800;
/** Deliveries before a preparation is given up as "failed". */
export const DEIDENTIFIED_TASK_ATTEMPTS = 3;

/** Cloud Tasks through the Admin SDK (the Tasks emulator on the emulators), as ingest's archive parts. */
export function createDeidentifiedTaskQueue(functionName: string, region: string): EnqueueDeidentifiedTask {
  const queue = getFunctions().taskQueue<DeidentifiedShareTask>(`locations/${region}/functions/${functionName}`);
  return (task, options = {}) => queue.enqueue(task, { dispatchDeadlineSeconds: DEIDENTIFIED_TASK_SECONDS, ...(options.scheduleTime ? { scheduleTime: options.scheduleTime } : {}) });
}

/**
 * Runs one task. A preparation that throws is retried by the queue (the work
 * is deterministic, so a retry redoes it to the same result); on its last
 * delivery the link is set "failed" instead, so that the owner is never left
 * with a link "preparing" for ever. A deletion at expiry that arrives early
 * does nothing: retention deletes the copies later in any case.
 */
export async function runDeidentifiedShareTask(deps: PrepareDeps, task: DeidentifiedShareTask, delivery: { retryCount: number }): Promise<void> {
  if (task.action === "delete-at-expiry") {
    const snapshot = await shareRefs(deps.db).link(task.ownerUid, task.linkId).get();
    if (!snapshot.exists) return;
    const status = shareLinkStatus(parseSnapshot(ShareLinkRecord, snapshot), deps.now?.() ?? new Date());
    if (status === "expired" || status === "revoked") await deleteDeidentifiedCopies(deps, task.ownerUid, task.linkId);
    return;
  }
  try {
    await prepareDeidentifiedCopies(deps, task.ownerUid, task.linkId);
  } catch (error) {
    if (delivery.retryCount + 1 < DEIDENTIFIED_TASK_ATTEMPTS) throw error;
    console.error(`de-identified copies of link ${task.linkId} failed on the last attempt`, error);
    await failCopies(deps, task.ownerUid, task.linkId, INTERNAL_FAILURE);
  }
}
