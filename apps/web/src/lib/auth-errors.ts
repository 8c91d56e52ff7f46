import { FirebaseError } from "firebase/app";

const MESSAGES: Record<string, string> = {
  "auth/email-already-in-use": "An account with this email already exists. Sign in, or reset your password.",
  "auth/invalid-email": "Enter a valid email address.",
  "auth/invalid-credential": "Wrong email or password.",
  "auth/wrong-password": "Wrong email or password.",
  "auth/user-not-found": "Wrong email or password.",
  "auth/user-disabled": "This account has been disabled. Contact support.",
  "auth/weak-password": "Choose a stronger password (at least 8 characters).",
  "auth/too-many-requests": "Too many attempts. Wait a few minutes and try again.",
  "auth/network-request-failed": "Cannot reach the sign-in service. Check your connection and try again.",
  "auth/popup-closed-by-user": "The Google sign-in window was closed before finishing.",
  "auth/popup-blocked": "Your browser blocked the Google sign-in window. Allow pop-ups for this site and try again.",
  // The Google pop-up loads Google's sign-in helper from apis.google.com; without it the SDK says only "internal error".
  "auth/internal-error": "Google sign-in could not reach Google. Check your connection, or sign in with email and password.",
  "auth/requires-recent-login": "For your security, sign in again and retry.",
  "permission-denied": "The server refused this change.",
};

/** A sentence a user can act on, for any error thrown by Firebase or our code. */
export function describeError(error: unknown): string {
  if (error instanceof FirebaseError) {
    return MESSAGES[error.code] ?? `Something went wrong (${error.code}). Please try again.`;
  }
  if (error instanceof Error) return error.message;
  return "Something went wrong. Please try again.";
}
