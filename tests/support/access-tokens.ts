/**
 * Personal access tokens for tests, made the way Settings makes them: through
 * `POST /api/access-tokens` with the user's ID token.
 */
import type { AccessTokenScope } from "@pacs/shared";
import { webUrl } from "./emulators";
import { callApi, type Uploader } from "./ingest-client";

export interface AccessTokenOptions {
  name?: string;
  scope?: AccessTokenScope;
  expiresInDays?: number;
}

/** The whole token (`pacs_pat_…`), shown once by the API. */
export async function createAccessToken(user: Uploader, options: AccessTokenOptions = {}): Promise<string> {
  const { status, body } = await callApi(user, "/api/access-tokens", {
    name: options.name ?? "test tool",
    scope: options.scope ?? "read-write",
    expiresInDays: options.expiresInDays ?? 30,
  });
  if (status !== 201) throw new Error(`POST /api/access-tokens: ${status} ${JSON.stringify(body)}`);
  return (body as { token: string }).token;
}

/** The token's id, as the API names it: the part between the prefix and the secret. */
export function accessTokenId(token: string): string {
  const id = /^pacs_pat_([0-9a-f]{32})_/.exec(token)?.[1];
  if (!id) throw new Error(`not a personal access token: ${token.slice(0, 12)}…`);
  return id;
}

/** `Authorization` for a DICOMweb request: Bearer, or Basic with any user name (as Orthanc, Weasis and OHIF send it). */
export function dicomwebAuthorization(token: string, scheme: "Bearer" | "Basic" = "Bearer"): string {
  return scheme === "Bearer" ? `Bearer ${token}` : `Basic ${Buffer.from(`pacs:${token}`).toString("base64")}`;
}

/** A GET on the DICOMweb service with a token. */
export function fetchDicomweb(path: string, token: string, scheme: "Bearer" | "Basic" = "Bearer", headers: Record<string, string> = {}): Promise<Response> {
  return fetch(webUrl(`/dicomweb/${path.replace(/^\/+/, "")}`), { headers: { Authorization: dicomwebAuthorization(token, scheme), ...headers } });
}
