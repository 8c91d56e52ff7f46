import type { ShareOpenRefusal } from "@pacs/shared";

/**
 * What a recipient is told about a link that does not open. Each says what
 * happened and whom to ask, and nothing about the study or its owner.
 */
export const SHARE_REFUSALS: Record<Exclude<ShareOpenRefusal["state"], "pin-refused" | "locked">, { status: number; error: string }> = {
  unknown: {
    status: 404,
    error: "This link does not exist. Check that you copied the whole link, or ask the person who shared it with you for a new one.",
  },
  expired: { status: 410, error: "This link has expired. Ask the person who shared it with you for a new one." },
  revoked: { status: 410, error: "This link was turned off by the person who shared it. Ask them if you still need access." },
  "view-limit-reached": {
    status: 410,
    error: "This link has been opened as many times as the person who shared it allowed. Ask them for a new one.",
  },
  "pin-required": { status: 401, error: "This link is protected by a PIN. Enter the PIN you were given with the link." },
  preparing: {
    status: 409,
    error: "The person who shared this study asked for a de-identified copy, which is still being made. Try again in a minute.",
  },
  unavailable: {
    status: 410,
    error: "The de-identified copy of this study could not be made. Ask the person who shared it with you for a new link.",
  },
};

export function pinRefusedMessage(attemptsLeft: number): string {
  return `That PIN is not right. ${attemptsLeft === 1 ? "1 try is" : `${attemptsLeft} tries are`} left before this link is locked.`;
}

export function lockedMessage(until: Date): string {
  return `Too many wrong PINs. For safety, this link is locked until ${until.toISOString().slice(11, 16)} UTC. Ask the person who shared it with you for the right PIN.`;
}
