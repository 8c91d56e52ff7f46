/**
 * Downloading a study: the owner gets a short-lived link to one ZIP holding
 * exactly the study's DICOM files, byte for byte; nobody else gets a link.
 */
import { createPublicKey } from "node:crypto";
import { readFileSync } from "node:fs";
import JSZip from "jszip";
import { buildZip } from "../../functions/src/ingest/archive/testing/zip-fixtures";
import { buildStudy } from "../../functions/src/ingest/testing/build-study";
import { verifyV4SignedUrl } from "../../functions/src/viewer/testing/verify-v4-url";
import { webUrl } from "../support/emulators";
import { createUploader, instancesBucket, listObjects, uploadBatch, type Uploader } from "../support/ingest-client";

async function requestDownload(user: Uploader, studyUID: string) {
  const response = await fetch(webUrl(`/api/studies/${studyUID}/download`), { method: "POST", headers: { Authorization: `Bearer ${user.idToken}` } });
  return { status: response.status, body: (await response.json()) as any };
}

it("hands the owner a fifteen-minute link to a ZIP of exactly the study's files", async () => {
  const [owner, other] = await Promise.all([createUploader("downloader"), createUploader("snoop")]);
  const study = buildStudy({ series: [{ instances: 3, seriesNumber: 2 }, { instances: 1, modality: "MR", seriesNumber: 5 }] });
  await uploadBatch(owner, [{ relativePath: "s.zip", bytes: await buildZip(Object.fromEntries(study.files.map((f) => [f.name, f.bytes]))) }]);

  expect((await requestDownload(other, study.studyInstanceUID)).status).toBe(404);
  const { status, body } = await requestDownload(owner, study.studyInstanceUID);
  expect(status).toBe(201);
  expect(body).toMatchObject({ fileName: "PID-1_20240131_" + study.studyInstanceUID.split(".").slice(-2).join(".") + ".zip", files: 4 });

  const key = createPublicKey(JSON.parse(readFileSync(process.env.PACS_SIGNING_KEY_FILE!, "utf8")).private_key);
  const check = verifyV4SignedUrl(body.url, key);
  expect(check).toMatchObject({ valid: true, expiresSeconds: 900 });
  expect(new URL(body.url).searchParams.get("response-content-disposition")).toBe(`attachment; filename="${body.fileName}"`);

  const zip = await JSZip.loadAsync(Buffer.from(await (await fetch(body.url)).arrayBuffer()));
  const names = Object.keys(zip.files).sort();
  expect(names).toEqual(
    study.files.map((f) => `${f.seriesInstanceUID === study.seriesInstanceUIDs[0] ? "2_CT" : "5_MR"}/${f.sopInstanceUID}.dcm`).sort(),
  );
  for (const file of study.files) {
    const entry = names.find((name) => name.endsWith(`/${file.sopInstanceUID}.dcm`))!;
    expect(Buffer.from(await zip.file(entry)!.async("uint8array")).equals(Buffer.from(file.bytes))).toBe(true);
  }
  expect(await listObjects(`downloads/${owner.uid}/${study.studyInstanceUID}/`, instancesBucket)).toHaveLength(1);
});
