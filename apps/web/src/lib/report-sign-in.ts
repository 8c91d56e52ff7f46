/**
 * Tells the server about a sign-in, for the user's activity log. The server
 * records it from the ID token's `auth_time` (once per sign-in), so this only
 * says "look"; a marker keeps restored sessions from asking again, and a
 * failed report is tried again on the next page load.
 */
import type { User } from "firebase/auth";

const MARKER = "pacs-sign-in-reported";

export async function reportSignIn(user: User, fetchFn: typeof fetch = fetch, storage: Storage = localStorage): Promise<void> {
  const { token, claims } = await user.getIdTokenResult();
  const key = `${user.uid}:${String(claims.auth_time)}`;
  if (storage.getItem(MARKER) === key) return;
  const response = await fetchFn("/api/sessions", { method: "POST", headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`recording the sign-in failed: HTTP ${response.status}`);
  storage.setItem(MARKER, key);
}
