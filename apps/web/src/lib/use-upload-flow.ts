"use client";
/**
 * The upload page's steps: choose files (checked at once), announce the batch
 * to the server, send the files, seal the batch. Each step's failure is kept
 * as a message the page shows; the files chosen stay chosen until the user
 * starts over.
 */
import type { User } from "firebase/auth";
import { useCallback, useEffect, useRef, useState } from "react";
import type { CollectedFiles, PickedFile } from "./collect-files";
import { getFirebaseStorage } from "./firebase";
import { listNotUploaded, type NotUploadedFile } from "./not-uploaded";
import type { StorageQuota } from "./quota";
import { startStorageUploads } from "./storage-upload";
import { describeUploadError } from "./upload-errors";
import { planUploads } from "./upload-plan";
import { UploadRun } from "./upload-run";
import { createUploadBatch, sealUploadBatch } from "./uploads-api";
import { useUploadSelection, type UploadSelection } from "./use-upload-selection";

export type UploadPhase =
  | { kind: "choosing" }
  | { kind: "announcing" }
  | { kind: "uploading"; batchId: string }
  /** Some files failed after every retry: the user retries them or goes on without them. */
  | { kind: "stalled"; batchId: string }
  | { kind: "sealing"; batchId: string }
  | { kind: "sealed"; batchId: string }
  | { kind: "sealFailed"; batchId: string; message: string };

export interface UploadFlow extends UploadSelection {
  phase: UploadPhase;
  /** The server's refusal of the batch (quota, verification), shown with the selection. */
  refusal: string | null;
  run: UploadRun<PickedFile> | null;
  /** Chosen files that were not sent, with why (once the batch is sealed). */
  notUploaded: NotUploadedFile[];
  start: () => Promise<void>;
  retryFailed: () => Promise<void>;
  seal: () => Promise<void>;
  reset: () => void;
}

/** Progress events arrive many times a second per file; the page redraws at most this often. */
const RENDER_INTERVAL_MS = 150;

/** Re-renders on run changes, at most every RENDER_INTERVAL_MS. */
function useThrottledRender(): () => void {
  const [, setTick] = useState(0);
  const scheduled = useRef(false);
  return useCallback(() => {
    if (scheduled.current) return;
    scheduled.current = true;
    setTimeout(() => {
      scheduled.current = false;
      setTick((tick) => tick + 1);
    }, RENDER_INTERVAL_MS);
  }, []);
}

/** Asks before closing the tab while files are still going up. */
function useLeaveWarning(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [active]);
}

/** Announces the batch (the server checks the quota) and prepares the run that sends its files. */
async function announceBatch(user: User, files: readonly PickedFile[], onChange: () => void) {
  const planned = planUploads(files);
  const batchId = await createUploadBatch(user, { files: planned.map(({ relativePath, size }) => ({ relativePath, size })) });
  const storage = await getFirebaseStorage();
  return { batchId, run: new UploadRun(planned, { start: startStorageUploads(storage, user.uid, batchId), onChange }) };
}

export function useUploadFlow(user: User, quota: StorageQuota, onSealed: (batchId: string) => void): UploadFlow {
  const choice = useUploadSelection(quota);
  const [phase, setPhase] = useState<UploadPhase>({ kind: "choosing" });
  const [refusal, setRefusal] = useState<string | null>(null);
  const [run, setRun] = useState<UploadRun<PickedFile> | null>(null);
  const render = useThrottledRender();
  useLeaveWarning(["announcing", "uploading", "stalled", "sealing"].includes(phase.kind));
  // Files keep going up after the user leaves for another page of the app; only a mounted page moves on to the summary.
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  async function seal(batchId: string, current: UploadRun<PickedFile>) {
    setPhase({ kind: "sealing", batchId });
    try {
      await sealUploadBatch(user, batchId, { uploadedFileIds: current.uploadedFileIds() });
      setPhase({ kind: "sealed", batchId });
      if (mounted.current) onSealed(batchId);
    } catch (error) {
      setPhase({ kind: "sealFailed", batchId, message: describeUploadError(error) });
    }
  }

  /** Sends the waiting files; then waits for the user if some failed, else seals with what arrived. */
  async function send(batchId: string, current: UploadRun<PickedFile>, retry = false) {
    setPhase({ kind: "uploading", batchId });
    await (retry ? current.retryFailed() : current.run());
    if (current.summary().counts.failed > 0 && !current.cancelled) setPhase({ kind: "stalled", batchId });
    else await seal(batchId, current);
  }

  async function start() {
    const { accepted, batchError } = choice.preflight;
    if (phase.kind !== "choosing" || batchError || accepted.length === 0) return;
    setRefusal(null);
    setPhase({ kind: "announcing" });
    let announced: Awaited<ReturnType<typeof announceBatch>>;
    try {
      announced = await announceBatch(user, accepted, render);
    } catch (error) {
      setRefusal(describeUploadError(error));
      setPhase({ kind: "choosing" });
      return;
    }
    setRun(announced.run);
    await send(announced.batchId, announced.run);
  }

  async function retryFailed() {
    if (phase.kind === "stalled" && run) await send(phase.batchId, run, true);
  }

  async function sealNow() {
    if ((phase.kind === "stalled" || phase.kind === "sealFailed") && run) await seal(phase.batchId, run);
  }

  function addFiles(added: CollectedFiles) {
    choice.addFiles(added);
    setRefusal(null);
  }

  function reset() {
    choice.clear();
    setRefusal(null);
    setRun(null);
    setPhase({ kind: "choosing" });
  }

  // Only the summary lists them; not worth walking thousands of files on every progress redraw.
  const notUploaded = phase.kind === "sealed" ? listNotUploaded(choice.preflight, choice.selection.unreadable, run?.files ?? []) : [];
  return { ...choice, addFiles, phase, refusal, run, notUploaded, start, retryFailed, seal: sealNow, reset };
}
