/**
 * Counts the Firestore operations a function performs, as Firestore bills
 * them (https://firebase.google.com/docs/firestore/pricing): a document read
 * per document a get or query returns, a write per document set, updated or
 * created, a delete per document deleted. Off in production: only the
 * ingest bench switches it on (`PACS_BENCH_OPS_FILE`, see firebase.ts and
 * scripts/bench/lib/ops-count.mjs), so that `npm run bench:ingest` prints
 * operations it counted rather than estimated.
 *
 * It counts at the one funnel every Admin SDK call goes through
 * (`Firestore.request` for unary calls such as `commit`,
 * `Firestore.requestStream` for `batchGetDocuments` and `runQuery`), so a
 * transaction's reads, a batch's writes and a query's results are all seen,
 * whichever module made them.
 */

/** Billed operations. `missing` are reads of documents that do not exist: billed as reads, kept apart to show it. */
export interface FirestoreOps {
  reads: number;
  missing: number;
  writes: number;
  deletes: number;
}

export const NO_OPS: FirestoreOps = Object.freeze({ reads: 0, missing: 0, writes: 0, deletes: 0 });

interface WriteLike {
  delete?: unknown;
}

/** `commit` and `batchWrite` carry their writes in the request: a delete is a delete, anything else a write. */
export function countRequest(method: string, request: unknown): FirestoreOps {
  if (method !== "commit" && method !== "batchWrite") return NO_OPS;
  const writes = ((request as { writes?: WriteLike[] } | undefined)?.writes ?? []) as WriteLike[];
  const deletes = writes.filter((write) => write.delete !== undefined && write.delete !== null).length;
  return { ...NO_OPS, writes: writes.length - deletes, deletes };
}

interface StreamChunk {
  found?: unknown;
  missing?: unknown;
  document?: unknown;
  result?: { aggregateFields?: Record<string, { integerValue?: string | number }> };
}

/**
 * Tallies one streamed call. A query that returns nothing is still billed one
 * read; an aggregation one read per 1,000 index entries counted (at least one).
 */
export class StreamTally {
  private ops: FirestoreOps = { ...NO_OPS };
  private documents = 0;

  constructor(private readonly method: string) {}

  add(chunk: unknown): FirestoreOps {
    const response = (chunk ?? {}) as StreamChunk;
    let counted: FirestoreOps = NO_OPS;
    if (this.method === "batchGetDocuments") {
      if (response.found) counted = { ...NO_OPS, reads: 1 };
      else if (response.missing) counted = { ...NO_OPS, missing: 1 };
    } else if (this.method === "runQuery" && response.document) {
      counted = { ...NO_OPS, reads: 1 };
    } else if (this.method === "runAggregationQuery" && response.result) {
      const entries = Object.values(response.result.aggregateFields ?? {}).reduce((n, field) => Math.max(n, Number(field.integerValue ?? 0)), 0);
      counted = { ...NO_OPS, reads: Math.max(1, Math.ceil(entries / 1000)) };
    }
    if (counted.reads > 0 || counted.missing > 0) this.documents += 1;
    this.ops = addOps(this.ops, counted);
    return counted;
  }

  /** At the end of the stream: the minimum charge of a query that matched nothing. */
  end(): FirestoreOps {
    return (this.method === "runQuery" || this.method === "runAggregationQuery") && this.documents === 0 ? { ...NO_OPS, reads: 1 } : NO_OPS;
  }
}

export function addOps(a: FirestoreOps, b: FirestoreOps): FirestoreOps {
  return { reads: a.reads + b.reads, missing: a.missing + b.missing, writes: a.writes + b.writes, deletes: a.deletes + b.deletes };
}

/** The two private funnels of @google-cloud/firestore's `Firestore` class (v7) that every call goes through. */
interface FirestoreFunnels {
  request(method: string, request: unknown, ...rest: unknown[]): Promise<unknown>;
  requestStream(method: string, bidirectional: boolean, request: unknown, ...rest: unknown[]): Promise<NodeJS.ReadableStream>;
}

/**
 * Wraps `db`'s funnels so that every billed operation is passed to `record`
 * (with the RPC's name), after the call succeeded. Throws if the SDK no
 * longer has the funnels, so that a bench never prints zeros it did not count.
 */
export function meterFirestore(db: object, record: (method: string, ops: FirestoreOps) => void): void {
  const funnels = db as FirestoreFunnels;
  if (typeof funnels.request !== "function" || typeof funnels.requestStream !== "function") {
    throw new Error("metering/firestore-ops: this Firestore SDK has no request/requestStream funnel to count operations at");
  }
  const request = funnels.request.bind(db);
  const requestStream = funnels.requestStream.bind(db);
  const recordNonZero = (method: string, ops: FirestoreOps) => {
    if (ops.reads || ops.missing || ops.writes || ops.deletes) record(method, ops);
  };
  funnels.request = async (method, body, ...rest) => {
    const result = await request(method, body, ...rest);
    recordNonZero(method, countRequest(method, body));
    return result;
  };
  funnels.requestStream = async (method, bidirectional, body, ...rest) => {
    const stream = await requestStream(method, bidirectional, body, ...rest);
    const tally = new StreamTally(method);
    // Listening for "data" would start the paused stream before its caller is ready; every chunk the caller reads is emitted once.
    const emit = stream.emit.bind(stream);
    stream.emit = (event: string | symbol, ...args: unknown[]): boolean => {
      if (event === "data") recordNonZero(method, tally.add(args[0]));
      else if (event === "end") recordNonZero(method, tally.end());
      return emit(event, ...args);
    };
    return stream;
  };
}
