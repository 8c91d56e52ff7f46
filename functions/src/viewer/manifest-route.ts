import { DicomUID, StudyRecord } from "@pacs/shared";
import type { Bucket } from "@google-cloud/storage";
import type { Firestore } from "firebase-admin/firestore";
import { ApiError, NO_STORE, requireVerifiedCaller, type ApiRequest, type RouteResult, type VerifyIdToken } from "../http/api-request";
import { recordAudit } from "../audit/audit-log";
import { parseSnapshot } from "../ingest/firestore-data";
import { userRefs } from "../ingest/refs";
import { readStudyInstances } from "../studies/read-study-instances";
import { buildDicomJsonManifest, findViewableInstances, findViewerObjectPath, type DicomJsonManifest } from "./manifest";
import { readViewerExtras } from "./viewer-extras";
import { ManifestCache } from "./manifest-cache";
import type { UrlSigner } from "./sign-urls";
import { issueViewerTicket, verifySessionTicket, type TicketKeys } from "./viewer-ticket";
import { buildSessionCookie, newViewerSessionId, readSessionCookies } from "./session-cookie";
import { buildStoreCookie } from "./store-ticket";
import { secureCookies } from "../config";

export interface ManifestDeps {
  db: Firestore;
  verifyIdToken: VerifyIdToken;
  /** Made on first use, so that routes without images work even where no key is configured. */
  urlSigner: () => UrlSigner;
  ticketKeys: () => TicketKeys;
  /** Where the renditions of PDFs and SRs are read from (viewer-extras.ts). */
  instancesBucket: () => Bucket;
}

const NOT_FOUND = "There is no such study in your archive.";

const manifests = new ManifestCache();

/**
 * The manifest of one study of one owner. Studies are looked up under the
 * owner's own uid, so another user's study is "not found": its existence is
 * not revealed either. The study is looked up on every request, so a
 * deleted study is "not found" at once; the signing behind it is shared for
 * a minute (manifest-cache.ts).
 */
export async function buildManifestFor(
  deps: Pick<ManifestDeps, "db" | "urlSigner" | "instancesBucket">,
  uid: string,
  studyUID: string,
  signOptions: { notAfter?: Date } = {},
): Promise<DicomJsonManifest> {
  if (!DicomUID.safeParse(studyUID).success) throw new ApiError(404, NOT_FOUND);
  const study = await userRefs(deps.db, uid).study(studyUID).get();
  if (!study.exists) throw new ApiError(404, NOT_FOUND);
  const record = parseSnapshot(StudyRecord, study);
  // The record's update time is in the key: a study that gained an instance (a measurement report saved
  // from the viewer a moment ago) is not served from the cache without it.
  const key = `${uid}|${studyUID}|${record.updatedAt.getTime()}|${signOptions.notAfter?.getTime() ?? ""}`;
  return manifests.get(key, () => signManifest(deps, uid, record, signOptions));
}

async function signManifest(deps: Pick<ManifestDeps, "db" | "urlSigner" | "instancesBucket">, uid: string, record: StudyRecord, signOptions: { notAfter?: Date }): Promise<DicomJsonManifest> {
  const instances = findViewableInstances(await readStudyInstances(deps.db, uid, record.StudyInstanceUID));
  const sign = deps.urlSigner();
  const urls = new Map(
    await Promise.all(
      instances.map(async (instance) => [instance.metadata.SOPInstanceUID, await sign(findViewerObjectPath(uid, instance), signOptions)] as const),
    ),
  );
  const extras = await readViewerExtras({ bucket: deps.instancesBucket(), sign, signOptions }, uid, instances);
  return buildDicomJsonManifest(record, instances, urls, extras);
}

/** `GET /api/studies/{StudyInstanceUID}/manifest`: the caller's own study, with an ID token. */
export async function readStudyManifest(deps: ManifestDeps, request: ApiRequest, studyUID: string): Promise<RouteResult> {
  const caller = await requireVerifiedCaller(request, deps.verifyIdToken);
  const manifest = await buildManifestFor(deps, caller.uid, studyUID);
  await recordAudit(deps.db, caller.uid, { action: "manifest-issued", actor: "owner", StudyInstanceUID: studyUID });
  return { status: 200, body: manifest, headers: NO_STORE };
}

/**
 * `POST /api/studies/{StudyInstanceUID}/viewer-session`: a manifest URL the
 * viewer can fetch without a sign-in header, valid for a few minutes. The
 * URL holds only a random session id; the ticket goes into a `__session`
 * cookie scoped to that URL (session-cookie.ts), so it reaches no log.
 */
export async function openViewerSession(deps: ManifestDeps, request: ApiRequest, studyUID: string): Promise<RouteResult> {
  const caller = await requireVerifiedCaller(request, deps.verifyIdToken);
  if (!DicomUID.safeParse(studyUID).success || !(await userRefs(deps.db, caller.uid).study(studyUID).get()).exists) {
    throw new ApiError(404, NOT_FOUND);
  }
  const sid = newViewerSessionId();
  const { ticket, expiresAt } = issueViewerTicket(deps.ticketKeys(), caller.uid, studyUID, Date.now(), { sid });
  const manifestPath = `/api/viewer-manifests/${sid}`;
  const cookie = buildSessionCookie(ticket, manifestPath, expiresAt, { secure: secureCookies });
  const store = buildStoreCookie(deps.ticketKeys(), caller.uid, studyUID, sid);
  return { status: 201, body: { manifestPath, expiresAt: expiresAt.toISOString() }, headers: { ...NO_STORE, "Set-Cookie": [cookie, store] } };
}

/** `GET /api/viewer-manifests/{session id}`: what OHIF loads; the ticket in the session's cookie is the credential. */
export async function readTicketManifest(deps: ManifestDeps, request: ApiRequest, sid: string): Promise<RouteResult> {
  const claims = verifySessionTicket(deps.ticketKeys(), readSessionCookies(request.cookie), sid);
  // A share link's ticket is served only by /api/share-manifests, which checks the link; here it would skip that check.
  if (!claims || claims.link !== undefined) throw new ApiError(403, "This viewer link has expired or is not valid. Open the study again from your study list.");
  const manifest = await buildManifestFor(deps, claims.uid, claims.study);
  await recordAudit(deps.db, claims.uid, { action: "manifest-issued", actor: "owner", StudyInstanceUID: claims.study });
  return { status: 200, body: manifest, headers: NO_STORE };
}
