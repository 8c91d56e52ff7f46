import { FieldValue, type DocumentReference, type Firestore } from "firebase-admin/firestore";
import { assertAccountLive } from "../privacy/account-tombstone";
import { decideClaims, type ClaimDecision } from "./quota";

export interface ClaimRequest {
  ref: DocumentReference;
  data: { sourceKey: string; byteLength: number } & Record<string, unknown>;
}

/** "ours": store it (created now, or by this entry's earlier attempt); "duplicate": another entry has it; or refused for the quota. */
export type ClaimOutcome = { kind: "ours" } | { kind: "duplicate" } | { kind: "quota"; detail: string };

/** Whose quota the claims are reserved against. */
export interface ClaimAccount {
  user: DocumentReference;
  defaultQuotaBytes: number;
}

interface Pending extends ClaimRequest {
  resolve: (outcome: ClaimOutcome) => void;
  reject: (error: unknown) => void;
  /** When it was asked for (ms): a group goes once its oldest claim has waited `waitMs`. */
  since: number;
}

/**
 * Claims SOP instances in groups: one transaction reads a group's claim
 * documents and the owner's usage, creates the missing claims that fit the
 * quota and reserves their bytes (quota.ts), instead of one round trip per
 * instance. A claim is "ours" when this transaction created it, or when an
 * earlier attempt of the same upload entry did (same `sourceKey`).
 *
 * Each transaction also reads the owner's usage and the account's tombstone
 * and writes the usage: 2 reads and a write on top of its claims. Groups are
 * therefore made as large as the ingest allows: a group goes when it is full,
 * when its oldest claim has waited `waitMs`, or at once when the ingest can do
 * nothing else until claims come back (`flushNow`). Sent as soon as the last
 * transaction ended, groups of one or two claims used to cost a third of an
 * ingest's Firestore operations (docs/performance.md).
 */
export class ClaimBatcher {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private committing = false;
  /** The ingest is waiting on the pending claims: send them as soon as the running transaction ends. */
  private urgent = false;

  constructor(
    private readonly db: Firestore,
    private readonly account: ClaimAccount,
    private readonly maxGroup = 50,
    private readonly waitMs = 200,
  ) {}

  claim(request: ClaimRequest): Promise<ClaimOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ ...request, resolve, reject, since: Date.now() });
      if (this.pending.length >= this.maxGroup) this.flush();
      else this.schedule();
    });
  }

  /**
   * The caller has nothing else to do until some claims are answered (its
   * files in flight all wait on them, or the upload has no more files): the
   * pending claims go now, or right after the transaction that is running.
   */
  flushNow(): void {
    if (this.pending.length === 0) return;
    this.urgent = true;
    this.flush();
  }

  /** Sends the group once its oldest claim has waited `waitMs`. */
  private schedule(): void {
    if (this.timer || this.committing || this.pending.length === 0) return;
    const due = this.pending[0]!.since + this.waitMs - Date.now();
    this.timer = setTimeout(() => this.flush(), Math.max(0, due));
  }

  /**
   * One transaction at a time: each reads and raises the owner's `usedBytes`,
   * so two at once would both hold a read lock on `users/{uid}` and wait on
   * each other to write it (the emulator then times the lock out). Claims
   * that arrive meanwhile wait and go in the next group.
   */
  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.committing) return;
    const group = this.pending.splice(0, this.maxGroup);
    if (group.length === 0) return;
    this.urgent = false;
    this.committing = true;
    void this.commit(group).finally(() => {
      this.committing = false;
      if (this.urgent || this.pending.length >= this.maxGroup) this.flush();
      else this.schedule();
    });
  }

  private async commit(group: Pending[]): Promise<void> {
    // The same SOP Instance UID twice in one group: the first entry claims it, the second is its duplicate.
    const first = new Map<string, Pending>();
    for (const request of group) if (!first.has(request.ref.path)) first.set(request.ref.path, request);
    const unique = [...first.values()];
    try {
      const decisions = await this.db.runTransaction(async (tx) => {
        // The usedBytes merge below would recreate users/{uid} of an account erased meanwhile.
        await assertAccountLive(tx, this.db, this.account.user.id);
        const [user, ...snapshots] = await tx.getAll(this.account.user, ...unique.map((request) => request.ref));
        const usage = { usedBytes: Number(user!.get("usedBytes") ?? 0), quotaBytes: Number(user!.get("quotaBytes") ?? this.account.defaultQuotaBytes) };
        const candidates = snapshots.map((snapshot, i) => ({
          existingSourceKey: snapshot.exists ? String(snapshot.get("sourceKey")) : undefined,
          sourceKey: unique[i]!.data.sourceKey,
          byteLength: unique[i]!.data.byteLength,
        }));
        const { decisions, reservedBytes } = decideClaims(usage, candidates);
        decisions.forEach((decision, i) => {
          if (decision.kind === "create") tx.create(unique[i]!.ref, unique[i]!.data);
        });
        if (reservedBytes > 0) tx.set(this.account.user, { usedBytes: FieldValue.increment(reservedBytes) }, { merge: true });
        return decisions;
      });
      const byPath = new Map(unique.map((request, i) => [request.ref.path, { request, outcome: toOutcome(decisions[i]!) }]));
      for (const request of group) {
        const claimed = byPath.get(request.ref.path)!;
        request.resolve(claimed.request === request ? claimed.outcome : { kind: "duplicate" });
      }
    } catch (error) {
      for (const request of group) request.reject(error);
    }
  }
}

function toOutcome(decision: ClaimDecision): ClaimOutcome {
  return decision.kind === "create" ? { kind: "ours" } : decision;
}
