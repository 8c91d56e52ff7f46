/**
 * One batch's files going up: a few at a time, each retried with backoff on
 * network errors, the whole run paused, resumed or cancelled by the user.
 * Storage is reached through `start`, so this is tested without Firebase.
 */
import { describeUploadError, isRetryableUploadError } from "./upload-errors";
import type { PlannedUpload } from "./upload-plan";
import type { CandidateFile } from "./upload-preflight";
import { MAX_UPLOAD_ATTEMPTS, retryDelayMs, sleep } from "./upload-retry";
import { TaskQueue, TaskQueueClearedError } from "./task-queue";

/** One file's upload as the SDK runs it (an UploadTask, adapted). */
export interface UploadHandle {
  pause(): void;
  resume(): void;
  cancel(): void;
  /** Resolves when the file is stored; rejects with the SDK's error (also after cancel). */
  done: Promise<void>;
}

export type StartUpload<T extends CandidateFile = CandidateFile> = (file: PlannedUpload<T>, onProgress: (bytesTransferred: number) => void) => UploadHandle;

export type FileUploadStatus = "waiting" | "uploading" | "retrying" | "done" | "failed" | "cancelled";

export interface FileUploadState<T extends CandidateFile = CandidateFile> {
  readonly file: PlannedUpload<T>;
  status: FileUploadStatus;
  bytesTransferred: number;
  /** Attempts started so far. */
  attempt: number;
  /** Why the last attempt failed (shown while retrying, and for failed files). */
  error: string | null;
}

export interface UploadRunOptions<T extends CandidateFile = CandidateFile> {
  start: StartUpload<T>;
  /** Called after every change; callers throttle their rendering. */
  onChange: () => void;
  concurrency?: number;
  maxAttempts?: number;
  delayMs?: (attempt: number) => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface UploadRunSummary {
  files: number;
  bytes: number;
  bytesTransferred: number;
  counts: Record<FileUploadStatus, number>;
}

/** Files sent four at a time: enough to fill a connection, few enough that each file moves visibly. */
export const UPLOAD_CONCURRENCY = 4;

export class UploadRun<T extends CandidateFile = CandidateFile> {
  readonly files: FileUploadState<T>[];
  private readonly queue: TaskQueue;
  private readonly handles = new Set<UploadHandle>();
  private isPaused = false;
  private isCancelled = false;
  /** Resolves waits (backoff, pause) early when the user resumes or cancels. */
  private wake: () => void = () => {};
  private woken = new Promise<void>((resolve) => (this.wake = resolve));

  constructor(
    files: readonly PlannedUpload<T>[],
    private readonly options: UploadRunOptions<T>,
  ) {
    this.files = files.map((file) => ({ file, status: "waiting", bytesTransferred: 0, attempt: 0, error: null }));
    this.queue = new TaskQueue(options.concurrency ?? UPLOAD_CONCURRENCY);
  }

  get paused(): boolean {
    return this.isPaused;
  }

  get cancelled(): boolean {
    return this.isCancelled;
  }

  /** Uploads every waiting file; resolves once each is done, failed or cancelled. */
  async run(): Promise<void> {
    const waiting = this.files.filter((state) => state.status === "waiting");
    await Promise.all(
      waiting.map((state) =>
        this.queue.add(() => this.uploadOne(state)).catch((error: unknown) => {
          if (!(error instanceof TaskQueueClearedError)) throw error;
        }),
      ),
    );
  }

  /** Puts failed files back in the queue and uploads them. */
  retryFailed(): Promise<void> {
    for (const state of this.files) {
      if (state.status !== "failed") continue;
      Object.assign(state, { status: "waiting", bytesTransferred: 0, attempt: 0, error: null });
    }
    this.options.onChange();
    return this.run();
  }

  pause(): void {
    if (this.isPaused || this.isCancelled) return;
    this.isPaused = true;
    this.queue.pause();
    for (const handle of this.handles) handle.pause();
    this.options.onChange();
  }

  resume(): void {
    if (!this.isPaused || this.isCancelled) return;
    this.isPaused = false;
    this.queue.resume();
    for (const handle of this.handles) handle.resume();
    this.wakeWaiters();
    this.options.onChange();
  }

  /** Stops everything: running uploads are aborted, waiting files never start. */
  cancel(): void {
    if (this.isCancelled) return;
    this.isCancelled = true;
    this.queue.clear();
    for (const state of this.files) if (state.status === "waiting") state.status = "cancelled";
    for (const handle of this.handles) handle.cancel();
    this.wakeWaiters();
    this.options.onChange();
  }

  /** The ids to seal the batch with: files that are stored, nothing else. */
  uploadedFileIds(): string[] {
    return this.files.filter((state) => state.status === "done").map((state) => state.file.fileId);
  }

  summary(): UploadRunSummary {
    const counts: Record<FileUploadStatus, number> = { waiting: 0, uploading: 0, retrying: 0, done: 0, failed: 0, cancelled: 0 };
    let bytes = 0;
    let bytesTransferred = 0;
    for (const state of this.files) {
      counts[state.status] += 1;
      bytes += state.file.size;
      bytesTransferred += state.bytesTransferred;
    }
    return { files: this.files.length, bytes, bytesTransferred, counts };
  }

  private async uploadOne(state: FileUploadState<T>): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? MAX_UPLOAD_ATTEMPTS;
    while (!this.isCancelled) {
      const error = await this.attempt(state);
      if (error === null) return;
      if (this.isCancelled) break;
      state.error = describeUploadError(error);
      if (state.attempt >= maxAttempts || !isRetryableUploadError(error)) {
        state.status = "failed";
        this.options.onChange();
        return;
      }
      state.status = "retrying";
      this.options.onChange();
      await this.wait((this.options.delayMs ?? retryDelayMs)(state.attempt));
      while (this.isPaused && !this.isCancelled) await this.wait(Infinity);
    }
    state.status = "cancelled";
    this.options.onChange();
  }

  /** One attempt; resolves to null when stored, else to the error. */
  private async attempt(state: FileUploadState<T>): Promise<unknown> {
    state.attempt += 1;
    state.status = "uploading";
    state.bytesTransferred = 0;
    this.options.onChange();
    let handle: UploadHandle | undefined;
    try {
      handle = this.options.start(state.file, (bytes) => {
        state.bytesTransferred = bytes;
        this.options.onChange();
      });
      this.handles.add(handle);
      if (this.isPaused) handle.pause();
      await handle.done;
      Object.assign(state, { status: "done", bytesTransferred: state.file.size, error: null });
      this.options.onChange();
      return null;
    } catch (error) {
      state.bytesTransferred = 0;
      return error;
    } finally {
      if (handle) this.handles.delete(handle);
    }
  }

  /** Waits `ms` (or until resume/cancel wakes every waiter). */
  private wait(ms: number): Promise<void> {
    const waits = [this.woken];
    if (Number.isFinite(ms)) waits.push((this.options.sleep ?? sleep)(ms));
    return Promise.race(waits);
  }

  private wakeWaiters(): void {
    const wake = this.wake;
    this.woken = new Promise<void>((resolve) => (this.wake = resolve));
    wake();
  }
}
