/** How the owner's page words a link's state and its access log. Pure, so that its tests need no database. */
import { shareLinkStatus, type ShareAccessEntry, type ShareLinkRecord, type ShareLinkStatus } from "@pacs/shared";

export type ShareRowStatus = ShareLinkStatus | "locked" | "preparing" | "unavailable";

/**
 * What the owner's page shows: a live link whose de-identified copy is not
 * made yet (or could not be) says so, and one locked by wrong PINs says so
 * while the lock lasts.
 */
export function shareRowStatus(link: ShareLinkRecord, now: Date): ShareRowStatus {
  const status = shareLinkStatus(link, now);
  if (status !== "active") return status;
  if (link.deidentification?.status === "preparing") return "preparing";
  if (link.deidentification?.status === "failed") return "unavailable";
  if (link.pinLockedUntil && link.pinLockedUntil.getTime() > now.getTime()) return "locked";
  return status;
}

/** Statuses in which the link can still be copied or revoked. */
export function isLiveShareStatus(status: ShareRowStatus): boolean {
  return status === "active" || status === "locked" || status === "preparing" || status === "unavailable";
}

export const SHARE_STATUS_TEXT: Record<ShareRowStatus, string> = {
  active: "Active",
  expired: "Expired",
  revoked: "Revoked",
  "view-limit-reached": "View limit reached",
  locked: "Locked (wrong PINs)",
  preparing: "Preparing copy",
  unavailable: "Copy failed",
};

export const ACCESS_OUTCOME_TEXT: Record<ShareAccessEntry["outcome"], string> = {
  opened: "Opened",
  "pin-refused": "Wrong PIN",
  "locked-out": "Locked out (too many wrong PINs)",
  downloaded: "Downloaded",
};

/** One access-log line's "What": a recipient of a de-identified link saw (or downloaded) only the copy, and the owner reads so. */
export function accessOutcomeText(entry: Pick<ShareAccessEntry, "outcome" | "deidentified">): string {
  if (entry.deidentified && entry.outcome === "opened") return "Saw a de-identified copy";
  if (entry.deidentified && entry.outcome === "downloaded") return "Downloaded a de-identified copy";
  return ACCESS_OUTCOME_TEXT[entry.outcome];
}
