/** `/api/studies/...` from the browser: actions on one of the user's studies. */
import type { TokenSource } from "./uploads-api";

export class StudyActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StudyActionError";
  }
}

/**
 * `DELETE /api/studies/{uid}`: removes the study and its images for good.
 * Not retried on its own: the user sees the message and may try again, and
 * a second delete of a finished one says the study is gone.
 */
export async function deleteStudy(user: TokenSource, studyInstanceUID: string, fetchFn: typeof fetch = fetch): Promise<void> {
  const token = await user.getIdToken();
  let response: Response;
  try {
    response = await fetchFn(`/api/studies/${encodeURIComponent(studyInstanceUID)}`, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${token}` },
    });
  } catch {
    throw new StudyActionError("Cannot reach the server to delete the study. Check your connection and try again.");
  }
  if (response.ok) return;
  let message = `Deleting the study failed (HTTP ${response.status}). Please try again.`;
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === "string" && body.error) message = body.error;
  } catch {
    // Not JSON: the status sentence stands.
  }
  throw new StudyActionError(message);
}

/**
 * `POST /api/studies/{uid}/download`: the server packs the study into one ZIP
 * and answers with a link that works for a quarter of an hour.
 */
export async function requestStudyDownload(user: TokenSource, studyInstanceUID: string, fetchFn: typeof fetch = fetch): Promise<string> {
  const token = await user.getIdToken();
  let response: Response;
  try {
    response = await fetchFn(`/api/studies/${encodeURIComponent(studyInstanceUID)}/download`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}` },
    });
  } catch {
    throw new StudyActionError("Cannot reach the server to prepare the download. Check your connection and try again.");
  }
  const body = (await response.json().catch(() => ({}))) as { url?: unknown; error?: unknown };
  if (!response.ok) throw new StudyActionError(typeof body.error === "string" ? body.error : `Preparing the download failed (HTTP ${response.status}).`);
  if (typeof body.url !== "string" || !/^https?:\/\//.test(body.url)) throw new StudyActionError("The server answered without a download link.");
  return body.url;
}
