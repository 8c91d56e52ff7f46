import { Timestamp, type Firestore } from "firebase-admin/firestore";

/** A deep copy as Firestore keeps a value: Dates come back as Timestamps (immutable, so shared). */
function stored(value: unknown): unknown {
  if (value instanceof Date) return Timestamp.fromDate(value);
  if (value instanceof Timestamp || value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map(stored);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, stored(inner)]));
  return value;
}
const storedDocument = (data: Record<string, unknown>) => stored(data) as Record<string, unknown>;

/**
 * A Firestore in memory, just wide enough for a de-identified link's
 * preparation (prepare-copies.ts): documents by path, get/set/create/update
 * (with "a.b" field paths), a collection's direct children in id order (the
 * default order readStudyInstances relies on), and transactions that run
 * their function once. No queries, no contention: for unit tests that need
 * the real path through Firestore without the emulator. Dates are read back
 * as Timestamps, as from Firestore.
 */
export function memoryFirestore(): { db: Firestore; documents: Map<string, Record<string, unknown>> } {
  const documents = new Map<string, Record<string, unknown>>();
  const snapshot = (path: string) => {
    const data = documents.get(path);
    return { id: path.slice(path.lastIndexOf("/") + 1), exists: data !== undefined, data: () => (data === undefined ? undefined : storedDocument(data)) };
  };
  const update = (path: string, fields: Record<string, unknown>) => {
    const data = documents.get(path);
    if (!data) throw new Error(`memoryFirestore: update of missing document ${path}`);
    for (const [fieldPath, value] of Object.entries(fields)) {
      const keys = fieldPath.split(".");
      let target = data;
      for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
      target[keys.at(-1)!] = stored(value);
    }
  };
  const create = (path: string, data: Record<string, unknown>) => {
    if (documents.has(path)) throw new Error(`memoryFirestore: ${path} already exists`);
    documents.set(path, storedDocument(data));
  };
  const doc = (path: string) => ({
    path,
    id: path.slice(path.lastIndexOf("/") + 1),
    get: async () => snapshot(path),
    set: async (data: Record<string, unknown>) => void documents.set(path, storedDocument(data)),
    create: async (data: Record<string, unknown>) => create(path, data),
    update: async (fields: Record<string, unknown>) => update(path, fields),
    collection: (name: string) => collection(`${path}/${name}`),
  });
  let autoId = 0;
  const collection = (path: string) => ({
    path,
    doc: (id?: string) => doc(`${path}/${id ?? `auto-${String(++autoId).padStart(6, "0")}`}`),
    get: async () => {
      const children = [...documents.keys()].filter((key) => key.startsWith(`${path}/`) && !key.slice(path.length + 1).includes("/")).sort();
      const docs = children.map(snapshot);
      return { docs, empty: docs.length === 0, size: docs.length };
    },
  });
  type Ref = ReturnType<typeof doc>;
  const transaction = {
    get: (ref: Ref) => ref.get(),
    set: (ref: Ref, data: Record<string, unknown>) => void documents.set(ref.path, storedDocument(data)),
    create: (ref: Ref, data: Record<string, unknown>) => create(ref.path, data),
    update: (ref: Ref, fields: Record<string, unknown>) => update(ref.path, fields),
  };
  const db = {
    collection,
    doc,
    runTransaction: async <T>(run: (tx: typeof transaction) => Promise<T>) => run(transaction),
  };
  return { db: db as unknown as Firestore, documents };
}
