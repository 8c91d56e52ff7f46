import { getFunctions } from "firebase-admin/functions";
import type { RangeTask } from "./archive-record";
import type { EnqueueRange } from "./start-fanout";

/** A task may run this long (onTaskDispatched's limit): the queue must not give up on it sooner. */
export const RANGE_TASK_SECONDS = 1800;

/**
 * Cloud Tasks through the Admin SDK, which goes to the Tasks emulator when
 * CLOUD_TASKS_EMULATOR_HOST is set (the Functions emulator sets it). The
 * function is named with its region: the queue lives beside it.
 */
export function createRangeQueue(functionName: string, region: string): EnqueueRange {
  const queue = getFunctions().taskQueue<RangeTask>(`locations/${region}/functions/${functionName}`);
  return (task) => queue.enqueue(task, { dispatchDeadlineSeconds: RANGE_TASK_SECONDS });
}
