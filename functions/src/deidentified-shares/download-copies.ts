import { DeidentificationRequest, type BurnedInTextSeries, type StoredInstance, buildInstancePath } from "@pacs/shared";
import { randomBytes } from "node:crypto";
import { recordAudit } from "../audit/audit-log";
import { DeidentificationError, deidentifyInstance, remapUid, type DeidentificationPlan } from "../deidentification";
import { ApiError, NO_STORE, parseBody, requireVerifiedCaller, type ApiRequest, type RouteResult } from "../http/api-request";
import { downloadFileName, seriesFolderName, writeObjectsZip, type DownloadStudyDeps } from "../studies/download-study";
import { groupLeftOut, type LeftOutInstance } from "./burned-in-text";
import { checkStudy, refuseWhenNothingLeft } from "./check-study";
import { buildDeidentifiedPath, buildDeidentifiedZipPath } from "./deidentified-share-refs";
import { readDeidentifiedInstances, readReadyShare } from "./deidentified-manifest";
import { ZipWriter } from "./zip-writer";

/** A ZIP named by the pseudonym and the copy's own study UID: nothing of the original. */
function deidentifiedZipName(pseudonym: string, copyStudyUID: string): string {
  return downloadFileName({ PatientID: pseudonym, StudyDate: undefined, StudyInstanceUID: copyStudyUID }).replace(/\.zip$/, "_deidentified.zip");
}

/**
 * `POST /api/studies/{StudyInstanceUID}/deidentified-download` with a
 * DeidentificationRequest: the study de-identified into a ZIP, one instance
 * at a time (read, de-identified, handed to the ZIP, then the next), with a
 * fresh key, so that two downloads share no UIDs and none can be traced
 * back. Images that may carry burned-in text are left out unless
 * acknowledged, and originals the engine refuses are left out with the
 * reason; the answer lists both.
 */
export async function downloadDeidentifiedStudy(deps: DownloadStudyDeps, request: ApiRequest, studyUID: string): Promise<RouteResult> {
  const caller = await requireVerifiedCaller(request, deps.verifyIdToken);
  const input = parseBody(DeidentificationRequest, request.body);
  const { record, instances, check, burnedIn } = await checkStudy(deps, caller.uid, studyUID);
  refuseWhenNothingLeft(check, input.includeBurnedInText);
  const plan: DeidentificationPlan = { key: new Uint8Array(randomBytes(32)), pseudonym: input.pseudonym, options: input.options };
  const fileName = deidentifiedZipName(input.pseudonym, remapUid(plan.key, studyUID));
  const bucket = deps.instancesBucket();
  const target = bucket.file(`downloads/${caller.uid}/deidentified/${randomBytes(12).toString("base64url")}/${fileName}`);
  const zip = new ZipWriter(target);
  const refused: LeftOutInstance[] = [];
  const folders = new Map(record.series.map((s) => [s.SeriesInstanceUID, seriesFolderName(s)]));
  for (const instance of instances) {
    if (burnedIn.has(instance.metadata.SOPInstanceUID) && !input.includeBurnedInText) continue;
    const copy = await deidentifyStored(deps, caller.uid, instance, plan);
    if (typeof copy === "string") {
      refused.push({ SeriesInstanceUID: instance.metadata.SeriesInstanceUID, Modality: instance.metadata.Modality, reason: copy });
      continue;
    }
    await zip.add(`${folders.get(instance.metadata.SeriesInstanceUID) ?? "series"}/${copy.SOPInstanceUID}.dcm`, copy.bytes);
  }
  await zip.close();
  const leftOut = groupLeftOut(record.series, refused, input.includeBurnedInText ? [] : check.burnedInText);
  if (zip.files === 0) {
    await target.delete({ ignoreNotFound: true });
    throw new ApiError(422, `None of the study's instances could be de-identified: ${leftOut[0]?.reason ?? "no instance left"}.`);
  }
  const url = await deps.downloadSigner()(target.name, { responseDisposition: `attachment; filename="${fileName}"` });
  await recordAudit(deps.db, caller.uid, { action: "study-downloaded-deidentified", actor: "owner", StudyInstanceUID: studyUID });
  const body: { url: string; fileName: string; files: number; leftOut: BurnedInTextSeries[] } = { url, fileName, files: zip.files, leftOut };
  return { status: 201, body, headers: NO_STORE };
}

/** One original, de-identified; a refusal comes back as its reason in words. */
async function deidentifyStored(deps: Pick<DownloadStudyDeps, "instancesBucket">, uid: string, instance: StoredInstance, plan: DeidentificationPlan) {
  const { StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID } = instance.metadata;
  const [original] = await deps.instancesBucket().file(buildInstancePath(uid, StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID)).download();
  try {
    return deidentifyInstance(original, plan);
  } catch (error) {
    if (error instanceof DeidentificationError) return `could not be de-identified: ${error.message}`;
    throw error;
  }
}

/**
 * A de-identified link's ZIP for its recipient: the copies of the originals
 * only (no viewer-ready copy), streamed from object to object, written with
 * the copies so that it goes with them.
 */
export async function packDeidentifiedShareDownload(
  deps: Pick<DownloadStudyDeps, "db" | "instancesBucket" | "downloadSigner">,
  ownerUid: string,
  linkId: string,
  signOptions: { notAfter?: Date },
): Promise<{ url: string; fileName: string; files: number }> {
  const share = await readReadyShare(deps.db, linkId);
  const instances = await readDeidentifiedInstances(deps.db, linkId);
  const folders = new Map(share.study.series.map((s) => [s.SeriesInstanceUID, seriesFolderName(s)]));
  const bucket = deps.instancesBucket();
  const entries = instances.map(({ metadata }) => ({
    name: `${folders.get(metadata.SeriesInstanceUID) ?? "series"}/${metadata.SOPInstanceUID}.dcm`,
    file: bucket.file(buildDeidentifiedPath(ownerUid, linkId, metadata)),
  }));
  const fileName = deidentifiedZipName(share.study.PatientID || "deidentified", share.study.StudyInstanceUID);
  const target = bucket.file(buildDeidentifiedZipPath(ownerUid, linkId, fileName, new Date()));
  await writeObjectsZip(entries, target);
  const url = await deps.downloadSigner()(target.name, { ...signOptions, responseDisposition: `attachment; filename="${fileName}"` });
  return { url, fileName, files: entries.length };
}
