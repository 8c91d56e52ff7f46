import type { VerifyIdToken } from "./api-request";

/** The part of the Admin SDK's Auth the API needs to trust an ID token. */
export interface TokenAuth {
  verifyIdToken(token: string, checkRevoked?: boolean): Promise<{ uid: string; email_verified?: boolean; auth_time?: number; email?: string; admin?: unknown }>;
  getUser(uid: string): Promise<{ customClaims?: Record<string, unknown> | undefined }>;
}

/**
 * How every API call verifies its ID token. An ID token lives an hour and is
 * not tied to the account once issued, so:
 * - `checkRevoked` makes the Admin SDK also refuse tokens of a disabled or
 *   deleted user and tokens issued before a refresh-token revocation (account
 *   erasure disables and revokes first, so no open tab keeps writing);
 * - an `admin` claim is confirmed against the user record, because a claim
 *   withdrawn with setCustomUserClaims stays in tokens issued before.
 * Both cost one user lookup per call (the Auth emulator serves them too).
 */
export function createTokenVerifier(auth: TokenAuth): VerifyIdToken {
  return async (token) => {
    const decoded = await auth.verifyIdToken(token, true);
    if (decoded.admin !== true) return decoded;
    const user = await auth.getUser(decoded.uid);
    return { ...decoded, admin: user.customClaims?.admin === true };
  };
}
