/** Personal access tokens from Settings → Connect a tool: create, list and revoke through `/api/access-tokens`. */
import { AccessTokenList, AccessTokenListItem, CreatedAccessToken, type CreateAccessTokenRequest } from "@pacs/shared";
import { callApiFor } from "./api-call";
import type { TokenSource } from "./uploads-api";

export async function createAccessToken(user: TokenSource, request: CreateAccessTokenRequest, fetchFn?: typeof fetch): Promise<CreatedAccessToken> {
  return callApiFor({ method: "POST", path: "/api/access-tokens", user, body: request, doing: "create the token", fetchFn }, CreatedAccessToken, "The server created a token but did not show it. Revoke it and try again.");
}

export async function listAccessTokens(user: TokenSource, fetchFn?: typeof fetch): Promise<AccessTokenListItem[]> {
  const list = await callApiFor({ method: "GET", path: "/api/access-tokens", user, doing: "list your tokens", fetchFn }, AccessTokenList, "The server's list of tokens could not be read. Reload the page.");
  return list.tokens;
}

export async function revokeAccessToken(user: TokenSource, tokenId: string, fetchFn?: typeof fetch): Promise<AccessTokenListItem> {
  return callApiFor(
    { method: "POST", path: `/api/access-tokens/${encodeURIComponent(tokenId)}/revoke`, user, doing: "revoke the token", fetchFn },
    AccessTokenListItem,
    "The token was revoked, but the answer could not be read. Reload the page.",
  );
}
