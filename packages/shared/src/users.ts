import { z } from "zod";
import { CURRENT_POLICY, MINIMUM_AGE } from "./policy";

/**
 * `users/{uid}`: the account record. Only the fields in {@link UserSelfFields}
 * may be written by the user; the rest is server-owned (firestore.rules).
 */
export const UserProfile = z.object({
  email: z.string().email().nullable(),
  displayName: z.string().trim().max(100),
  ageConfirmed: z.literal(true),
  policyVersion: z.string().min(1),
  policyAcceptedAt: z.date(),
  createdAt: z.date(),
  /** Server-owned: bytes a user may store (issue: upload quota). */
  quotaBytes: z.number().int().nonnegative().optional(),
  /** Server-owned: bytes a user stores now. */
  usedBytes: z.number().int().nonnegative().optional(),
});
export type UserProfile = z.infer<typeof UserProfile>;

/** The fields a signed-in user may set on their own `users/{uid}` document. */
export const UserSelfFields = [
  "email",
  "displayName",
  "ageConfirmed",
  "policyVersion",
  "policyAcceptedAt",
  "createdAt",
] as const;

export const DisplayName = z
  .string()
  .trim()
  .min(1, "Enter your name.")
  .max(100, "Use at most 100 characters for your name.");

/** What a person agrees to before an account exists (sign-up or first Google sign-in). */
export const ConsentInput = z.object({
  ageConfirmed: z.literal(true, {
    error: `You must confirm that you are ${MINIMUM_AGE} or older to use this service.`,
  }),
  policyAccepted: z.literal(true, {
    error: "You must accept the Privacy Policy and Terms to create an account.",
  }),
});
export type ConsentInput = z.infer<typeof ConsentInput>;

export const SignUpInput = ConsentInput.extend({
  displayName: DisplayName,
  email: z.string().trim().email("Enter a valid email address."),
  password: z
    .string()
    .min(8, "Use at least 8 characters for your password.")
    .max(128, "Use at most 128 characters for your password."),
});
export type SignUpInput = z.infer<typeof SignUpInput>;

/** Builds the document written at sign-up, stamped with the policy accepted now. */
export function buildNewUserProfile(
  input: { email: string | null; displayName: string },
  now: Date,
): UserProfile {
  return UserProfile.parse({
    email: input.email,
    displayName: input.displayName,
    ageConfirmed: true,
    policyVersion: CURRENT_POLICY.version,
    policyAcceptedAt: now,
    createdAt: now,
  });
}

/** True when the user has accepted the policy in force; otherwise they must accept again. */
export function hasAcceptedCurrentPolicy(profile: Pick<UserProfile, "policyVersion"> | null): boolean {
  return profile?.policyVersion === CURRENT_POLICY.version;
}
