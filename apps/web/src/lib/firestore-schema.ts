"use client";
/**
 * Firestore documents read through the shared zod schemas: Timestamps become
 * Dates, then the schema parses, so a malformed document is an error rather
 * than a half-typed object.
 */
import { Timestamp, type DocumentData, type FirestoreDataConverter } from "firebase/firestore";
import type { z } from "zod";

/** Top-level Timestamps to Dates: every stored schema keeps its dates at the top. */
export function timestampsToDates(data: DocumentData): DocumentData {
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, value instanceof Timestamp ? value.toDate() : value]));
}

/** A converter that parses with `schema`; pending server timestamps read as the local estimate. */
export function schemaConverter<T extends DocumentData>(schema: z.ZodType<T>): FirestoreDataConverter<T> {
  return {
    toFirestore: (value) => value as DocumentData,
    fromFirestore: (snapshot) => schema.parse(timestampsToDates(snapshot.data({ serverTimestamps: "estimate" }))),
  };
}
