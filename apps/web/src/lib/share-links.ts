"use client";
/** The owner's share links and their access logs, live, read through the shared schemas. */
import { ShareAccessEntry, ShareLinkRecord, shareLinkStatus, type ShareLinkStatus } from "@pacs/shared";
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

export type ShareRowStatus = ShareLinkStatus | "locked";

/** What the owner's page shows: a link locked by wrong PINs says so while the lock lasts. */
export function shareRowStatus(link: ShareLinkRecord, now: Date): ShareRowStatus {
  const status = shareLinkStatus(link, now);
  if (status === "active" && link.pinLockedUntil && link.pinLockedUntil.getTime() > now.getTime()) return "locked";
  return status;
}

export const SHARE_STATUS_TEXT: Record<ShareRowStatus, string> = {
  active: "Active",
  expired: "Expired",
  revoked: "Revoked",
  "view-limit-reached": "View limit reached",
  locked: "Locked (wrong PINs)",
};

export const ACCESS_OUTCOME_TEXT: Record<ShareAccessEntry["outcome"], string> = {
  opened: "Opened",
  "pin-refused": "Wrong PIN",
  "locked-out": "Locked out (too many wrong PINs)",
  downloaded: "Downloaded",
};
