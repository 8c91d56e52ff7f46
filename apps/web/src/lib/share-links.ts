"use client";
/** The owner's share links and their access logs, live, read through the shared schemas. */
import { ShareAccessEntry, ShareLinkRecord } from "@pacs/shared";
import { collection, limit, onSnapshot, orderBy, query } from "firebase/firestore";
import { schemaConverter } from "./firestore-schema";
import { useLive, type Live } from "./use-live";

const linkConverter = schemaConverter(ShareLinkRecord);
const entryConverter = schemaConverter(ShareAccessEntry);
/** The page lists the newest links; older ones are purged 30 days after they expire. */
const LINKS_SHOWN = 200;
const ENTRIES_SHOWN = 100;

export function useShareLinks(uid: string): Live<ShareLinkRecord[]> {
  return useLive(`share-links/${uid}`, "your shared links", (db, next, fail) =>
    onSnapshot(
      query(collection(db, "users", uid, "shareLinks").withConverter(linkConverter), orderBy("createdAt", "desc"), limit(LINKS_SHOWN)),
      (snapshot) => next(snapshot.docs.map((doc) => doc.data())),
      fail,
    ),
  );
}

export function useShareAccessLog(uid: string, linkId: string): Live<ShareAccessEntry[]> {
  return useLive(`share-log/${uid}/${linkId}`, "this link's access log", (db, next, fail) =>
    onSnapshot(
      query(collection(db, "users", uid, "shareLinks", linkId, "accessLog").withConverter(entryConverter), orderBy("at", "desc"), limit(ENTRIES_SHOWN)),
      (snapshot) => next(snapshot.docs.map((doc) => doc.data())),
      fail,
    ),
  );
}
