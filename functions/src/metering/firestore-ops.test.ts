import { Readable } from "node:stream";
import { Firestore } from "firebase-admin/firestore";
import { readBenchMetering } from "./bench-metering";
import { addOps, meterFirestore, NO_OPS, type FirestoreOps } from "./firestore-ops";

const PROJECT = "demo-metering";
const ROOT = `projects/${PROJECT}/databases/(default)/documents`;
const TIME = { seconds: 1_700_000_000, nanos: 0 };
const doc = (path: string) => ({ name: `${ROOT}/${path}`, fields: { n: { integerValue: "1" } }, createTime: TIME, updateTime: TIME });

/**
 * A real Firestore client whose two RPC funnels answer from memory: the SDK's
 * own batch, transaction, getAll and query code runs, only the network is
 * replaced. `existing` lists the documents that exist.
 */
function fakeFirestore(existing: string[]) {
  const db = new Firestore({ projectId: PROJECT });
  const internals = db as unknown as Record<string, unknown>;
  internals.request = async (method: string, request: { writes?: unknown[] }) => {
    if (method === "beginTransaction") return { transaction: Buffer.from("tx") };
    if (method === "commit") return { commitTime: TIME, writeResults: (request.writes ?? []).map(() => ({ updateTime: TIME })) };
    if (method === "rollback") return {};
    throw new Error(`unexpected ${method}`);
  };
  internals.requestStream = async (method: string, _bidirectional: boolean, request: { documents?: string[]; newTransaction?: unknown }) => {
    if (method === "batchGetDocuments") {
      // A transaction begins with its first read: the answer names it first.
      const begun = request.newTransaction ? [{ transaction: Buffer.from("tx") }] : [];
      return Readable.from([...begun, ...(request.documents ?? []).map((name) => (existing.includes(name.slice(ROOT.length + 1)) ? { found: doc(name.slice(ROOT.length + 1)), readTime: TIME } : { missing: name, readTime: TIME }))]);
    }
    if (method === "runQuery") return Readable.from([...existing.filter((path) => path.startsWith("studies/")).map((path) => ({ document: doc(path), readTime: TIME })), { readTime: TIME }]);
    throw new Error(`unexpected ${method}`);
  };
  const counted: Array<{ method: string; ops: FirestoreOps }> = [];
  meterFirestore(db, (method, ops) => counted.push({ method, ops }));
  const total = () => counted.reduce((sum, entry) => addOps(sum, entry.ops), NO_OPS);
  return { db, counted, total };
}

describe("counting Firestore operations for the cost bench", () => {
  it("counts each document of a batch as a write or a delete", async () => {
    const { db, total } = fakeFirestore([]);
    const batch = db.batch();
    batch.set(db.doc("a/1"), { n: 1 });
    batch.update(db.doc("a/2"), { n: 2 });
    batch.create(db.doc("a/3"), { n: 3 });
    batch.delete(db.doc("a/4"));
    await batch.commit();
    expect(total()).toEqual({ reads: 0, missing: 0, writes: 3, deletes: 1 });
  });

  it("counts a transaction's reads, found and missing, and its writes", async () => {
    const { db, total, counted } = fakeFirestore(["users/u1", "claims/c1"]);
    await db.runTransaction(async (tx) => {
      const [user, , ] = await tx.getAll(db.doc("users/u1"), db.doc("claims/c1"), db.doc("claims/c2"));
      tx.create(db.doc("claims/c2"), { by: user!.id });
      tx.set(db.doc("users/u1"), { usedBytes: 5 }, { merge: true });
    });
    expect(total()).toEqual({ reads: 2, missing: 1, writes: 2, deletes: 0 });
    expect(counted.map((entry) => entry.method).sort()).toEqual(["batchGetDocuments", "batchGetDocuments", "batchGetDocuments", "commit"]);
  });

  it("counts a query's documents, and one read for a query that matches nothing", async () => {
    const withResults = fakeFirestore(["studies/s1", "studies/s2", "studies/s3"]);
    const found = await withResults.db.collection("studies").limit(10).get();
    expect(found.size).toBe(3);
    expect(withResults.total().reads).toBe(3);

    const empty = fakeFirestore([]);
    expect((await empty.db.collection("studies").get()).size).toBe(0);
    expect(empty.total().reads).toBe(1);
  });

  it("is off unless the bench asks, and never outside the Functions emulator", () => {
    expect(readBenchMetering({})).toBeNull();
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(readBenchMetering({ PACS_BENCH_OPS_FILE: "/tmp/ops.jsonl" })).toBeNull();
    warn.mockRestore();
    expect(readBenchMetering({ PACS_BENCH_OPS_FILE: "/tmp/ops.jsonl", FUNCTIONS_EMULATOR: "true", FUNCTION_TARGET: "ingestUpload" })).toEqual({
      opsFile: "/tmp/ops.jsonl",
      storageProxy: undefined,
      functionName: "ingestUpload",
    });
    expect(() => readBenchMetering({ PACS_BENCH_STORAGE_PROXY: "http://evil.example", FUNCTIONS_EMULATOR: "true" })).toThrow(/127\.0\.0\.1/);
  });
});
