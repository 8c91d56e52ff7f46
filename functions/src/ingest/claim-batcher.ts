import type { DocumentReference, Firestore } from "firebase-admin/firestore";

export interface ClaimRequest {
  ref: DocumentReference;
  data: { sourceKey: string } & Record<string, unknown>;
}

interface Pending extends ClaimRequest {
  resolve: (ours: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * Claims SOP instances in groups: one transaction reads a group's claim
 * documents and creates the missing ones, instead of one round trip per
 * instance. A claim is "ours" when this transaction created it, or when an
 * earlier attempt of the same upload entry did (same `sourceKey`).
 */
export class ClaimBatcher {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Firestore,
    private readonly maxGroup = 50,
    private readonly waitMs = 5,
  ) {}

  claim(request: ClaimRequest): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.pending.push({ ...request, resolve, reject });
      if (this.pending.length >= this.maxGroup) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.waitMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const group = this.pending.splice(0);
    if (group.length > 0) void this.commit(group);
  }

  private async commit(group: Pending[]): Promise<void> {
    // The same SOP Instance UID twice in one group: the first entry claims it, the second is its duplicate.
    const first = new Map<string, Pending>();
    for (const request of group) if (!first.has(request.ref.path)) first.set(request.ref.path, request);
    const unique = [...first.values()];
    try {
      const ours = await this.db.runTransaction(async (tx) => {
        const snapshots = await tx.getAll(...unique.map((request) => request.ref));
        return snapshots.map((snapshot, i) => {
          const request = unique[i]!;
          if (!snapshot.exists) {
            tx.create(request.ref, request.data);
            return true;
          }
          return snapshot.get("sourceKey") === request.data.sourceKey;
        });
      });
      const byPath = new Map(unique.map((request, i) => [request.ref.path, { request, ours: ours[i]! }]));
      for (const request of group) {
        const claimed = byPath.get(request.ref.path)!;
        request.resolve(claimed.request === request ? claimed.ours : false);
      }
    } catch (error) {
      for (const request of group) request.reject(error);
    }
  }
}
