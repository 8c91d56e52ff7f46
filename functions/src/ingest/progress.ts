import { FieldPath, type DocumentReference } from "firebase-admin/firestore";
import type { FileProgress } from "@pacs/shared";

/**
 * Live "120 / 300" for the upload page. Writes are throttled: a 300-entry
 * archive ingests in seconds, and one document takes about one write a
 * second in production.
 */
export class ProgressReporter {
  private done = 0;
  private total: number | null = null;
  private lastWrite = 0;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly batch: DocumentReference,
    private readonly fileId: string,
    private readonly name: string,
    private readonly intervalMs = 750,
  ) {}

  start(): Promise<void> {
    return this.write();
  }

  addTotal(entries: number): void {
    this.total = (this.total ?? 0) + entries;
  }

  advance(): void {
    this.done += 1;
    if (Date.now() - this.lastWrite >= this.intervalMs) {
      // Progress is best effort: a lost write only delays the bar, so it never fails the ingest.
      this.pending = this.write().catch(() => undefined);
    }
  }

  /** Waits for a write in flight, so that it cannot land after the file's final record. */
  settle(): Promise<unknown> {
    return this.pending;
  }

  private async write(): Promise<void> {
    this.lastWrite = Date.now();
    const progress: FileProgress = { name: this.name, entriesDone: this.done, entriesTotal: this.total };
    await this.batch.update(new FieldPath("inProgress", this.fileId), progress, "updatedAt", new Date());
  }
}
