import { PRODUCT_NAME } from "@pacs/shared";
import { createUploadBatch, sealUploadBatch, type UploadRoutesDeps } from "../uploads/upload-routes";
import { deleteStudy, type DeleteStudyDeps } from "../studies/delete-study";
import { downloadStudy, type DownloadStudyDeps } from "../studies/download-study";
import { downloadSeries } from "../studies/download-series";
import { recordSignIn } from "../audit/sign-in-route";
import { checkDeidentification, downloadDeidentifiedStudy } from "../deidentified-shares";
import { createAccessToken, listAccessTokens, revokeAccessToken } from "../access-tokens/access-token-routes";
import { createShareLink } from "../shares/create-share-link";
import { openShare } from "../shares/open-share";
import { emailShareLink, readShareLinkPath, revokeShareLink } from "../shares/owner-routes";
import type { PrivacyDeps } from "../privacy/privacy-deps";
import { confirmPrivacyRequest, createPrivacyRequest, downloadExport, recordEmailedRequest, runVerifiedRequest } from "../privacy/request-routes";
import type { ShareDeps } from "../shares/share-deps";
import { downloadSharedStudy, readShareManifest } from "../shares/share-session";
import { openViewerSession, readStudyManifest, readTicketManifest, type ManifestDeps } from "../viewer/manifest-route";
import { ApiError, type ApiRequest, type RouteResult } from "./api-request";

export type { ApiRequest, RouteResult } from "./api-request";

export type ApiDeps = UploadRoutesDeps & ManifestDeps & DeleteStudyDeps & DownloadStudyDeps & ShareDeps & PrivacyDeps;

type Handler = (deps: ApiDeps, request: ApiRequest, ...params: string[]) => Promise<RouteResult> | RouteResult;

/** `GET /api/health`: lets monitors and tests see that functions answer on the app's origin. */
export const readHealth: Handler = () => ({ status: 200, body: { ok: true, service: PRODUCT_NAME } });

const routes: Array<{ method: string; pattern: RegExp; handler: Handler }> = [
  { method: "GET", pattern: /^\/api\/health$/, handler: readHealth },
  { method: "POST", pattern: /^\/api\/sessions$/, handler: recordSignIn },
  { method: "POST", pattern: /^\/api\/uploads$/, handler: createUploadBatch },
  { method: "POST", pattern: /^\/api\/uploads\/([^/]+)\/seal$/, handler: sealUploadBatch },
  { method: "GET", pattern: /^\/api\/studies\/([^/]+)\/manifest$/, handler: readStudyManifest },
  { method: "POST", pattern: /^\/api\/studies\/([^/]+)\/viewer-session$/, handler: openViewerSession },
  { method: "GET", pattern: /^\/api\/viewer-manifests\/([^/]+)$/, handler: readTicketManifest },
  { method: "POST", pattern: /^\/api\/studies\/([^/]+)\/download$/, handler: downloadStudy },
  { method: "POST", pattern: /^\/api\/studies\/([^/]+)\/series\/([^/]+)\/download$/, handler: downloadSeries },
  { method: "DELETE", pattern: /^\/api\/studies\/([^/]+)$/, handler: deleteStudy },
  { method: "POST", pattern: /^\/api\/studies\/([^/]+)\/deidentification-check$/, handler: checkDeidentification },
  { method: "POST", pattern: /^\/api\/studies\/([^/]+)\/deidentified-download$/, handler: downloadDeidentifiedStudy },
  { method: "POST", pattern: /^\/api\/share-links$/, handler: createShareLink },
  { method: "POST", pattern: /^\/api\/share-links\/([^/]+)\/revoke$/, handler: revokeShareLink },
  { method: "GET", pattern: /^\/api\/share-links\/([^/]+)\/link$/, handler: readShareLinkPath },
  { method: "POST", pattern: /^\/api\/share-links\/([^/]+)\/email$/, handler: emailShareLink },
  { method: "POST", pattern: /^\/api\/shares\/open$/, handler: openShare },
  { method: "GET", pattern: /^\/api\/share-manifests\/([^/]+)$/, handler: readShareManifest },
  { method: "POST", pattern: /^\/api\/share-downloads\/([^/]+)$/, handler: downloadSharedStudy },
  { method: "POST", pattern: /^\/api\/access-tokens$/, handler: createAccessToken },
  { method: "GET", pattern: /^\/api\/access-tokens$/, handler: listAccessTokens },
  { method: "POST", pattern: /^\/api\/access-tokens\/([^/]+)\/revoke$/, handler: revokeAccessToken },
  { method: "POST", pattern: /^\/api\/privacy-requests$/, handler: createPrivacyRequest },
  { method: "POST", pattern: /^\/api\/privacy-requests\/confirm$/, handler: confirmPrivacyRequest },
  { method: "POST", pattern: /^\/api\/privacy-exports\/download$/, handler: downloadExport },
  { method: "POST", pattern: /^\/api\/admin\/privacy-requests$/, handler: recordEmailedRequest },
  { method: "POST", pattern: /^\/api\/admin\/privacy-requests\/([^/]+)\/run$/, handler: runVerifiedRequest },
];

/**
 * Finds the route for a request. Unknown paths get a 404 that says which
 * path; an ApiError becomes its status and message; anything else is a 500
 * that tells the user to retry, without leaking internals.
 */
export async function dispatchApiRequest(deps: ApiDeps, request: ApiRequest): Promise<RouteResult> {
  const path = request.path.replace(/\/+$/, "");
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match || route.method !== request.method) continue;
    try {
      const params = match.slice(1).map((param) => {
        try {
          return decodeURIComponent(param);
        } catch {
          throw new ApiError(400, `The address ${request.path} is malformed.`);
        }
      });
      return await route.handler(deps, request, ...params);
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, body: { error: error.message } };
      console.error(`${request.method} ${path} failed`, error);
      return { status: 500, body: { error: "Something went wrong on our side. Please try again in a moment." } };
    }
  }
  return { status: 404, body: { error: `No API route for ${request.method} ${request.path}` } };
}
