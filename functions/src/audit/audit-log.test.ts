import type { Firestore } from "firebase-admin/firestore";
import { AccountDeletedError, tombstoneRef } from "../privacy/account-tombstone";
import { recordAudit } from "./audit-log";

/** Enough of Firestore for recordAudit: documents by path, and transactions that read and create them. */
function fakeDb() {
  const docs = new Map<string, unknown>();
  let next = 0;
  const ref = (path: string) => ({
    path,
    id: path.split("/").pop()!,
    collection: (name: string) => collection(`${path}/${name}`),
  });
  const collection = (path: string) => ({ doc: (id = `auto${next++}`) => ref(`${path}/${id}`) });
  const db = {
    docs,
    collection,
    runTransaction: async (fn: (tx: unknown) => Promise<void>) =>
      fn({
        get: async (target: { path: string }) => ({ exists: docs.has(target.path) }),
        create: (target: { path: string }, data: unknown) => void docs.set(target.path, data),
      }),
  };
  return db;
}

it("an entry for an account whose erasure has begun is refused, so no late request recreates its activity log", async () => {
  const db = fakeDb();
  db.docs.set(tombstoneRef(db as unknown as Firestore, "gone").path, {});
  await expect(recordAudit(db as unknown as Firestore, "gone", { action: "sign-in", actor: "owner" } as never)).rejects.toBeInstanceOf(AccountDeletedError);
  expect([...db.docs.keys()].filter((path) => path.startsWith("users/"))).toEqual([]);
});

it("appends entries for a live account, and one entry per id however often it is told", async () => {
  const db = fakeDb();
  const record = { action: "sign-in", actor: "owner" } as never;
  await recordAudit(db as unknown as Firestore, "alive", record, new Date(), "sign-in-1");
  await recordAudit(db as unknown as Firestore, "alive", record, new Date(), "sign-in-1");
  await recordAudit(db as unknown as Firestore, "alive", record);
  expect([...db.docs.keys()].filter((path) => path.startsWith("users/alive/auditLog/"))).toEqual(["users/alive/auditLog/sign-in-1", "users/alive/auditLog/auto0"]);
});
