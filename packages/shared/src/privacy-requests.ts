import { z } from "zod";

/**
 * `privacyRequests/{requestId}`: a request to exercise a privacy right, from
 * Settings or recorded by an administrator from an email to the privacy
 * address. Written by the server only; read by its requester and by
 * administrators (custom claim `admin`), who see every request and its
 * 30-day due date (docs/privacy.md).
 */
export const PrivacyRequestKind = z.enum(["export", "deletion"]);
export type PrivacyRequestKind = z.infer<typeof PrivacyRequestKind>;

export const PrivacyRequestStatus = z.enum([
  /** Asked in the app; the confirmation link is in the requester's inbox. */
  "awaiting-confirmation",
  /** Recorded from an email; an administrator must verify who is asking. */
  "awaiting-verification",
  /** Confirmed by the requester or verified by an administrator: the function runs it. */
  "confirmed",
  "completed",
  "failed",
]);
export type PrivacyRequestStatus = z.infer<typeof PrivacyRequestStatus>;

/** We answer verified requests within 30 days (Privacy Policy, "Your Rights"). */
export const PRIVACY_REQUEST_DUE_DAYS = 30;
/** A confirmation link works this long. */
export const PRIVACY_CONFIRMATION_HOURS = 24;
/** An export's download link works this long. */
export const EXPORT_LINK_DAYS = 7;
/** Deleting an account needs a sign-in this recent. */
export const RECENT_SIGN_IN_MINUTES = 10;

export const PrivacyRequest = z.object({
  requestId: z.string().min(1),
  kind: PrivacyRequestKind,
  uid: z.string().min(1),
  email: z.string(),
  source: z.enum(["app", "email"]),
  status: PrivacyRequestStatus,
  createdAt: z.date(),
  dueAt: z.date(),
  /** SHA-256 of the emailed confirmation token; the token itself is never stored. */
  confirmTokenHash: z.string().nullable(),
  confirmBy: z.date().nullable(),
  confirmedAt: z.date().nullable(),
  verifiedBy: z.enum(["email-link", "admin"]).nullable(),
  completedAt: z.date().nullable(),
  /** An administrator's note (how the request arrived, how the requester was verified). */
  note: z.string().max(2000).nullable(),
  /** Why it failed, for the administrator. */
  error: z.string().nullable(),
  /** A finished export: when its link stops working. */
  exportExpiresAt: z.date().nullable(),
  /** SHA-256 of the emailed download token of a finished export. */
  downloadTokenHash: z.string().nullable(),
});
export type PrivacyRequest = z.infer<typeof PrivacyRequest>;

/**
 * `deletionProofs/{requestId}`: all that remains of a deleted account, to
 * show that the deletion happened: a hash of the uid, the times, the counts.
 */
export const DeletionProof = z.object({
  uidHash: z.string().length(64),
  requestedAt: z.date(),
  completedAt: z.date(),
  source: z.enum(["app", "email"]),
  deleted: z.object({ storageObjects: z.number().int(), firestoreDocuments: z.number().int(), shareLinks: z.number().int() }),
});
export type DeletionProof = z.infer<typeof DeletionProof>;

export const CreatePrivacyRequest = z.object({ kind: PrivacyRequestKind });
/** The two emailed links, confirm and download, each carry a request id and a token. */
export const PrivacyLinkToken = z.object({ requestId: z.string().min(1).max(64), token: z.string().min(1).max(128) });
export const AdminRecordPrivacyRequest = z.object({
  email: z.email("Enter the requester's email address."),
  kind: PrivacyRequestKind,
  note: z.string().trim().max(2000).optional(),
});

export const PRIVACY_STATUS_TEXT: Record<PrivacyRequestStatus, string> = {
  "awaiting-confirmation": "Waiting for you to confirm by email",
  "awaiting-verification": "Waiting for identity verification",
  confirmed: "In progress",
  completed: "Done",
  failed: "Failed",
};
