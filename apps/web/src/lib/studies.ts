"use client";
/** `users/{uid}/studies` in the browser: written by ingest, read through the shared schema. */
import { StudyRecord } from "@pacs/shared";
import { collection, doc, getDoc, onSnapshot, orderBy, query, type Firestore } from "firebase/firestore";
import { schemaConverter } from "./firestore-schema";
import { describeReadError, useLive, type Live } from "./use-live";

export const studyRecordConverter = schemaConverter(StudyRecord);

/** The owner's studies, most recently changed first (a study grows when more of it is uploaded). */
export function studiesQuery(db: Firestore, uid: string) {
  return query(collection(db, "users", uid, "studies").withConverter(studyRecordConverter), orderBy("updatedAt", "desc"));
}

export function studyRef(db: Firestore, uid: string, studyInstanceUID: string) {
  return doc(db, "users", uid, "studies", studyInstanceUID).withConverter(studyRecordConverter);
}

/** One row of the study list: the record, or why it could not be read (one bad record does not hide the rest). */
export type StudyRow = { id: string; study: StudyRecord; error?: undefined } | { id: string; study?: undefined; error: string };

/** The owner's studies, live. */
export function useStudies(uid: string): Live<StudyRow[]> {
  return useLive(`studies/${uid}`, "your studies", (db, next, fail) =>
    onSnapshot(
      studiesQuery(db, uid),
      (snapshot) =>
        next(
          snapshot.docs.map((document) => {
            try {
              return { id: document.id, study: document.data() };
            } catch (error) {
              return { id: document.id, error: describeReadError(error, "this study") };
            }
          }),
        ),
      fail,
    ),
  );
}

/** The studies an upload touched, read once (the batch is done, so they no longer change because of it). */
export function useStudiesByUid(uid: string, studyInstanceUIDs: readonly string[]): Live<StudyRow[]> {
  return useLive(`studies/${uid}/${studyInstanceUIDs.join(",")}`, "the uploaded studies", (db, next, fail) => {
    let active = true;
    Promise.all(
      studyInstanceUIDs.map(async (id): Promise<StudyRow> => {
        try {
          const snapshot = await getDoc(studyRef(db, uid, id));
          return snapshot.exists() ? { id, study: snapshot.data() } : { id, error: "This study is not in your list (it may have been deleted)." };
        } catch (error) {
          return { id, error: describeReadError(error, "this study") };
        }
      }),
    ).then((rows) => active && next(rows), fail);
    return () => {
      active = false;
    };
  });
}
