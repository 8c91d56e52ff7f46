/**
 * One call to our `/api`, with or without a signed-in user: the server's
 * `{error}` sentence on failure, a sentence about the connection when the
 * request never arrived. Refusals are not retried: the user reads why.
 */
import type { z } from "zod";
import type { TokenSource } from "./uploads-api";

export class ApiCallError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = "ApiCallError";
  }
}

export interface ApiCall {
  method: "GET" | "POST" | "DELETE";
  path: string;
  user?: TokenSource;
  body?: unknown;
  /** What the user was doing, for the messages: "create the link". */
  doing: string;
  fetchFn?: typeof fetch;
}

export async function callApi(call: ApiCall): Promise<unknown> {
  const headers: Record<string, string> = {};
  if (call.user) headers.Authorization = `Bearer ${await call.user.getIdToken()}`;
  if (call.body !== undefined) headers["Content-Type"] = "application/json";
  let response: Response;
  try {
    response = await (call.fetchFn ?? fetch)(call.path, {
      method: call.method,
      headers,
      ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
    });
  } catch {
    throw new ApiCallError(`Cannot reach the server to ${call.doing}. Check your connection and try again.`, 0);
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body;
  const error = body && typeof body === "object" && "error" in body && typeof body.error === "string" && body.error ? body.error : null;
  throw new ApiCallError(error ?? `Could not ${call.doing} (HTTP ${response.status}). Please try again.`, response.status, body);
}

/**
 * A call whose answer must match `schema`; an answer that does not is an
 * ApiCallError saying `malformed`, like every other failure of the call.
 */
export async function callApiFor<T>(call: ApiCall, schema: z.ZodType<T>, malformed: string): Promise<T> {
  const parsed = schema.safeParse(await callApi(call));
  // The server said yes (2xx) but not in a shape we can use.
  if (!parsed.success) throw new ApiCallError(malformed, 200);
  return parsed.data;
}
