/** Opening the viewer: the server issues a short-lived manifest link that OHIF can fetch on its own. */
import { z } from "zod";
import { StudyActionError } from "./studies-api";
import type { TokenSource } from "./uploads-api";

const ViewerSession = z.object({ manifestPath: z.string().startsWith("/api/viewer-manifests/"), expiresAt: z.string() });

/** OHIF's address for a manifest: the dicomjson route with the manifest's absolute URL. */
export function buildViewerUrl(origin: string, manifestPath: string): string {
  return `${origin}/ohif/viewer/dicomjson?url=${encodeURIComponent(`${origin}${manifestPath}`)}`;
}

export async function openViewerSession(user: TokenSource, studyInstanceUID: string, fetchFn: typeof fetch = fetch): Promise<string> {
  const token = await user.getIdToken();
  let response: Response;
  try {
    response = await fetchFn(`/api/studies/${encodeURIComponent(studyInstanceUID)}/viewer-session`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}` },
    });
  } catch {
    throw new StudyActionError("Cannot reach the server to open the viewer. Check your connection and try again.");
  }
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  if (!response.ok) throw new StudyActionError(body.error ?? `Opening the viewer failed (HTTP ${response.status}).`);
  const parsed = ViewerSession.safeParse(body);
  if (!parsed.success) throw new StudyActionError("The server answered without a viewer link.");
  return parsed.data.manifestPath;
}
