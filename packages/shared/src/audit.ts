import { z } from "zod";

/**
 * `users/{uid}/auditLog/{id}`: every access to a user's patient data, and
 * their sign-ins. Appended by the server only; the user reads it in
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
};
