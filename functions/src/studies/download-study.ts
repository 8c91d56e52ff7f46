import { DicomUID, isOriginalInstancePath, StudyRecord } from "@pacs/shared";
import type { Bucket, File } from "@google-cloud/storage";
import type { Firestore } from "firebase-admin/firestore";
import { pipeline } from "node:stream/promises";
import { ZipFile } from "yazl";
import { ApiError, NO_STORE, requireVerifiedCaller, type ApiRequest, type RouteResult, type VerifyIdToken } from "../http/api-request";
import { recordAudit } from "../audit/audit-log";
import { parseSnapshot } from "../ingest/firestore-data";
import { userRefs } from "../ingest/refs";
import type { UrlSigner } from "../viewer/sign-urls";

export interface DownloadStudyDeps {
  db: Firestore;
  verifyIdToken: VerifyIdToken;
  instancesBucket: () => Bucket;
  /** Signs for the downloads prefix; its lifetime is the link's. */
  downloadSigner: () => UrlSigner;
}

/** A file name that says what is inside and is safe on every operating system. */
export function downloadFileName(study: Pick<StudyRecord, "PatientID" | "StudyDate" | "StudyInstanceUID">): string {
  const parts = [study.PatientID, study.StudyDate, study.StudyInstanceUID.split(".").slice(-2).join(".")]
    .filter((part): part is string => Boolean(part))
    .map((part) => part.replace(/[^A-Za-z0-9._-]+/g, "_"));
  return `${parts.join("_") || "study"}.zip`;
}

/** A series' folder in a ZIP: `<series number>_<modality>`, safe on every operating system. */
export function seriesFolderName(series: { SeriesNumber?: number | undefined; Modality: string }): string {
  return `${series.SeriesNumber ?? "x"}_${series.Modality}`.replace(/[^A-Za-z0-9._-]+/g, "_");
}

/**
 * `POST /api/studies/{StudyInstanceUID}/download`: packs the study's DICOM
 * files into one ZIP (stored, not compressed: pixel data barely shrinks and
 * this keeps it fast), writes it next to the instances, and answers with a
 * short-lived signed link to it. The ZIP is built as a stream from object to
 * object, so memory does not grow with the study. Files are laid out as
 * `<series number>_<modality>/<SOP Instance UID>.dcm`.
 */
export async function downloadStudy(deps: DownloadStudyDeps, request: ApiRequest, studyUID: string): Promise<RouteResult> {
  const caller = await requireVerifiedCaller(request, deps.verifyIdToken);
  const packed = await packStudyDownload(deps, caller.uid, studyUID);
  await recordAudit(deps.db, caller.uid, { action: "study-downloaded", actor: "owner", StudyInstanceUID: studyUID });
  return { status: 201, body: packed, headers: NO_STORE };
}

/**
 * Builds the ZIP of one owner's study and signs a link to it: the owner's
 * Download button and a share link that allows downloading both use it.
 * `notAfter` cuts the link's lifetime (a share link's expiry).
 */
export async function packStudyDownload(
  deps: Pick<DownloadStudyDeps, "db" | "instancesBucket" | "downloadSigner">,
  uid: string,
  studyUID: string,
  signOptions: { notAfter?: Date } = {},
  /** Only this series (a non-image series on the study page). */
  seriesUID?: string,
): Promise<{ url: string; fileName: string; files: number }> {
  if (!DicomUID.safeParse(studyUID).success) throw new ApiError(404, "There is no such study in your archive.");
  const snapshot = await userRefs(deps.db, uid).study(studyUID).get();
  if (!snapshot.exists) throw new ApiError(404, "There is no such study in your archive.");
  const study = parseSnapshot(StudyRecord, snapshot);
  const bucket = deps.instancesBucket();
  // The viewer's renditions (PDF, SR content) live beside the originals; the user gets what they uploaded.
  const prefix = `instances/${uid}/${studyUID}/${seriesUID ? `${seriesUID}/` : ""}`;
  const files = (await bucket.getFiles({ prefix }))[0].filter((file) => isOriginalInstancePath(file.name));
  const folders = new Map(study.series.map((s) => [s.SeriesInstanceUID, seriesFolderName(s)]));

  const entries = files.map((file) => {
    const [, , , series, name] = file.name.split("/");
    return { name: `${folders.get(series!) ?? series}/${name}`, file };
  });
  const fileName = seriesUID ? downloadFileName(study).replace(/\.zip$/, `_${folders.get(seriesUID) ?? "series"}.zip`) : downloadFileName(study);
  // The object is named like the file, so that a browser saving it without the disposition header still names it well.
  const target = bucket.file(`downloads/${uid}/${studyUID}/${Date.now()}/${fileName}`);
  await writeObjectsZip(entries, target);
  const url = await deps.downloadSigner()(target.name, { ...signOptions, responseDisposition: `attachment; filename="${fileName}"` });
  return { url, fileName, files: files.length };
}

/**
 * Writes a ZIP of stored objects to `target` as a stream from object to
 * object, so that memory does not grow with the study: each object is
 * requested only when the ZIP reaches it, not all at once.
 */
export async function writeObjectsZip(entries: Array<{ name: string; file: File }>, target: File): Promise<void> {
  const zip = new ZipFile();
  for (const { name, file } of entries) {
    zip.addReadStreamLazy(name, { compress: false }, (done) => done(null, file.createReadStream({ validation: false })));
  }
  zip.end();
  await pipeline(zip.outputStream, target.createWriteStream({ resumable: false, validation: false, contentType: "application/zip" }));
}
