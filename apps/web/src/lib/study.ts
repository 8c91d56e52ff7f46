"use client";
/** One study of the owner, live, for the study page. */
import type { StudyRecord } from "@pacs/shared";
import { doc, onSnapshot } from "firebase/firestore";
import { schemaConverter } from "./firestore-schema";
import { StudyRecord as StudyRecordSchema } from "@pacs/shared";
import { useLive, type Live } from "./use-live";

const converter = schemaConverter(StudyRecordSchema);

/** The record, or null once it does not exist (never uploaded, or deleted while open). */
export function useStudy(uid: string, studyInstanceUID: string): Live<StudyRecord | null> {
  return useLive(`study/${uid}/${studyInstanceUID}`, "this study", (db, next, fail) =>
    onSnapshot(doc(db, "users", uid, "studies", studyInstanceUID).withConverter(converter), (snapshot) => next(snapshot.exists() ? snapshot.data() : null), fail),
  );
}
