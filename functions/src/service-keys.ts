import { deriveShareTokenKey } from "./shares/share-token";
import { loadSigningKey, readSecret, type SigningKey } from "./viewer/signing-key";
import { TicketKeys } from "./viewer/viewer-ticket";

/**
 * The three keys of the api function, each from its own secret, so that one
 * leak does not give all three (docs/deploy.md, "Keys"):
 * - `PACS_SIGNING_KEY`: a service-account key; signs image URLs (it can read the bucket);
 * - `PACS_TICKET_SECRET`: signs viewer tickets (who may load which manifest);
 * - `PACS_SHARE_TOKEN_SECRET`: derives share-link tokens (which can be copied again).
 */
export interface ServiceKeys {
  urlSigningKey: SigningKey;
  ticketKeys: TicketKeys;
  shareTokenKey: Buffer;
}

export function loadServiceKeys(env: NodeJS.ProcessEnv = process.env): ServiceKeys {
  const urlSigningKey = loadSigningKey(env);
  const ticketSecret = readSecret(env, "PACS_TICKET_SECRET", "viewer ticket secret");
  const shareSecret = readSecret(env, "PACS_SHARE_TOKEN_SECRET", "share-link token secret");
  // A copy-paste that stores one value under two names would undo the split silently.
  if (ticketSecret === shareSecret || urlSigningKey.private_key.includes(ticketSecret) || urlSigningKey.private_key.includes(shareSecret)) {
    throw new Error("PACS_TICKET_SECRET, PACS_SHARE_TOKEN_SECRET and PACS_SIGNING_KEY must be three different secrets (docs/deploy.md)");
  }
  if (Buffer.byteLength(shareSecret) < 32) throw new Error("The share-link token secret must be at least 32 bytes (PACS_SHARE_TOKEN_SECRET, docs/deploy.md)");
  return { urlSigningKey, ticketKeys: new TicketKeys(ticketSecret), shareTokenKey: deriveShareTokenKey(shareSecret) };
}

/** The ticket keys alone, for a function that only checks tickets (the DICOMweb service's viewer-session root). */
export function loadTicketKeys(env: NodeJS.ProcessEnv = process.env): TicketKeys {
  return new TicketKeys(readSecret(env, "PACS_TICKET_SECRET", "viewer ticket secret"));
}
