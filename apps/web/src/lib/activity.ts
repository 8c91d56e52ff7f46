"use client";
/** The user's audit log (Settings → Activity), live, newest first. */
import { AuditEntry } from "@pacs/shared";
import { collection, limit, onSnapshot, orderBy, query } from "firebase/firestore";
import { schemaConverter } from "./firestore-schema";
import { useLive, type Live } from "./use-live";

const converter = schemaConverter(AuditEntry);
export const ACTIVITY_SHOWN = 100;

export function useActivity(uid: string): Live<AuditEntry[]> {
  return useLive(`activity/${uid}`, "your activity", (db, next, fail) =>
    onSnapshot(
      query(collection(db, "users", uid, "auditLog").withConverter(converter), orderBy("at", "desc"), limit(ACTIVITY_SHOWN)),
      (snapshot) => next(snapshot.docs.map((doc) => doc.data())),
      fail,
    ),
  );
}
