import { createHash } from "node:crypto";

/**
 * The hex SHA-256 of a string: what we keep instead of a secret token, and
 * how we name a record after something we must not store (an address, a uid).
 */
export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
