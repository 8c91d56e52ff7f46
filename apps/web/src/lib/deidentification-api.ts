/** De-identification from the browser: the burned-in text check and the de-identified ZIP of one study. */
import { DeidentificationCheck, DeidentifiedDownload, type DeidentificationRequest } from "@pacs/shared";
import { ApiCallError, callApiFor } from "./api-call";
import type { TokenSource } from "./uploads-api";

function studyPath(studyInstanceUID: string, action: string): string {
  return `/api/studies/${encodeURIComponent(studyInstanceUID)}/${action}`;
}

/**
 * `POST /api/studies/{uid}/deidentification-check`: the series whose images
 * may carry burned-in text, with why, before the owner decides.
 */
export function checkDeidentification(user: TokenSource, studyInstanceUID: string, fetchFn?: typeof fetch): Promise<DeidentificationCheck> {
  const call = { method: "POST", path: studyPath(studyInstanceUID, "deidentification-check"), user, doing: "check the images for burned-in text", fetchFn } as const;
  return callApiFor(call, DeidentificationCheck, "The server's answer to the burned-in text check could not be read.");
}

/**
 * `POST /api/studies/{uid}/deidentified-download`: the server de-identifies
 * the study with a fresh key and answers with a signed link to the ZIP.
 */
export async function requestDeidentifiedDownload(
  user: TokenSource,
  studyInstanceUID: string,
  request: DeidentificationRequest,
  fetchFn?: typeof fetch,
): Promise<DeidentifiedDownload> {
  const call = { method: "POST", path: studyPath(studyInstanceUID, "deidentified-download"), user, body: request, doing: "prepare the de-identified ZIP", fetchFn } as const;
  const answer = await callApiFor(call, DeidentifiedDownload, "The server answered without a download link.");
  // The browser is sent to this address: only a web address, never javascript: or data:.
  if (!/^https?:\/\//.test(answer.url)) throw new ApiCallError("The server answered without a download link.", 200);
  return answer;
}
