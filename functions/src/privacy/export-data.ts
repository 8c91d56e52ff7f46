import { AccessTokenRecord, EXPORT_LINK_DAYS, isOriginalInstancePath, type PrivacyRequest } from "@pacs/shared";
import { Timestamp, type CollectionReference, type DocumentReference } from "firebase-admin/firestore";
import { randomBytes } from "node:crypto";
import { pipeline } from "node:stream/promises";
import { ZipFile } from "yazl";
import { accessTokensOf } from "../access-tokens/access-token-refs";
import { listItemOf } from "../access-tokens/access-token-routes";
import { recordAudit } from "../audit/audit-log";
import { parseSnapshot } from "../ingest/firestore-data";
import { userRefs } from "../ingest/refs";
import { renderExportReadyEmail } from "./privacy-emails";
import { exportObjectPath, privacyClock, privacyRequestsRef, type PrivacyDeps } from "./privacy-deps";
import { sha256Hex } from "../sha256";

/** Firestore values as plain JSON: Timestamps become ISO strings. */
function plain(value: unknown): unknown {
  if (value instanceof Timestamp) return value.toDate().toISOString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plain(inner)]));
  return value;
}

/** Every document of a collection with its subcollections, nested, as JSON. */
async function collectionJson(collection: CollectionReference): Promise<unknown[]> {
  const snapshot = await collection.get();
  return Promise.all(snapshot.docs.map((doc) => documentJson(doc.ref, doc.data())));
}

async function documentJson(ref: DocumentReference, data: unknown): Promise<unknown> {
  const children: Record<string, unknown> = {};
  for (const child of await ref.listCollections()) children[child.id] = await collectionJson(child);
  return { id: ref.id, ...(plain(data) as object), ...(Object.keys(children).length ? { _collections: children } : {}) };
}

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);

/**
 * Builds the export ZIP of one user (right of access and portability):
 * their original DICOM files as stored, and JSON of their account, consents,
 * uploads, study metadata, share links with access logs, activity log,
 * DICOMweb access tokens (names, scopes, dates) and privacy requests. Streamed object by object, so memory stays flat.
 */
export async function buildExport(deps: PrivacyDeps, record: PrivacyRequest): Promise<{ files: number }> {
  const { uid } = record;
  const refs = userRefs(deps.db, uid);
  const [authUser, profile] = await Promise.all([deps.auth.getUser(uid), refs.user.get()]);
  const profileData = (profile.data() ?? {}) as Record<string, unknown>;
  const zip = new ZipFile();
  zip.addBuffer(
    json({
      uid,
      email: authUser.email ?? null,
      emailVerified: authUser.emailVerified,
      displayName: authUser.displayName ?? null,
      signInProviders: authUser.providerData.map((p) => p.providerId),
      createdAt: authUser.metadata.creationTime,
      lastSignInAt: authUser.metadata.lastSignInTime,
      profile: plain(profileData),
    }),
    "account.json",
  );
  zip.addBuffer(
    json({
      privacyPolicy: { version: profileData.policyVersion ?? null, acceptedAt: plain(profileData.policyAcceptedAt) ?? null, ageConfirmed: profileData.ageConfirmed ?? null },
      cookies: "Your cookie choice (tracking-consent) is kept only in your browser's localStorage; we do not store it.",
    }),
    "consents.json",
  );
  const sections = ["uploads", "studies", "shareLinks", "auditLog"] as const;
  const names = { uploads: "uploads.json", studies: "studies.json", shareLinks: "share-links.json", auditLog: "audit-log.json" };
  for (const section of sections) zip.addBuffer(json(await collectionJson(refs.user.collection(section))), names[section]);
  // Names, scopes and dates of DICOMweb access tokens: never a hash, which is ours and useless to the user.
  const accessTokens = await accessTokensOf(deps.db, uid).get();
  zip.addBuffer(json(accessTokens.docs.map((doc) => listItemOf(doc.id, parseSnapshot(AccessTokenRecord, doc)))), "access-tokens.json");
  const requests = await privacyRequestsRef(deps.db).where("uid", "==", uid).get();
  // The hashes of emailed tokens are ours, not the user's data, and useless to them.
  zip.addBuffer(json(requests.docs.map((doc) => plain({ ...doc.data(), confirmTokenHash: undefined, downloadTokenHash: undefined }))), "privacy-requests.json");

  const bucket = deps.instancesBucket();
  // Only the originals: the viewer's renditions beside them (PDF, SR content) are copies of what they hold.
  const objects = (await bucket.getFiles({ prefix: `instances/${uid}/` }))[0].filter((object) => isOriginalInstancePath(object.name));
  for (const object of objects) {
    const [, , study, series, name] = object.name.split("/");
    zip.addReadStreamLazy(`dicom/${study}/${series}/${name}`, { compress: false }, (done) => done(null, object.createReadStream({ validation: false })));
  }
  zip.end();
  const target = bucket.file(exportObjectPath(uid, record.requestId));
  await pipeline(zip.outputStream, target.createWriteStream({ resumable: false, validation: false, contentType: "application/zip" }));
  return { files: objects.length };
}

/** Runs a confirmed export: the ZIP, then the email with its 7-day link. */
export async function runExport(deps: PrivacyDeps, record: PrivacyRequest): Promise<void> {
  const { files } = await buildExport(deps, record);
  const now = privacyClock(deps);
  const token = randomBytes(32).toString("base64url");
  const exportExpiresAt = new Date(now.getTime() + EXPORT_LINK_DAYS * 86_400_000);
  await privacyRequestsRef(deps.db).doc(record.requestId).update({ status: "completed", completedAt: now, exportExpiresAt, downloadTokenHash: sha256Hex(token) });
  await recordAudit(deps.db, record.uid, { action: "data-exported", actor: record.verifiedBy === "admin" ? "admin" : "owner" }, now);
  const url = `${deps.appOrigin()}/download-export/?request=${record.requestId}&token=${token}`;
  await deps.sendEmail({ to: record.email, ...renderExportReadyEmail(url, exportExpiresAt, files) });
}
