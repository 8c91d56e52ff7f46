import type { DocumentReference, Firestore } from "firebase-admin/firestore";
import { AccountDeletedError, tombstoneRef } from "../privacy/account-tombstone";
import { ClaimBatcher } from "./claim-batcher";
import { Semaphore } from "./semaphore";

/** A Firestore stand-in holding claim documents and the owner's usage, counting the transactions run. */
function fakeDb(existing: Record<string, Record<string, unknown>> = {}) {
  const docs = new Map<string, Record<string, unknown>>(Object.entries(existing));
  const db = {
    transactions: 0,
    docs,
    collection: (name: string) => ({ doc: (id: string) => ({ path: `${name}/${id}`, id }) }),
    runTransaction: async <T>(fn: (tx: unknown) => Promise<T>) => {
      db.transactions += 1;
      const tx = {
        get: async (ref: DocumentReference) => ({ exists: docs.has(ref.path) }),
        getAll: async (...refs: DocumentReference[]) => refs.map((ref) => ({ exists: docs.has(ref.path), get: (field: string) => docs.get(ref.path)?.[field] })),
        create: (ref: DocumentReference, data: Record<string, unknown>) => {
          if (docs.has(ref.path)) throw new Error("ALREADY_EXISTS");
          docs.set(ref.path, data);
        },
        // Only the usedBytes increment is ever set; FieldValue.increment is opaque, so the test reads its operand.
        set: (ref: DocumentReference, data: { usedBytes: { operand: number } }) => {
          const current = docs.get(ref.path) ?? {};
          docs.set(ref.path, { ...current, usedBytes: Number(current.usedBytes ?? 0) + data.usedBytes.operand });
        },
      };
      return fn(tx);
    },
  };
  return db;
}
const ref = (sop: string) => ({ path: `users/u/instances/${sop}` }) as DocumentReference;
const account = { user: { path: "users/u", id: "u" } as DocumentReference, defaultQuotaBytes: 1_000 };
const data = (sourceKey: string, byteLength = 100) => ({ sourceKey, byteLength });

it("claims many instances in one transaction and tells ours from duplicates", async () => {
  const db = fakeDb({ "users/u/instances/old": data("other-upload/0"), "users/u/instances/retry": data("b~f/2") });
  const batcher = new ClaimBatcher(db as unknown as Firestore, account, 50, 5);
  const results = await Promise.all([
    batcher.claim({ ref: ref("new"), data: data("b~f/0") }),
    batcher.claim({ ref: ref("old"), data: data("b~f/1") }),
    batcher.claim({ ref: ref("retry"), data: data("b~f/2") }),
    batcher.claim({ ref: ref("new"), data: data("b~f/3") }),
  ]);
  // new: created now; old: another upload's; retry: this entry's own earlier attempt; the second "new": a duplicate within the upload.
  expect(results.map((r) => r.kind)).toEqual(["ours", "duplicate", "ours", "duplicate"]);
  expect(db.transactions).toBe(1);
  expect(db.docs.get("users/u/instances/new")).toEqual(data("b~f/0"));
  // Only the new claim is paid for: the retried one was reserved by its first attempt.
  expect(db.docs.get("users/u")).toEqual({ usedBytes: 100 });
});

it("reserves claims against the quota across groups, and refuses the ones past it with the numbers", async () => {
  const db = fakeDb({ "users/u": { usedBytes: 700, quotaBytes: 1_000 } });
  const batcher = new ClaimBatcher(db as unknown as Firestore, account, 2, 60_000);
  const first = await Promise.all([batcher.claim({ ref: ref("a"), data: data("k/0", 200) }), batcher.claim({ ref: ref("b"), data: data("k/1", 200) })]);
  const second = await Promise.all([batcher.claim({ ref: ref("c"), data: data("k/2", 100) }), batcher.claim({ ref: ref("d"), data: data("k/3", 100) })]);
  expect(first).toEqual([{ kind: "ours" }, { kind: "quota", detail: expect.stringContaining("needs 200 B, 100 B of 1 kB left") }]);
  expect(second).toEqual([{ kind: "ours" }, { kind: "quota", detail: expect.stringContaining("needs 100 B, 0 B of 1 kB left") }]);
  expect(db.docs.get("users/u")).toEqual({ usedBytes: 1_000, quotaBytes: 1_000 });
  expect(db.docs.has("users/u/instances/b")).toBe(false);
});

it("flushes when a group is full, without waiting for the timer", async () => {
  const db = fakeDb();
  const batcher = new ClaimBatcher(db as unknown as Firestore, account, 2, 60_000);
  const results = await Promise.all([batcher.claim({ ref: ref("a"), data: data("k/0") }), batcher.claim({ ref: ref("b"), data: data("k/1") })]);
  expect(results).toEqual([{ kind: "ours" }, { kind: "ours" }]);
});

it("fails every claim of a group whose transaction fails", async () => {
  const db = { runTransaction: async () => Promise.reject(new Error("firestore unavailable")) };
  const batcher = new ClaimBatcher(db as unknown as Firestore, account, 50, 1);
  await expect(batcher.claim({ ref: ref("a"), data: data("k/0") })).rejects.toThrow("firestore unavailable");
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

it("claims nothing and reserves nothing for an account whose erasure has begun", async () => {
  const db = fakeDb();
  db.docs.set(tombstoneRef(db as unknown as Firestore, "u").path, { deletedAt: 1 });
  const batcher = new ClaimBatcher(db as unknown as Firestore, account);
  await expect(batcher.claim({ ref: ref("late"), data: data("b~f/0") })).rejects.toBeInstanceOf(AccountDeletedError);
  expect(db.docs.has("users/u/instances/late")).toBe(false);
  expect(db.docs.has("users/u")).toBe(false);
});

it("runs one claim transaction at a time, so that two never hold the owner's usage at once, and still claims everything", async () => {
  const db = fakeDb();
  const run = db.runTransaction;
  let active = 0;
  let peak = 0;
  db.runTransaction = async (fn) => {
    active += 1;
    peak = Math.max(peak, active);
    await new Promise((resolve) => setTimeout(resolve, 5));
    try {
      return await run(fn);
    } finally {
      active -= 1;
    }
  };
  const batcher = new ClaimBatcher(db as unknown as Firestore, { ...account, defaultQuotaBytes: 1_000_000 }, 10);
  const outcomes = await Promise.all(Array.from({ length: 95 }, (_, i) => batcher.claim({ ref: ref(`sop${i}`), data: data(`b~f/${i}`) })));
  expect(peak).toBe(1);
  expect(outcomes.every((outcome) => outcome.kind === "ours")).toBe(true);
  expect(db.transactions).toBeGreaterThanOrEqual(10);
});

it("fills a group while the ingest still has work, and sends it as soon as the ingest waits on it", async () => {
  const db = fakeDb();
  const run = db.runTransaction;
  const groups: number[] = [];
  db.runTransaction = async (fn) => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    return run(async (tx) => {
      const result = await fn(tx);
      groups.push((result as unknown[]).length);
      return result;
    });
  };
  // A claim would wait a minute for company: only a full group or flushNow sends it.
  const batcher = new ClaimBatcher(db as unknown as Firestore, { ...account, defaultQuotaBytes: 1_000_000 }, 50, 60_000);
  const first = batcher.claim({ ref: ref("a"), data: data("b~f/0") });
  batcher.flushNow();
  // Claims that arrive while the first transaction runs, and after it ended, wait for each other.
  const later = [batcher.claim({ ref: ref("b"), data: data("b~f/1") })];
  await first;
  await new Promise((resolve) => setTimeout(resolve, 5));
  later.push(batcher.claim({ ref: ref("c"), data: data("b~f/2") }), batcher.claim({ ref: ref("d"), data: data("b~f/3") }));
  batcher.flushNow();
  const outcomes = await Promise.all([first, ...later]);
  expect(outcomes.every((outcome) => outcome.kind === "ours")).toBe(true);
  // Without the wait, "b" went alone right after the first transaction: one transaction (2 reads, a write) more.
  expect(groups).toEqual([1, 3]);
});
