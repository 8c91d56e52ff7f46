import type { VerifyIdToken } from "../http/api-request";

/** How many sign-ins one instance remembers as recorded before it starts over (a bound on memory, not on correctness). */
const REMEMBERED = 10_000;

/** Writes the entry for one sign-in; idempotent per (uid, auth_time), as `recordSignInEntry` is. */
export type RecordSignIn = (uid: string, authTime: number) => Promise<void>;

/**
 * Wraps the API's token check so that every sign-in is recorded at its
 * first API use, whether or not the app reports it (`POST /api/sessions`):
 * a script that signs in through the REST API and calls the API still
 * leaves an entry. The entry is keyed by the token's `auth_time`, so the
 * two ways never count one sign-in twice, and each instance remembers what
 * it has recorded, so that later calls of the same sign-in cost no write.
 * A sign-in whose tokens never reach the API leaves no entry (docs/privacy.md).
 */
export function recordSignInsOnUse(verifyIdToken: VerifyIdToken, recordSignIn: RecordSignIn): VerifyIdToken {
  const recorded = new Set<string>();
  return async (token) => {
    const decoded = await verifyIdToken(token);
    const authTime = decoded.auth_time;
    const key = `${decoded.uid}/${authTime}`;
    if (typeof authTime === "number" && authTime > 0 && !recorded.has(key)) {
      // Awaited: a call whose sign-in cannot be recorded fails, as for every other audited access.
      await recordSignIn(decoded.uid, authTime);
      if (recorded.size >= REMEMBERED) recorded.clear();
      recorded.add(key);
    }
    return decoded;
  };
}
