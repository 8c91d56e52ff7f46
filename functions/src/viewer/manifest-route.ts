import { buildInstancePath, DicomUID, InstanceChunk, StudyRecord } from "@pacs/shared";
import type { Firestore } from "firebase-admin/firestore";
import { ApiError, requireVerifiedCaller, type ApiRequest, type RouteResult, type VerifyIdToken } from "../http/api-request";
import { parseSnapshot } from "../ingest/firestore-data";
import { userRefs } from "../ingest/refs";
import { buildDicomJsonManifest } from "./manifest";
import type { UrlSigner } from "./sign-urls";

export interface ManifestDeps {
  db: Firestore;
  verifyIdToken: VerifyIdToken;
  /** Made on first use, so that routes without images work even where no key is configured. */
  urlSigner: () => UrlSigner;
}

/**
 * `GET /api/studies/{StudyInstanceUID}/manifest`: OHIF's dicomjson for one of
 * the caller's studies, each image behind a short-lived signed URL. Studies
 * are looked up under the caller's own uid, so another user's study is "not
 * found" — its existence is not revealed either.
 */
export async function readStudyManifest(deps: ManifestDeps, request: ApiRequest, studyUID: string): Promise<RouteResult> {
  const caller = await requireVerifiedCaller(request, deps.verifyIdToken);
  if (!DicomUID.safeParse(studyUID).success) throw new ApiError(404, "There is no such study in your archive.");
  const refs = userRefs(deps.db, caller.uid);
  const [study, chunks] = await Promise.all([refs.study(studyUID).get(), refs.study(studyUID).collection("instanceChunks").get()]);
  if (!study.exists) throw new ApiError(404, "There is no such study in your archive.");
  const record = parseSnapshot(StudyRecord, study);
  const instances = chunks.docs.flatMap((doc) => InstanceChunk.parse(doc.data()).instances);
  const sign = deps.urlSigner();
  const urls = new Map(
    await Promise.all(
      instances.map(async ({ metadata: m }) => [m.SOPInstanceUID, await sign(buildInstancePath(caller.uid, m.StudyInstanceUID, m.SeriesInstanceUID, m.SOPInstanceUID))] as const),
    ),
  );
  return {
    status: 200,
    body: buildDicomJsonManifest(record, instances, urls),
    // Signed URLs must not outlive their purpose in a shared cache.
    headers: { "Cache-Control": "private, no-store" },
  };
}
