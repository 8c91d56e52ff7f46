import { DEFAULT_QUOTA_BYTES, defaultInstancesBucket } from "@pacs/shared";
import { DEFAULT_SIGNED_URL_TTL_SECONDS, MAX_SIGNED_URL_TTL_SECONDS } from "./viewer/sign-urls";
import { trustedProxies } from "./shares/client-info";
import { DEFAULT_RANGE_LIMITS } from "./ingest/fanout/plan-ranges";

/**
 * Deployment settings, from the environment (functions/.env in production,
 * see docs/deploy.md). A bad value stops the function at start-up with its
 * name, rather than quietly using a default.
 */
function positiveInteger(name: string, fallback: number, unit = "bytes", env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number of ${unit}, not "${raw}"`);
  return value;
}

/**
 * A revoke cannot recall image URLs already handed out, so their lifetime is
 * what "revoked" means in practice: docs/sharing.md promises 60 minutes at
 * most, and a longer setting stops the function rather than break that.
 */
export function readSignedUrlTtlSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const value = positiveInteger("PACS_SIGNED_URL_TTL_SECONDS", DEFAULT_SIGNED_URL_TTL_SECONDS, "seconds", env);
  if (value > MAX_SIGNED_URL_TTL_SECONDS) {
    throw new Error(`PACS_SIGNED_URL_TTL_SECONDS must be at most ${MAX_SIGNED_URL_TTL_SECONDS} (60 minutes, the longest a revoked link's images may stay readable), not ${value}`);
  }
  return value;
}

/** Storage per user unless their profile has its own `quotaBytes`. */
export const defaultQuotaBytes = positiveInteger("PACS_DEFAULT_QUOTA_BYTES", DEFAULT_QUOTA_BYTES);

/** The bucket that holds stored instances (created at deploy time, see docs/deploy.md). */
export const instancesBucketName = process.env.PACS_INSTANCES_BUCKET || defaultInstancesBucket(process.env.GCLOUD_PROJECT ?? "");

/** Lifetime of the signed image URLs in a viewer manifest (at most 60 minutes). */
export const signedUrlTtlSeconds = readSignedUrlTtlSeconds();

/** The app's public address, for links in emails: https://<project>.web.app in production (functions/.env). */
export const appOrigin = (process.env.PACS_WEB_URL || `https://${process.env.GCLOUD_PROJECT ?? "localhost"}.web.app`).replace(/\/+$/, "");

/** Cookies are `Secure` except on the emulators, which serve plain http://127.0.0.1 (viewer/session-cookie.ts). */
export const secureCookies = process.env.FUNCTIONS_EMULATOR !== "true";
/** Firebase Hosting's CDN (Fastly) address ranges, whose X-Forwarded-For entries are believed (shares/client-info.ts, docs/deploy.md). */
export const hostingProxies = trustedProxies(process.env.PACS_TRUSTED_PROXIES);

/**
 * Large archives in parallel (ingest/fanout/, docs/ingest.md): entries and
 * declared bytes per part, and the smallest upload looked at. Read when an
 * upload is ingested, not at deploy.
 */
export const ingestFanout = {
  rangeEntries: positiveInteger("PACS_INGEST_RANGE_ENTRIES", DEFAULT_RANGE_LIMITS.maxEntries, "entries"),
  rangeBytes: positiveInteger("PACS_INGEST_RANGE_BYTES", DEFAULT_RANGE_LIMITS.maxBytes),
  minArchiveBytes: positiveInteger("PACS_INGEST_FANOUT_MIN_BYTES", 32 * 1024 * 1024),
};
