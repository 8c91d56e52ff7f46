import type { z } from "zod";

/** A request and answer of `/api/**`, kept free of Express so that routes are plain, tested functions. */
export interface ApiRequest {
  method: string;
  path: string;
  /** The `Authorization` header, if any. */
  authorization?: string | undefined;
  body?: unknown;
  /** The `Cookie` header: viewer tickets travel in `__session` (viewer/session-cookie.ts). */
  cookie?: string | undefined;
  /** Who is on the other end, for share-link lockouts and access logs. */
  /** `addressTrusted`: false when only the caller's own headers named an address (shares/client-info.ts). */
  client?: { address: string; addressTrusted?: boolean; userAgent?: string | undefined };
}

export interface RouteResult {
  status: number;
  body: unknown;
  /** An array sends the header once per value (`Set-Cookie`). */
  headers?: Record<string, string | string[]>;
}

/** For answers that carry credentials (signed URLs, tickets, link paths): never kept by a cache on the way. */
export const NO_STORE = { "Cache-Control": "private, no-store" };

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
  /** When the user last entered their credentials (seconds since the epoch): recent sign-in checks and sign-in records. */
  authTime: number;
  email: string | null;
  /** The `admin` custom claim, set only with the Admin SDK (scripts/grant-admin.mjs). */
  admin: boolean;
}

export type VerifyIdToken = (token: string) => Promise<{ uid: string; email_verified?: boolean; auth_time?: number; email?: string; admin?: unknown }>;

/** The caller behind a `Bearer` ID token, verified or not. */
export async function requireCaller(request: ApiRequest, verifyIdToken: VerifyIdToken): Promise<Caller> {
  const match = /^Bearer (.+)$/.exec(request.authorization ?? "");
  if (!match) throw new ApiError(401, "Sign in first: this request carries no ID token.");
  let decoded;
  try {
    decoded = await verifyIdToken(match[1]!);
  } catch {
    throw new ApiError(401, "Your session has expired or is not valid. Sign in again.");
  }
  return { uid: decoded.uid, emailVerified: decoded.email_verified === true, authTime: decoded.auth_time ?? 0, email: decoded.email ?? null, admin: decoded.admin === true };
}

/**
 * The caller behind a `Bearer` ID token. Uploads and everything after them
 * need a verified email, as the Storage rules do.
 */
export async function requireVerifiedCaller(request: ApiRequest, verifyIdToken: VerifyIdToken): Promise<Caller> {
  const caller = await requireCaller(request, verifyIdToken);
  if (!caller.emailVerified) throw new ApiError(403, "Verify your email address before uploading.");
  return caller;
}

/** The request body through its schema; what is wrong is said in the schema's own words. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new ApiError(400, result.error.issues.map((issue) => issue.message).join(" "));
}
