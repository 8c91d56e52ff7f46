import { DEFAULT_QUOTA_BYTES, defaultInstancesBucket } from "@pacs/shared";
import { trustedProxies } from "./shares/client-info";

/**
 * Deployment settings, from the environment (functions/.env in production,
 * see docs/deploy.md). A bad value stops the function at start-up with its
 * name, rather than quietly using a default.
 */
function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number of bytes, not "${raw}"`);
  return value;
}

/** Storage per user unless their profile has its own `quotaBytes`. */
export const defaultQuotaBytes = positiveInteger("PACS_DEFAULT_QUOTA_BYTES", DEFAULT_QUOTA_BYTES);

/** The bucket that holds stored instances (created at deploy time, see docs/deploy.md). */
export const instancesBucketName = process.env.PACS_INSTANCES_BUCKET || defaultInstancesBucket(process.env.GCLOUD_PROJECT ?? "");

/** Lifetime of the signed image URLs in a viewer manifest (at most 4 hours, checked by the signer). */
export const signedUrlTtlSeconds = positiveInteger("PACS_SIGNED_URL_TTL_SECONDS", 60 * 60);

/** The app's public address, for links in emails: https://<project>.web.app in production (functions/.env). */
export const appOrigin = (process.env.PACS_WEB_URL || `https://${process.env.GCLOUD_PROJECT ?? "localhost"}.web.app`).replace(/\/+$/, "");

/** Firebase Hosting's CDN (Fastly) address ranges, whose X-Forwarded-For entries are believed (shares/client-info.ts, docs/deploy.md). */
export const hostingProxies = trustedProxies(process.env.PACS_TRUSTED_PROXIES);
