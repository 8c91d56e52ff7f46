import { Storage } from "@google-cloud/storage";
import type { SigningKey } from "./signing-key";

/**
 * Short, and never more than an hour: a leaked link must die soon, and a
 * revoked share link's images stay readable only as long as the URLs already
 * handed out, which docs/sharing.md promises is at most 60 minutes.
 */
export const DEFAULT_SIGNED_URL_TTL_SECONDS = 60 * 60;
export const MAX_SIGNED_URL_TTL_SECONDS = 60 * 60;

/** `attachment; filename=...` makes the browser save rather than show what the URL serves. */
export type UrlSigner = (objectPath: string, options?: SignOptions) => Promise<string>;

export interface SignOptions {
  responseDisposition?: string;
  /** The URL dies no later than this (a share link's expiry), even if the signer's lifetime is longer. */
  notAfter?: Date;
}

/** The lifetime's end, cut at `notAfter`; at least a second, because a signature must end after it starts (callers refuse dead links first). */
function expiryMs(startMs: number, ttlSeconds: number, notAfter: Date | undefined): number {
  const end = startMs + ttlSeconds * 1000;
  if (!notAfter) return end;
  return Math.max(startMs + 1000, Math.min(end, Math.floor(notAfter.getTime() / 1000) * 1000));
}

/**
 * V4 signed read URLs for one bucket, signed locally with the key (the
 * client library signs with the key's RSA private key when it has one). On
 * the emulators the URLs point at the Storage emulator, which serves them
 * without checking the signature; tests check it instead.
 */
export function createUrlSigner(key: SigningKey, bucketName: string, ttlSeconds: number, now: () => number = Date.now): UrlSigner {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0 || ttlSeconds > MAX_SIGNED_URL_TTL_SECONDS) {
    throw new Error(`signed URL lifetime must be 1..${MAX_SIGNED_URL_TTL_SECONDS} seconds, not ${ttlSeconds}`);
  }
  const bucket = new Storage({ credentials: key }).bucket(bucketName);
  return async (objectPath, options = {}) => {
    // Whole seconds, so that the URL's X-Goog-Expires is exactly the configured lifetime.
    const start = Math.floor(now() / 1000) * 1000;
    const [url] = await bucket.file(objectPath).getSignedUrl({
      version: "v4",
      action: "read",
      accessibleAt: new Date(start),
      expires: expiryMs(start, ttlSeconds, options.notAfter),
      ...(options.responseDisposition ? { responseDisposition: options.responseDisposition } : {}),
    });
    return url;
  };
}
