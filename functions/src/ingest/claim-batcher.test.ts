import type { DocumentReference, Firestore } from "firebase-admin/firestore";
import { ClaimBatcher } from "./claim-batcher";
import { Semaphore } from "./semaphore";

/** A Firestore stand-in holding claim documents, counting the transactions run. */
function fakeDb(existing: Record<string, { sourceKey: string }> = {}) {
  const docs = new Map(Object.entries(existing));
  const db = {
    transactions: 0,
    docs,
    runTransaction: async <T>(fn: (tx: unknown) => Promise<T>) => {
      db.transactions += 1;
      const tx = {
        getAll: async (...refs: DocumentReference[]) =>
          refs.map((ref) => ({ exists: docs.has(ref.path), get: (field: string) => (docs.get(ref.path) as Record<string, string> | undefined)?.[field] })),
        create: (ref: DocumentReference, data: { sourceKey: string }) => {
          if (docs.has(ref.path)) throw new Error("ALREADY_EXISTS");
          docs.set(ref.path, data);
        },
      };
      return fn(tx);
    },
  };
  return db;
}
const ref = (sop: string) => ({ path: `users/u/instances/${sop}` }) as DocumentReference;

it("claims many instances in one transaction and tells ours from duplicates", async () => {
  const db = fakeDb({ "users/u/instances/old": { sourceKey: "other-upload/0" }, "users/u/instances/retry": { sourceKey: "b~f/2" } });
  const batcher = new ClaimBatcher(db as unknown as Firestore, 50, 5);
  const results = await Promise.all([
    batcher.claim({ ref: ref("new"), data: { sourceKey: "b~f/0" } }),
    batcher.claim({ ref: ref("old"), data: { sourceKey: "b~f/1" } }),
    batcher.claim({ ref: ref("retry"), data: { sourceKey: "b~f/2" } }),
    batcher.claim({ ref: ref("new"), data: { sourceKey: "b~f/3" } }),
  ]);
  // new: created now; old: another upload's; retry: this entry's own earlier attempt; the second "new": a duplicate within the upload.
  expect(results).toEqual([true, false, true, false]);
  expect(db.transactions).toBe(1);
  expect(db.docs.get("users/u/instances/new")).toEqual({ sourceKey: "b~f/0" });
});

it("flushes when a group is full, without waiting for the timer", async () => {
  const db = fakeDb();
  const batcher = new ClaimBatcher(db as unknown as Firestore, 2, 60_000);
  await expect(Promise.all([batcher.claim({ ref: ref("a"), data: { sourceKey: "k/0" } }), batcher.claim({ ref: ref("b"), data: { sourceKey: "k/1" } })])).resolves.toEqual([true, true]);
});

it("fails every claim of a group whose transaction fails", async () => {
  const db = { runTransaction: async () => Promise.reject(new Error("firestore unavailable")) };
  const batcher = new ClaimBatcher(db as unknown as Firestore, 50, 1);
  await expect(batcher.claim({ ref: ref("a"), data: { sourceKey: "k/0" } })).rejects.toThrow("firestore unavailable");
});

it("never runs more than its limit at once", async () => {
  const semaphore = new Semaphore(2);
  let active = 0;
  let peak = 0;
  await Promise.all(
    Array.from({ length: 10 }, () =>
      semaphore.run(async () => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 2));
        active -= 1;
      }),
    ),
  );
  expect(peak).toBe(2);
});
