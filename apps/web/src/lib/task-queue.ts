/**
 * Runs async tasks at most `concurrency` at a time, in the order they were
 * added. Pausing stops new tasks from starting (running ones are the caller's
 * to pause); clearing drops the waiting ones. Small enough to own, unlike a
 * library, because uploads need pause and clear as well as the limit.
 */

/** The rejection of a task that was dropped by {@link TaskQueue.clear} before it started. */
export class TaskQueueClearedError extends Error {
  constructor() {
    super("TaskQueue: the task was cleared before it started");
    this.name = "TaskQueueClearedError";
  }
}

interface Entry {
  start: () => Promise<void>;
  drop: () => void;
}

export class TaskQueue {
  private readonly entries: (Entry | undefined)[] = [];
  private head = 0;
  private active = 0;
  private isPaused = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`TaskQueue: concurrency must be a positive integer, got ${concurrency}`);
  }

  /** Tasks started and not yet settled. */
  get running(): number {
    return this.active;
  }

  /** Tasks not started yet. */
  get waiting(): number {
    return this.entries.length - this.head;
  }

  get paused(): boolean {
    return this.isPaused;
  }

  /** Queues a task; the promise settles as the task does, or rejects with TaskQueueClearedError. */
  add<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.entries.push({
        start: () => Promise.resolve().then(task).then(resolve, reject),
        drop: () => reject(new TaskQueueClearedError()),
      });
      this.startNext();
    });
  }

  pause(): void {
    this.isPaused = true;
  }

  resume(): void {
    this.isPaused = false;
    this.startNext();
  }

  /** Drops every waiting task; returns how many were dropped. */
  clear(): number {
    const dropped = this.entries.slice(this.head);
    this.entries.length = 0;
    this.head = 0;
    for (const entry of dropped) entry?.drop();
    this.notifyIfIdle();
    return dropped.length;
  }

  /** Resolves once nothing runs and nothing waits (a paused queue with waiting tasks is not idle). */
  onIdle(): Promise<void> {
    if (this.active === 0 && this.waiting === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private startNext(): void {
    while (!this.isPaused && this.active < this.concurrency && this.head < this.entries.length) {
      const entry = this.entries[this.head]!;
      this.entries[this.head] = undefined;
      this.head += 1;
      this.active += 1;
      void entry.start().finally(() => {
        this.active -= 1;
        this.startNext();
        this.notifyIfIdle();
      });
    }
    if (this.head === this.entries.length) {
      this.entries.length = 0;
      this.head = 0;
    }
  }

  private notifyIfIdle(): void {
    if (this.active !== 0 || this.waiting !== 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
