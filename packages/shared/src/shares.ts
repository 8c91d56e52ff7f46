import { z } from "zod";
import { DeidentificationRequest, ShareDeidentification } from "./deidentification";
import { DicomUID } from "./studies";

/**
 * Share links: a time-limited viewer link to one study that anyone holding
 * it can open without an account (docs/sharing.md). The token itself is never
 * stored; these are the documents around it.
 */

/** The lifetimes offered in the share dialog, in seconds. */
export const SHARE_EXPIRY_PRESETS = {
  "1h": 60 * 60,
  "24h": 24 * 60 * 60,
  "7d": 7 * 24 * 60 * 60,
} as const;
export type ShareExpiryPreset = keyof typeof SHARE_EXPIRY_PRESETS;

/** No link lives longer than this, whatever the dialog sends. */
export const MAX_SHARE_LIFETIME_SECONDS = 30 * 24 * 60 * 60;
/** A custom expiry closer than this is a typo, not a plan. */
export const MIN_SHARE_LIFETIME_SECONDS = 5 * 60;
export const MAX_SHARE_VIEWS = 10_000;

/** Digits only, so that it can be read out over the phone; 4 to 12 of them. */
export const SharePin = z.string().regex(/^[0-9]{4,12}$/, "A PIN is 4 to 12 digits.");

export const ShareLabel = z.string().trim().max(100, "Use at most 100 characters for the label.");

/** `POST /api/share-links`: what the owner chooses in the share dialog. */
export const CreateShareLinkRequest = z.object({
  StudyInstanceUID: DicomUID,
  expiry: z.union([
    z.object({ preset: z.enum(["1h", "24h", "7d"]) }),
    /** A custom moment, checked against now on the server. */
    z.object({ until: z.iso.datetime({ offset: true }) }),
  ]),
  pin: SharePin.optional(),
  maxViews: z.number().int().min(1, "Allow at least one view.").max(MAX_SHARE_VIEWS).optional(),
  allowDownload: z.boolean().default(false),
  label: ShareLabel.optional(),
  /** Share a de-identified copy instead of the study as stored (docs/deidentification.md). */
  deidentify: DeidentificationRequest.optional(),
});
export type CreateShareLinkRequest = z.infer<typeof CreateShareLinkRequest>;

/**
 * `users/{uid}/shareLinks/{linkId}`: one link, as its owner sees it on the
 * "Shared links" page. Written by the server only. It holds no token and no
 * PIN, not even hashed: those live in the server-only `shareTokens`.
 */
export const ShareLinkRecord = z.object({
  linkId: z.string().min(1),
  StudyInstanceUID: DicomUID,
  /** What the owner's page shows for the study (patient, description, date); the owner's own data. */
  studyTitle: z.string(),
  label: z.string().nullable(),
  createdAt: z.date(),
  expiresAt: z.date(),
  revokedAt: z.date().nullable(),
  maxViews: z.number().int().positive().nullable(),
  views: z.number().int().nonnegative(),
  lastAccessAt: z.date().nullable(),
  allowDownload: z.boolean(),
  pinProtected: z.boolean(),
  /** Set while too many wrong PINs from many addresses keep the link shut for everyone. */
  pinLockedUntil: z.date().nullable(),
  /** When retention may delete the link: 30 days after it expired (a Firestore TTL field). */
  purgeAt: z.date(),
  /** Set on a de-identified link: its copies' state. Links made before it existed have none. */
  deidentification: ShareDeidentification.nullable().default(null),
});
export type ShareLinkRecord = z.infer<typeof ShareLinkRecord>;

export const ShareAccessOutcome = z.enum(["opened", "pin-refused", "locked-out", "downloaded"]);
export type ShareAccessOutcome = z.infer<typeof ShareAccessOutcome>;

/**
 * `users/{uid}/shareLinks/{linkId}/accessLog/{id}`: one attempt to use the
 * link. The address is kept only as a coarse location, never in full.
 */
export const ShareAccessEntry = z.object({
  at: z.date(),
  outcome: ShareAccessOutcome,
  /** A country name, "Local network", or "Unknown". */
  location: z.string(),
  /** "Chrome 141 on Linux", or "Unknown browser". */
  browser: z.string(),
  /** The recipient saw (or downloaded) the de-identified copy, not the study as stored. */
  deidentified: z.boolean().optional(),
});
export type ShareAccessEntry = z.infer<typeof ShareAccessEntry>;

/** What a link is now, for the owner's page and for the recipient's answer. */
export type ShareLinkStatus = "active" | "expired" | "revoked" | "view-limit-reached";

export function shareLinkStatus(link: Pick<ShareLinkRecord, "expiresAt" | "revokedAt" | "maxViews" | "views">, now: Date): ShareLinkStatus {
  if (link.revokedAt) return "revoked";
  if (link.expiresAt.getTime() <= now.getTime()) return "expired";
  if (link.maxViews !== null && link.views >= link.maxViews) return "view-limit-reached";
  return "active";
}

/**
 * The recipient's side: `POST /api/shares/open` answers with one of these.
 * Dead links say what happened and nothing about the study.
 */
export const ShareOpenRefusal = z.object({
  /** "preparing": a de-identified copy is still being made (HTTP 409); "unavailable": it could not be made (HTTP 410). */
  state: z.enum(["unknown", "expired", "revoked", "view-limit-reached", "pin-required", "pin-refused", "locked", "preparing", "unavailable"]),
  error: z.string(),
  /** With pin-refused: how many tries are left before the lockout. */
  attemptsLeft: z.number().int().nonnegative().optional(),
  /** With locked: when trying again is allowed. */
  retryAfter: z.string().optional(),
});
export type ShareOpenRefusal = z.infer<typeof ShareOpenRefusal>;

export const ShareOpenGrant = z.object({
  state: z.literal("open"),
  /** The manifest OHIF loads; valid for minutes, refused as soon as the link is revoked. */
  manifestPath: z.string().startsWith("/api/share-manifests/"),
  /** Present when the owner allowed downloading. */
  downloadPath: z.string().startsWith("/api/share-downloads/").nullable(),
  expiresAt: z.string(),
  sharedBy: z.string(),
  /** The recipient sees a de-identified copy: the page says so. */
  deidentified: z.boolean().default(false),
});
export type ShareOpenGrant = z.infer<typeof ShareOpenGrant>;
