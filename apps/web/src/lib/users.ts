"use client";
/** `users/{uid}` in the browser: read through the shared schema, written as the rules expect. */
import { buildNewUserProfile, CURRENT_POLICY, UserProfile } from "@pacs/shared";
import type { User } from "firebase/auth";
import { doc, serverTimestamp, setDoc, updateDoc, type Firestore } from "firebase/firestore";
import { schemaConverter } from "./firestore-schema";

/** Parses stored documents with the same schema the server uses; a bad document is an error, not undefined. */
export const userProfileConverter = schemaConverter(UserProfile);

export function userProfileRef(db: Firestore, uid: string) {
  return doc(db, "users", uid).withConverter(userProfileConverter);
}

/**
 * Records the account with the consent just given. Times are the server's
 * (`request.time` in the rules), so nobody can backdate a consent.
 */
export async function createUserProfile(db: Firestore, user: User, displayName: string): Promise<void> {
  const profile = buildNewUserProfile({ email: user.email, displayName }, new Date());
  await setDoc(doc(db, "users", user.uid), {
    ...profile,
    policyAcceptedAt: serverTimestamp(),
    createdAt: serverTimestamp(),
  });
}

/**
 * Repairs a record that does not fit its schema (see profile-problem.ts):
 * writes the self fields it lacks and a fresh consent, nothing it already has
 * (the rules refuse changing a stored email or creation time).
 */
export async function completeUserProfile(db: Firestore, user: User, presentFields: readonly string[]): Promise<void> {
  const profile = buildNewUserProfile({ email: user.email, displayName: user.displayName ?? user.email ?? "" }, new Date());
  const wanted: Record<string, unknown> = {
    ...profile,
    policyAcceptedAt: serverTimestamp(),
    createdAt: serverTimestamp(),
  };
  const kept = new Set<string>(presentFields.filter((field) => ["email", "createdAt", "displayName"].includes(field)));
  await setDoc(doc(db, "users", user.uid), Object.fromEntries(Object.entries(wanted).filter(([field]) => !kept.has(field))), { merge: true });
}

/** Accepts the policy in force now (after a version bump). */
export async function acceptCurrentPolicy(db: Firestore, uid: string): Promise<void> {
  await updateDoc(doc(db, "users", uid), {
    ageConfirmed: true,
    policyVersion: CURRENT_POLICY.version,
    policyAcceptedAt: serverTimestamp(),
  });
}

export async function updateDisplayName(db: Firestore, uid: string, displayName: string): Promise<void> {
  await updateDoc(doc(db, "users", uid), { displayName });
}
