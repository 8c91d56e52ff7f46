import type { DocumentReference, Firestore, Timestamp } from "firebase-admin/firestore";
import { parseSnapshot } from "../ingest/firestore-data";
import { PIN_LIMITS } from "./pin-guard";
import type { PinCounters, PinCounterStore } from "./pin-check";
import { ShareAttemptRecord, shareRefs, ShareTokenRecord } from "./share-refs";

interface Version {
  token: Timestamp;
  attempts: Timestamp | null;
  linkLockedUntil: number | null;
}

/** Firestore's answers when a precondition no longer holds: the document changed, or was created meanwhile. */
const LOST_RACE = new Set([6 /* ALREADY_EXISTS */, 9 /* FAILED_PRECONDITION */, 10 /* ABORTED */]);

/**
 * The PIN counters of one link and one address, in `shareTokens/{hash}`
 * (`pinFailures`) and `shareAttempts/{key}`. Both are written in one batch
 * whose preconditions say "unchanged since read" (update times, or create for
 * a new address): optimistic, like count-view.ts, because pessimistic
 * transactions ended in lock timeouts under 50 opens at once. The owner's
 * link document shows the link-wide lock.
 */
export function firestorePinCounters(db: Firestore, where: { tokenHash: string; attemptsKey: string; ownerUid: string; linkId: string }): PinCounterStore {
  const refs = shareRefs(db);
  const tokenRef = refs.token(where.tokenHash);
  const attemptsRef: DocumentReference = refs.attempts(where.attemptsKey);
  return {
    async read() {
      const [token, attempts] = await db.getAll(tokenRef, attemptsRef);
      const counters: PinCounters = {
        link: parseSnapshot(ShareTokenRecord, token!).pinFailures ?? undefined,
        address: attempts!.exists ? parseSnapshot(ShareAttemptRecord, attempts!) : undefined,
      };
      const linkLockedUntil = counters.link?.lockedUntil?.getTime() ?? null;
      const version: Version = { token: token!.updateTime!, attempts: attempts!.exists ? attempts!.updateTime! : null, linkLockedUntil };
      return { counters, version };
    },
    async writeIfUnchanged(version, next) {
      const { token, attempts, linkLockedUntil } = version as Version;
      const batch = db.batch();
      batch.update(tokenRef, { pinFailures: next.link ?? null }, { lastUpdateTime: token });
      if (next.address) {
        const expireAt = new Date(Math.max(next.address.windowStartedAt.getTime() + PIN_LIMITS.perAddress.windowMs, next.address.lockedUntil?.getTime() ?? 0));
        const record = { ...next.address, ownerUid: where.ownerUid, expireAt };
        if (attempts) batch.update(attemptsRef, record, { lastUpdateTime: attempts });
        else batch.create(attemptsRef, record);
      }
      // Only when the link-wide lock starts or is lifted, so that guesses do not disturb counting views.
      const lockedUntil = next.link?.lockedUntil ?? null;
      if ((lockedUntil?.getTime() ?? null) !== linkLockedUntil) batch.update(refs.link(where.ownerUid, where.linkId), { pinLockedUntil: lockedUntil });
      try {
        await batch.commit();
        return true;
      } catch (error) {
        if (LOST_RACE.has((error as { code?: number }).code ?? -1)) return false;
        throw error;
      }
    },
  };
}
