/**
 * Personal access tokens and the user's privacy rights: the data export
 * lists them (names, scopes, dates; never a hash), and account erasure
 * deletes them, so that a tool still configured with one is refused at once.
 * Export and erasure run in-process against the emulators, as in
 * account-deletion.test.ts.
 */
import type { PrivacyRequest } from "@pacs/shared";
import { getApps } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { fromBuffer, type Entry, type ZipFile } from "yauzl";
import { buildExport } from "../../functions/src/privacy/export-data";
import { runDeletion } from "../../functions/src/privacy/delete-account";
import { exportObjectPath, type PrivacyDeps } from "../../functions/src/privacy/privacy-deps";
import { accessTokenId, createAccessToken, fetchDicomweb } from "../support/access-tokens";
import { webUrl } from "../support/emulators";
import { bucket, createUploader, db, instancesBucket, type Uploader } from "../support/ingest-client";

function privacyDeps(): PrivacyDeps {
  return {
    db,
    auth: getAuth(getApps()[0]),
    verifyIdToken: () => Promise.reject(new Error("not used")),
    sendEmail: async () => undefined,
    appOrigin: () => webUrl("/"),
    instancesBucket: () => instancesBucket,
    uploadsBucket: () => bucket,
    downloadSigner: () => {
      throw new Error("not used");
    },
  };
}

function request(user: Uploader, kind: "export" | "deletion"): PrivacyRequest {
  const now = new Date();
  return { requestId: `${kind}-${user.uid}`, kind, uid: user.uid, email: user.email, source: "app", status: "confirmed", createdAt: now, dueAt: now, confirmTokenHash: null, confirmBy: null, confirmedAt: now, verifiedBy: "email-link", completedAt: null } as PrivacyRequest;
}

/** One file of a ZIP, as text. */
function readZipEntry(zip: Buffer, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    fromBuffer(zip, { lazyEntries: true }, (error, file?: ZipFile) => {
      if (error || !file) return reject(error);
      file.on("entry", (entry: Entry) => {
        if (entry.fileName !== name) return file.readEntry();
        file.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        });
      });
      file.on("end", () => reject(new Error(`${name} is not in the ZIP`)));
      file.readEntry();
    });
  });
}

it("lists the user's access tokens in their data export, without secrets or hashes", async () => {
  const user = await createUploader("pat-export");
  const token = await createAccessToken(user, { name: "Slicer", scope: "read", expiresInDays: 7 });
  const record = request(user, "export");
  await buildExport(privacyDeps(), record);
  const [zip] = await instancesBucket.file(exportObjectPath(user.uid, record.requestId)).download();
  const text = await readZipEntry(zip, "access-tokens.json");
  expect(JSON.parse(text)).toEqual([{ id: accessTokenId(token), name: "Slicer", scope: "read", createdAt: expect.any(String), expiresAt: expect.any(String) }]);
  const { secretHash } = (await db.doc(`accessTokens/${accessTokenId(token)}`).get()).data()!;
  expect(text).not.toContain(secretHash);
  expect(text).not.toContain(token.slice(-43));
});

it("deletes the user's access tokens with their account: a tool using one is refused at once", async () => {
  const user = await createUploader("pat-erasure");
  const tokens = await Promise.all([createAccessToken(user, { name: "gateway" }), createAccessToken(user, { name: "viewer", scope: "read" })]);
  expect((await fetchDicomweb("studies", tokens[0]!)).status).not.toBe(401);
  await runDeletion(privacyDeps(), request(user, "deletion"));
  expect((await db.collection("accessTokens").where("uid", "==", user.uid).get()).size).toBe(0);
  for (const token of tokens) expect((await fetchDicomweb("studies", token)).status).toBe(401);
});
