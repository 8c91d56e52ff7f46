import type { Firestore } from "firebase-admin/firestore";

/** `accessTokens`: top level and server-only (AccessTokenRecord in packages/shared/src/access-tokens.ts). */
export function accessTokens(db: Firestore) {
  return db.collection("accessTokens");
}

export function accessTokenRef(db: Firestore, tokenId: string) {
  return accessTokens(db).doc(tokenId);
}

/** Every token of one owner, live or not: for Settings, the data export and account erasure. */
export function accessTokensOf(db: Firestore, uid: string) {
  return accessTokens(db).where("uid", "==", uid);
}
