import { planUploads } from "./upload-plan";
import { UploadRun, type StartUpload, type UploadHandle, type UploadRunOptions } from "./upload-run";

/** A fake Storage: each started upload waits until the test finishes or fails it. */
class FakeStorage {
  readonly started: { fileId: string; handle: FakeHandle }[] = [];
  readonly start: StartUpload = (file, onProgress) => {
    const handle = new FakeHandle(onProgress);
    this.started.push({ fileId: file.fileId, handle });
    return handle;
  };
  /** The latest attempt for a file. */
  upload(fileId: string): FakeHandle {
    const found = this.started.filter((s) => s.fileId === fileId).at(-1);
    if (!found) throw new Error(`no upload started for ${fileId}`);
    return found.handle;
  }
  runningIds(): string[] {
    return this.started.filter((s) => s.handle.state === "running" || s.handle.state === "paused").map((s) => s.fileId);
  }
}

class FakeHandle implements UploadHandle {
  state: "running" | "paused" | "done" | "failed" | "cancelled" = "running";
  done: Promise<void>;
  private settle!: { resolve: () => void; reject: (error: unknown) => void };
  constructor(readonly onProgress: (bytes: number) => void) {
    this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
  }
  pause() {
    this.state = "paused";
  }
  resume() {
    this.state = "running";
  }
  cancel() {
    this.state = "cancelled";
    this.settle.reject(Object.assign(new Error("canceled"), { code: "storage/canceled" }));
  }
  finish() {
    this.state = "done";
    this.settle.resolve();
  }
  fail(code: string) {
    this.state = "failed";
    this.settle.reject(Object.assign(new Error(code), { code }));
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setUp(count: number, options: Partial<UploadRunOptions> = {}) {
  const storage = new FakeStorage();
  const files = planUploads(Array.from({ length: count }, (_, i) => ({ relativePath: `CT/IM${i + 1}`, size: 100 })));
  const sleeps: number[] = [];
  const run = new UploadRun(files, {
    start: storage.start,
    onChange: () => {},
    concurrency: 2,
    delayMs: (attempt) => attempt * 1000,
    sleep: async (ms) => void sleeps.push(ms),
    ...options,
  });
  return { storage, run, sleeps, finished: run.run() };
}

it("uploads two at a time and reports progress and completion", async () => {
  const { storage, run, finished } = setUp(3);
  await flush();
  expect(storage.runningIds()).toEqual(["f000001", "f000002"]);

  storage.upload("f000001").onProgress(40);
  expect(run.summary()).toMatchObject({ bytes: 300, bytesTransferred: 40, counts: { uploading: 2, waiting: 1 } });

  storage.upload("f000001").finish();
  await flush();
  expect(storage.runningIds()).toEqual(["f000002", "f000003"]);
  storage.upload("f000002").finish();
  storage.upload("f000003").finish();
  await finished;
  expect(run.summary()).toMatchObject({ bytesTransferred: 300, counts: { done: 3 } });
  expect(run.uploadedFileIds()).toEqual(["f000001", "f000002", "f000003"]);
});

it("retries a network failure after a backoff, and stores the file on a later attempt", async () => {
  const { storage, run, sleeps, finished } = setUp(1);
  await flush();
  storage.upload("f000001").onProgress(60);
  storage.upload("f000001").fail("storage/retry-limit-exceeded");
  await flush();
  expect(sleeps).toEqual([1000]);
  expect(run.files[0]).toMatchObject({ attempt: 2, status: "uploading", bytesTransferred: 0 });

  storage.upload("f000001").finish();
  await finished;
  expect(run.files[0]).toMatchObject({ status: "done", error: null });
});

it("does not retry a refusal and tells why the file failed", async () => {
  const { storage, run, sleeps, finished } = setUp(1);
  await flush();
  storage.upload("f000001").fail("storage/unauthorized");
  await finished;
  expect(sleeps).toEqual([]);
  expect(run.files[0]).toMatchObject({ status: "failed", attempt: 1, error: expect.stringContaining("Storage refused this file") });
  expect(run.uploadedFileIds()).toEqual([]);
});

it("gives up after the last attempt, and uploads the failed files again on request", async () => {
  const { storage, run, sleeps, finished } = setUp(1, { maxAttempts: 2 });
  await flush();
  storage.upload("f000001").fail("storage/retry-limit-exceeded");
  await flush();
  storage.upload("f000001").fail("storage/retry-limit-exceeded");
  await finished;
  expect(sleeps).toEqual([1000]);
  expect(run.files[0]).toMatchObject({ status: "failed", attempt: 2, error: "The connection kept failing while sending this file." });

  const retried = run.retryFailed();
  await flush();
  storage.upload("f000001").finish();
  await retried;
  expect(run.uploadedFileIds()).toEqual(["f000001"]);
});

it("pauses running uploads and starts no new ones until resumed", async () => {
  const { storage, run, finished } = setUp(3);
  await flush();
  run.pause();
  expect(storage.upload("f000001").state).toBe("paused");
  expect(storage.upload("f000002").state).toBe("paused");
  storage.upload("f000001").finish();
  await flush();
  expect(storage.started.map((s) => s.fileId)).toEqual(["f000001", "f000002"]);

  run.resume();
  await flush();
  expect(storage.upload("f000002").state).toBe("running");
  expect(storage.runningIds()).toEqual(["f000002", "f000003"]);
  storage.upload("f000002").finish();
  storage.upload("f000003").finish();
  await finished;
  expect(run.summary().counts.done).toBe(3);
});

it("cancels: aborts running uploads, never starts waiting ones, keeps what was stored", async () => {
  const { storage, run, finished } = setUp(4);
  await flush();
  storage.upload("f000001").finish();
  await flush();
  run.cancel();
  await finished;
  expect(storage.started.map((s) => s.fileId)).toEqual(["f000001", "f000002", "f000003"]);
  expect(storage.upload("f000002").state).toBe("cancelled");
  expect(run.files.map((f) => f.status)).toEqual(["done", "cancelled", "cancelled", "cancelled"]);
  expect(run.uploadedFileIds()).toEqual(["f000001"]);
});

it("cancels a file waiting to retry at once", async () => {
  const { storage, run, finished } = setUp(1, { sleep: () => new Promise(() => {}) });
  await flush();
  storage.upload("f000001").fail("storage/unknown");
  await flush();
  expect(run.files[0]?.status).toBe("retrying");
  run.cancel();
  await finished;
  expect(run.files[0]?.status).toBe("cancelled");
});
