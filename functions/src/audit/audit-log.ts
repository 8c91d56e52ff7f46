import { DEFAULT_AUDIT_RETENTION_DAYS, type AuditEntry } from "@pacs/shared";
import type { Firestore } from "firebase-admin/firestore";
import { userRefs } from "../ingest/refs";
import { assertAccountLive } from "../privacy/account-tombstone";

/** How long entries are kept: PACS_AUDIT_RETENTION_DAYS, default a year. */
export function auditRetentionDays(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PACS_AUDIT_RETENTION_DAYS;
  if (raw === undefined || raw === "") return DEFAULT_AUDIT_RETENTION_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days <= 0) throw new Error(`PACS_AUDIT_RETENTION_DAYS must be a positive whole number of days, not "${raw}"`);
  return days;
}

export type AuditRecord = Omit<AuditEntry, "at" | "expireAt">;

export function auditLog(db: Firestore, uid: string) {
  return userRefs(db, uid).user.collection("auditLog");
}

/** The stored form of a record made at `now`, with its expiry; for writes inside a transaction. */
export function newAuditEntry(record: AuditRecord, now = new Date()): AuditEntry {
  return { ...record, at: now, expireAt: new Date(now.getTime() + auditRetentionDays() * 86_400_000) };
}

/**
 * Appends one entry. Awaited by every caller: access that cannot be
 * recorded is refused rather than left out of the log. Written in a
 * transaction that reads the account's tombstone, so an entry either lands
 * before an erasure's sweep (and is swept with the rest) or is refused: a
 * request verified an instant before the account was closed cannot recreate
 * `users/{uid}/auditLog` after the deletion proof.
 */
export async function recordAudit(db: Firestore, uid: string, record: AuditRecord, now = new Date(), id?: string): Promise<void> {
  const entry = newAuditEntry(record, now);
  const collection = auditLog(db, uid);
  await db.runTransaction(async (tx) => {
    await assertAccountLive(tx, db, uid);
    const ref = id ? collection.doc(id) : collection.doc();
    // An entry with this id exists: the same event, told twice (a sign-in reported from two tabs).
    if (id && (await tx.get(ref)).exists) return;
    tx.create(ref, entry);
  });
}
