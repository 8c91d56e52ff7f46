import { Timestamp, type DocumentSnapshot } from "firebase-admin/firestore";
import type { z } from "zod";

/** Firestore hands back Timestamps where Dates were written; schemas speak Dates. */
function timestampsToDates(value: unknown): unknown {
  if (value instanceof Timestamp) return value.toDate();
  if (Array.isArray(value)) return value.map(timestampsToDates);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, timestampsToDates(inner)]));
  return value;
}

/** Reads a document through its schema: a malformed document is an error, not a guess. */
export function parseSnapshot<T>(schema: z.ZodType<T>, snapshot: DocumentSnapshot): T {
  return schema.parse(timestampsToDates(snapshot.data()));
}
