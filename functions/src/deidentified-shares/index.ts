/**
 * De-identified share links and downloads (docs/deidentification.md): the
 * server around the engine in functions/src/deidentification/. Copies live
 * under `deidentified/{ownerUid}/{linkId}/`, their key and metadata in the
 * server-only `deidentifiedShares/{linkId}`.
 */
export { checkDeidentification } from "./check-study";
export { buildDeidentifiedManifest } from "./deidentified-manifest";
export { deidentifiedShareRefs } from "./deidentified-share-refs";
export { createDeidentifiedTaskQueue, DEIDENTIFIED_TASK_ATTEMPTS, DEIDENTIFIED_TASK_SECONDS, DeidentifiedShareTask, runDeidentifiedShareTask, type EnqueueDeidentifiedTask } from "./deidentified-task";
export { deleteAccountCopies, deleteDeidentifiedCopies, purgeExpiredCopies } from "./delete-copies";
export { downloadDeidentifiedStudy, packDeidentifiedShareDownload } from "./download-copies";
export { prepareDeidentifiedCopies } from "./prepare-copies";
export { MAX_LIVE_DEIDENTIFIED_LINKS, planDeidentifiedShare, startPreparing } from "./start-share";
