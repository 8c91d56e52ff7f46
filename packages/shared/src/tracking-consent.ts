import { z } from "zod";

/** The localStorage key that holds the visitor's cookie choice (named in the Privacy Policy). */
export const TRACKING_CONSENT_KEY = "tracking-consent";

/**
 * Bump when the categories or their meaning change: a stored value of another
 * version no longer parses, so the banner asks again.
 */
export const TRACKING_CONSENT_VERSION = 1;

/**
 * `localStorage["tracking-consent"]`: what the visitor chose in the cookie
 * banner. Necessary storage (the sign-in session) needs no consent, so it is
 * always true; analytics and advertising are opt-in.
 */
export const TrackingConsent = z.object({
  version: z.literal(TRACKING_CONSENT_VERSION),
  necessary: z.literal(true),
  analytics: z.boolean(),
  advertising: z.boolean(),
  decidedAt: z.iso.datetime(),
});
export type TrackingConsent = z.infer<typeof TrackingConsent>;

/** The optional categories a visitor chooses. */
export type TrackingChoice = Pick<TrackingConsent, "analytics" | "advertising">;
