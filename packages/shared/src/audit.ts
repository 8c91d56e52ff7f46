import { z } from "zod";

/**
 * `users/{uid}/auditLog/{id}`: every access to a user's patient data,
 * every change to it (uploads, deletions, share links) and sign-ins. Appended by the server only; the user reads it in
 * Settings → Activity. Entries expire after the retention period through
 * the Firestore TTL field `expireAt` (docs/privacy.md).
 */
export const AuditAction = z.enum([
  "sign-in",
  /** The owner's viewer was given a manifest (signed image URLs) of a study. */
  "manifest-issued",
  /** Someone opened one of the user's share links. */
  "share-link-opened",
  /** A share link's recipient was given the manifest. */
  "shared-manifest-issued",
  "study-downloaded",
  "shared-study-downloaded",
  "data-export-requested",
  "data-exported",
  "account-deletion-requested",
  "study-deleted",
  "share-link-created",
  /** The app emailed one of the user's share links; `recipient` says to whom. */
  "share-link-emailed",
  "share-link-revoked",
  /** An upload batch was announced; `files` says how many files it declared. */
  "upload-started",
  /** An administrator recorded a privacy request that came by email for this account. */
  "admin-recorded-request",
  /** An administrator ran (or retried) a privacy request for this account. */
  "admin-ran-request",
  /** The user created a personal access token for a DICOMweb tool; `tokenName` names it. */
  "access-token-created",
  "access-token-revoked",
  /** A DICOMweb request (docs/dicomweb.md) was answered; `request` says which, `tokenName` with which token (absent: the user's own sign-in). */
  "dicomweb-request",
  /** The owner downloaded a de-identified ZIP of a study (docs/deidentification.md). */
  "study-downloaded-deidentified",
  /** A de-identified share link's copies were made (or could not be). */
  "deidentified-copies-prepared",
  /** A de-identified share link's copies were deleted (revoked, expired or study deleted). */
  "deidentified-copies-deleted",
]);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditEntry = z.object({
  at: z.date(),
  action: AuditAction,
  /** Who acted: the owner, a share link's recipient, or an administrator on the owner's behalf. */
  actor: z.enum(["owner", "share-recipient", "admin"]),
  StudyInstanceUID: z.string().optional(),
  /** A share link's id, for entries about one. */
  linkId: z.string().optional(),
  /** The upload batch, for `upload-started`. */
  batchId: z.string().optional(),
  /** How many files an upload declared. */
  files: z.number().int().nonnegative().optional(),
  /** The address a share link was emailed to: the owner's own action, shown back to them. */
  recipient: z.string().optional(),
  /** The administrator's uid, for entries with actor "admin" made through the API. */
  adminUid: z.string().optional(),
  /** The personal access token an entry is about, or that a DICOMweb request used. */
  tokenName: z.string().optional(),
  /** A DICOMweb request, as "GET studies/{uid}/series" (the route, with the study's UID in StudyInstanceUID). */
  request: z.string().optional(),
  /** A coarse location and browser, for entries made by someone other than the owner. */
  client: z.string().optional(),
  /** When the entry is deleted (Firestore TTL). */
  expireAt: z.date(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const DEFAULT_AUDIT_RETENTION_DAYS = 365;

export const AUDIT_ACTION_TEXT: Record<AuditAction, string> = {
  "sign-in": "Signed in",
  "manifest-issued": "Opened a study in the viewer",
  "share-link-opened": "A shared link was opened",
  "shared-manifest-issued": "A shared study was loaded in the viewer",
  "study-downloaded": "Downloaded a study",
  "shared-study-downloaded": "A shared study was downloaded",
  "data-export-requested": "Asked for a copy of all data",
  "data-exported": "A copy of all data was prepared",
  "account-deletion-requested": "Asked to delete the account",
  "study-deleted": "Deleted a study",
  "share-link-created": "Created a shared link",
  "share-link-emailed": "Emailed a shared link",
  "share-link-revoked": "Revoked a shared link",
  "upload-started": "Started an upload",
  "admin-recorded-request": "A privacy request by email was recorded for you",
  "admin-ran-request": "Your privacy request was run",
  "access-token-created": "Created an access token",
  "access-token-revoked": "Revoked an access token",
  "dicomweb-request": "A tool read or stored studies through DICOMweb",
  "study-downloaded-deidentified": "Downloaded a de-identified copy of a study",
  "deidentified-copies-prepared": "De-identified copies were made for a shared link",
  "deidentified-copies-deleted": "De-identified copies of a shared link were deleted",
};

/** What an entry says in Settings → Activity: the action, and to whom or how many when the entry tells. */
export function describeAuditEntry(entry: Pick<AuditEntry, "action" | "recipient" | "files" | "tokenName" | "request">): string {
  const text = AUDIT_ACTION_TEXT[entry.action];
  if (entry.action === "dicomweb-request" && entry.request) return `DICOMweb ${entry.request} ${entry.tokenName ? `with the token "${entry.tokenName}"` : "while signed in"}`;
  if (entry.tokenName) return `${text} "${entry.tokenName}"`;
  if (entry.recipient) return `${text} to ${entry.recipient}`;
  if (entry.files !== undefined) return `${text} of ${entry.files} ${entry.files === 1 ? "file" : "files"}`;
  return text;
}
