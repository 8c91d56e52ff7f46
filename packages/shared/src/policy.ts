/**
 * The version of the Privacy Policy and Terms a user accepts at sign-up.
 *
 * Bump both fields together when the policy text changes materially: signed-in
 * users are then asked to accept again, and `firestore.rules` only accepts the
 * current version (a unit test keeps the two in step).
 */
export const CURRENT_POLICY = {
  version: "2026-02-08",
  effectiveDate: "2026-02-08",
} as const;

/** Where users send privacy requests (access, erasure, questions). */
export const PRIVACY_CONTACT_EMAIL = "privacy@radiologypacs.app";

/** The product's name as users see it in pages and emails. */
export const PRODUCT_NAME = "Radiology PACS";

/** Nobody under this age may hold an account (Privacy Policy, "Children's Privacy"). */
export const MINIMUM_AGE = 18;
