/** `/api/studies/...` from the browser: actions on one of the user's studies. */
import { z } from "zod";
import { callApi, callApiFor } from "./api-call";
import type { TokenSource } from "./uploads-api";

/**
 * `DELETE /api/studies/{uid}`: removes the study and its images for good.
 * Not retried on its own: the user sees the message and may try again, and
 * a second delete of a finished one says the study is gone.
 */
export async function deleteStudy(user: TokenSource, studyInstanceUID: string, fetchFn?: typeof fetch): Promise<void> {
  await callApi({ method: "DELETE", path: `/api/studies/${encodeURIComponent(studyInstanceUID)}`, user, doing: "delete the study", fetchFn });
}

const PreparedDownload = z.object({ url: z.string().regex(/^https?:\/\//) });

/**
 * `POST /api/studies/{uid}/download`: the server packs the study into one ZIP
 * and answers with a link that works for a quarter of an hour.
 */
export async function requestStudyDownload(user: TokenSource, studyInstanceUID: string, fetchFn?: typeof fetch): Promise<string> {
  const call = { method: "POST", path: `/api/studies/${encodeURIComponent(studyInstanceUID)}/download`, user, doing: "prepare the download", fetchFn } as const;
  return (await callApiFor(call, PreparedDownload, "The server answered without a download link.")).url;
}

/**
 * `POST /api/studies/{uid}/series/{series}/download`: a link to the series'
 * one object as a `.dcm` file, or to a ZIP of its objects.
 */
export async function requestSeriesDownload(user: TokenSource, studyInstanceUID: string, seriesInstanceUID: string, fetchFn?: typeof fetch): Promise<string> {
  const path = `/api/studies/${encodeURIComponent(studyInstanceUID)}/series/${encodeURIComponent(seriesInstanceUID)}/download`;
  return (await callApiFor({ method: "POST", path, user, doing: "prepare the download", fetchFn }, PreparedDownload, "The server answered without a download link.")).url;
}
