import type { Bucket } from "@google-cloud/storage";
import type { Firestore } from "firebase-admin/firestore";
import type { EnqueueDeidentifiedTask } from "../deidentified-shares/deidentified-task";
import type { SendEmail } from "../email/send-email";
import type { VerifyIdToken } from "../http/api-request";
import type { UrlSigner } from "../viewer/sign-urls";
import type { TicketKeys } from "../viewer/viewer-ticket";

export interface ShareDeps {
  db: Firestore;
  verifyIdToken: VerifyIdToken;
  urlSigner: () => UrlSigner;
  downloadSigner: () => UrlSigner;
  instancesBucket: () => Bucket;
  ticketKeys: () => TicketKeys;
  /** The HMAC key share tokens are derived with (share-token.ts). */
  shareTokenKey: () => Buffer;
  sendEmail: SendEmail;
  /** Queues a de-identified link's copies, and their deletion at its expiry (deidentified-shares/). */
  enqueueDeidentifiedTask: EnqueueDeidentifiedTask;
  /** The app's public origin, for links in emails (PACS_WEB_URL). */
  appOrigin: () => string;
  /** An injectable clock, for expiry and lockout tests. */
  now?: () => Date;
}

export const clock = (deps: Pick<ShareDeps, "now">): Date => deps.now?.() ?? new Date();

/** Links are purged this long after they expire (retention, docs/sharing.md). */
export const SHARE_PURGE_AFTER_MS = 30 * 24 * 60 * 60 * 1000;
