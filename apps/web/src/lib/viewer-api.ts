/** Opening the viewer: the server issues a short-lived manifest link that OHIF can fetch on its own. */
import { z } from "zod";
import { callApiFor } from "./api-call";
import type { TokenSource } from "./uploads-api";

const ViewerSession = z.object({ manifestPath: z.string().startsWith("/api/viewer-manifests/"), expiresAt: z.string() });

/** OHIF's address for a manifest: the dicomjson route with the manifest's absolute URL. */
export function buildViewerUrl(origin: string, manifestPath: string): string {
  return `${origin}/ohif/viewer/dicomjson?url=${encodeURIComponent(`${origin}${manifestPath}`)}`;
}

export async function openViewerSession(user: TokenSource, studyInstanceUID: string, fetchFn?: typeof fetch): Promise<string> {
  const call = { method: "POST", path: `/api/studies/${encodeURIComponent(studyInstanceUID)}/viewer-session`, user, doing: "open the viewer", fetchFn } as const;
  return (await callApiFor(call, ViewerSession, "The server answered without a viewer link.")).manifestPath;
}
