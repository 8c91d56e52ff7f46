import type { z } from "zod";

/** A request and answer of `/api/**`, kept free of Express so that routes are plain, tested functions. */
export interface ApiRequest {
  method: string;
  path: string;
  /** The `Authorization` header, if any. */
  authorization?: string | undefined;
  body?: unknown;
  /** Who is on the other end, for share-link lockouts and access logs. */
  client?: { address: string; userAgent?: string | undefined };
}

export interface RouteResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** An answer with a message a person can act on. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Who is calling: verified by the Admin SDK from a Firebase ID token. */
export interface Caller {
  uid: string;
  emailVerified: boolean;
}

export type VerifyIdToken = (token: string) => Promise<{ uid: string; email_verified?: boolean }>;

/**
 * The caller behind a `Bearer` ID token. Uploads and everything after them
 * need a verified email, as the Storage rules do.
 */
export async function requireVerifiedCaller(request: ApiRequest, verifyIdToken: VerifyIdToken): Promise<Caller> {
  const match = /^Bearer (.+)$/.exec(request.authorization ?? "");
  if (!match) throw new ApiError(401, "Sign in first: this request carries no ID token.");
  let decoded;
  try {
    decoded = await verifyIdToken(match[1]!);
  } catch {
    throw new ApiError(401, "Your session has expired or is not valid. Sign in again.");
  }
  if (decoded.email_verified !== true) throw new ApiError(403, "Verify your email address before uploading.");
  return { uid: decoded.uid, emailVerified: true };
}

/** The request body through its schema; what is wrong is said in the schema's own words. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new ApiError(400, result.error.issues.map((issue) => issue.message).join(" "));
}
