import { ShareLinkRecord, shareLinkStatus, type ShareLinkStatus } from "@pacs/shared";
import { FieldValue, type DocumentReference, type DocumentSnapshot } from "firebase-admin/firestore";
import { ApiError } from "../http/api-request";
import { parseSnapshot } from "../ingest/firestore-data";

/** How often a view-limited link's count is tried again when another open changed it first. */
const MAX_ATTEMPTS = 25;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Counts one view of a link, or says why it cannot be opened.
 *
 * A link without a view limit needs no agreement between opens: an atomic
 * increment, so that a link sent to a whole department and opened by all
 * of them at once never queues on a lock. A view-limited link must not give
 * out more views than allowed, so its count is written only if the document
 * is unchanged since it was read (an update precondition on its update
 * time); an open that loses the race reads again after a short random wait.
 * Pessimistic transactions were tried first: 50 opens at once ended in lock
 * timeouts. `read` is the link as the caller has just read it, used for
 * the first attempt instead of reading it again.
 */
export async function countShareView(
  linkRef: DocumentReference,
  now: () => Date,
  read?: DocumentSnapshot,
): Promise<{ link: ShareLinkRecord; at: Date; refused: null } | { refused: Exclude<ShareLinkStatus, "active"> }> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const snapshot = attempt === 1 && read ? read : await linkRef.get();
    const link = parseSnapshot(ShareLinkRecord, snapshot);
    const at = now();
    const status = shareLinkStatus(link, at);
    if (status !== "active") return { refused: status };
    if (link.maxViews === null) {
      await linkRef.update({ views: FieldValue.increment(1), lastAccessAt: at });
      return { link, at, refused: null };
    }
    try {
      await linkRef.update({ views: link.views + 1, lastAccessAt: at }, { lastUpdateTime: snapshot.updateTime! });
      return { link, at, refused: null };
    } catch (error) {
      // FAILED_PRECONDITION: another open counted first; read again.
      if ((error as { code?: number }).code !== 9) throw error;
      await sleep(5 + Math.random() * Math.min(200, 10 * attempt));
    }
  }
  throw new ApiError(503, "Many people are opening this link at this moment. Please try again in a few seconds.");
}
