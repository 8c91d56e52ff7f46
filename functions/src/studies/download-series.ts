import { DicomUID, isOriginalInstancePath, StudyRecord } from "@pacs/shared";
import { ApiError, NO_STORE, requireVerifiedCaller, type ApiRequest, type RouteResult } from "../http/api-request";
import { recordAudit } from "../audit/audit-log";
import { parseSnapshot } from "../ingest/firestore-data";
import { userRefs } from "../ingest/refs";
import { packStudyDownload, type DownloadStudyDeps } from "./download-study";

const NOT_FOUND = "There is no such series in your archive.";

/**
 * `POST /api/studies/{StudyInstanceUID}/series/{SeriesInstanceUID}/download`:
 * the study page's Download button for a series the viewer cannot show (an
 * RT plan, an ECG...). One object is signed as it is stored, saved as a
 * `.dcm` file; several are packed into a ZIP like the whole study.
 */
export async function downloadSeries(deps: DownloadStudyDeps, request: ApiRequest, studyUID: string, seriesUID: string): Promise<RouteResult> {
  const caller = await requireVerifiedCaller(request, deps.verifyIdToken);
  if (!DicomUID.safeParse(studyUID).success || !DicomUID.safeParse(seriesUID).success) throw new ApiError(404, NOT_FOUND);
  const snapshot = await userRefs(deps.db, caller.uid).study(studyUID).get();
  if (!snapshot.exists) throw new ApiError(404, NOT_FOUND);
  const series = parseSnapshot(StudyRecord, snapshot).series.find((s) => s.SeriesInstanceUID === seriesUID);
  if (!series) throw new ApiError(404, NOT_FOUND);
  const [objects] = await deps.instancesBucket().getFiles({ prefix: `instances/${caller.uid}/${studyUID}/${seriesUID}/` });
  const originals = objects.filter((object) => isOriginalInstancePath(object.name));
  if (originals.length === 0) throw new ApiError(404, NOT_FOUND);
  let body: { url: string; fileName: string; files: number };
  if (originals.length === 1) {
    const fileName = `${series.Modality}_${originals[0]!.name.split("/").pop()}`.replace(/[^A-Za-z0-9._-]+/g, "_");
    const url = await deps.downloadSigner()(originals[0]!.name, { responseDisposition: `attachment; filename="${fileName}"` });
    body = { url, fileName, files: 1 };
  } else {
    body = await packStudyDownload(deps, caller.uid, studyUID, {}, seriesUID);
  }
  await recordAudit(deps.db, caller.uid, { action: "study-downloaded", actor: "owner", StudyInstanceUID: studyUID });
  return { status: 201, body, headers: NO_STORE };
}
