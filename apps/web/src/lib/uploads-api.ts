/**
 * `/api/uploads` from the browser: announce a batch (the server checks the
 * quota before any byte is sent), then seal it when the files are up.
 * Network failures and server hiccups are retried; refusals are not.
 */
import {
  CreateUploadBatchResponse,
  type CreateUploadBatchRequest,
  type SealUploadBatchRequest,
} from "@pacs/shared";
import { isRetryableUploadError, UploadApiError } from "./upload-errors";
import { sleep, withRetry } from "./upload-retry";

/** What the API needs of the signed-in user (a firebase/auth User). */
export interface TokenSource {
  getIdToken(): Promise<string>;
}

export interface ApiDeps {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

/** The server's `{error}` message, or a sentence naming the status when it sent none. */
async function readApiError(response: Response): Promise<UploadApiError> {
  let message = `The upload service answered HTTP ${response.status}.`;
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === "string" && body.error) message = body.error;
  } catch {
    // Not JSON (a proxy's error page): the status sentence stands.
  }
  return new UploadApiError(message, response.status);
}

async function postJson(path: string, user: TokenSource, body: unknown, deps: ApiDeps): Promise<unknown> {
  const fetchFn = deps.fetch ?? fetch;
  return withRetry(
    async () => {
      const token = await user.getIdToken();
      let response: Response;
      try {
        response = await fetchFn(path, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify(body),
        });
      } catch {
        throw new UploadApiError("Cannot reach the upload service. Check your connection and try again.", 0);
      }
      if (!response.ok) throw await readApiError(response);
      return response.status === 204 ? null : response.json();
    },
    { isRetryable: isRetryableUploadError, sleep: deps.sleep ?? sleep },
  );
}

/** `POST /api/uploads`: returns the new batch's id. A 413 carries the quota message for the user. */
export async function createUploadBatch(user: TokenSource, request: CreateUploadBatchRequest, deps: ApiDeps = {}): Promise<string> {
  const body = await postJson("/api/uploads", user, request, deps);
  const parsed = CreateUploadBatchResponse.safeParse(body);
  if (!parsed.success) throw new UploadApiError("The upload service answered without a batch id.", 502);
  return parsed.data.batchId;
}

/** `POST /api/uploads/{batchId}/seal`: the browser is done; the server finishes with what arrived. */
export async function sealUploadBatch(user: TokenSource, batchId: string, request: SealUploadBatchRequest, deps: ApiDeps = {}): Promise<void> {
  await postJson(`/api/uploads/${encodeURIComponent(batchId)}/seal`, user, request, deps);
}
