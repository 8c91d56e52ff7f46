import { createHash, createVerify, type KeyObject } from "node:crypto";

/**
 * Checks a GCS V4 signed URL (GOOG4-RSA-SHA256) the way Cloud Storage does:
 * rebuilds the canonical request from the URL, then verifies the signature
 * with the public key. The Storage emulator ignores signatures, so tests must.
 */
export function verifyV4SignedUrl(url: string, publicKey: KeyObject): { valid: boolean; expiresSeconds: number; signedAt: Date } {
  const parsed = new URL(url);
  const params = [...parsed.searchParams.entries()].filter(([key]) => key !== "X-Goog-Signature");
  const encode = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const canonicalQuery = params
    .map(([key, value]) => [encode(key), encode(value)])
    .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
  const signedHeaders = parsed.searchParams.get("X-Goog-SignedHeaders") ?? "";
  const canonicalHeaders = signedHeaders
    .split(";")
    // The client library signs the host name without a port. In production
    // (storage.googleapis.com, no port) that is exactly the Host header GCS checks.
    .map((name) => `${name}:${name === "host" ? parsed.hostname : ""}\n`)
    .join("");
  const canonicalRequest = ["GET", parsed.pathname, canonicalQuery, canonicalHeaders, signedHeaders, "UNSIGNED-PAYLOAD"].join("\n");
  const date = parsed.searchParams.get("X-Goog-Date") ?? "";
  const scope = (parsed.searchParams.get("X-Goog-Credential") ?? "").split("/").slice(1).join("/");
  const stringToSign = ["GOOG4-RSA-SHA256", date, scope, createHash("sha256").update(canonicalRequest).digest("hex")].join("\n");
  const valid = createVerify("RSA-SHA256").update(stringToSign).verify(publicKey, parsed.searchParams.get("X-Goog-Signature") ?? "", "hex");
  const signedAt = new Date(date.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"));
  return { valid, expiresSeconds: Number(parsed.searchParams.get("X-Goog-Expires")), signedAt };
}
