import type { Bucket } from "@google-cloud/storage";
import type { Auth } from "firebase-admin/auth";
import type { Firestore } from "firebase-admin/firestore";
import type { SendEmail } from "../email/send-email";
import type { VerifyIdToken } from "../http/api-request";
import type { UrlSigner } from "../viewer/sign-urls";

export interface PrivacyDeps {
  db: Firestore;
  auth: Pick<Auth, "getUser" | "getUserByEmail" | "deleteUser" | "updateUser" | "revokeRefreshTokens">;
  verifyIdToken: VerifyIdToken;
  sendEmail: SendEmail;
  /** The app's public origin, for links in emails (PACS_WEB_URL). */
  appOrigin: () => string;
  instancesBucket: () => Bucket;
  uploadsBucket: () => Bucket;
  /** Signs the 15-minute link an export download redirects to. */
  downloadSigner: () => UrlSigner;
  now?: () => Date;
}

export const privacyClock = (deps: Pick<PrivacyDeps, "now">): Date => deps.now?.() ?? new Date();

export function privacyRequestsRef(db: Firestore) {
  return db.collection("privacyRequests");
}

export function exportObjectPath(uid: string, requestId: string): string {
  return `exports/${uid}/${requestId}/radiology-pacs-export.zip`;
}
