/**
 * What an upload error means for the user: a sentence they can act on, and
 * whether trying again can help. Pure: errors are told apart by their `code`
 * (Firebase Storage) or `status` (our API), not by importing the SDK.
 */

/** A refusal or failure from `/api/uploads`, carrying the server's message and HTTP status. */
export class UploadApiError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when no answer came back. */
    readonly status: number,
  ) {
    super(message);
    this.name = "UploadApiError";
  }
}

/** Storage errors worth another attempt: the connection, not the request, was at fault. */
const RETRYABLE_STORAGE_CODES = new Set([
  "storage/retry-limit-exceeded",
  "storage/unknown",
  "storage/server-file-wrong-size",
  "storage/internal-error",
]);

const STORAGE_MESSAGES: Record<string, string> = {
  "storage/unauthorized":
    "Storage refused this file. Make sure you are signed in with a verified email; a file is never replaced once sent.",
  "storage/unauthenticated": "You are signed out. Sign in again and upload the remaining files.",
  "storage/quota-exceeded": "The storage service is full right now. Try again later.",
  "storage/retry-limit-exceeded": "The connection kept failing while sending this file.",
  "storage/canceled": "Cancelled.",
  "storage/server-file-wrong-size": "The file arrived incomplete.",
};

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** True for network failures and server hiccups; false for refusals (rules, quota, bad input, cancel). */
export function isRetryableUploadError(error: unknown): boolean {
  if (error instanceof UploadApiError) return error.status === 0 || error.status === 429 || error.status >= 500;
  // fetch rejects with a TypeError when the request never got an answer.
  if (error instanceof TypeError) return true;
  const code = codeOf(error);
  return code !== undefined && RETRYABLE_STORAGE_CODES.has(code);
}

/** A sentence for the per-file list and the summary. */
export function describeUploadError(error: unknown): string {
  const code = codeOf(error);
  if (code && STORAGE_MESSAGES[code]) return STORAGE_MESSAGES[code];
  if (error instanceof TypeError) return "Cannot reach the server. Check your connection.";
  if (error instanceof Error) return error.message;
  return "The upload failed for an unknown reason.";
}
