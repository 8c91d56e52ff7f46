/**
 * Viewer-ready copies on the emulators: a deflated upload, which the browser
 * viewer cannot inflate, is stored as uploaded and also as a copy in explicit
 * VR little endian. The manifest sends the viewer to the copy; the download
 * ZIP holds only the originals, byte for byte; deleting the study removes both.
 */
import * as dicomParser from "dicom-parser";
import JSZip from "jszip";
import { buildZip } from "../../functions/src/ingest/archive/testing/zip-fixtures";
import { buildStudy } from "../../functions/src/ingest/testing/build-study";
import { webUrl } from "../support/emulators";
import { createUploader, instancesBucket, listObjects, readStudyInstances, uploadBatch, usedBytes } from "../support/ingest-client";

it("serves the viewer a copy it can parse, keeps downloads original, and deletes both with the study", async () => {
  const owner = await createUploader("viewable");
  const study = buildStudy({ series: [{ instances: 2 }], options: { encoding: "deflated" } });
  await uploadBatch(owner, [{ relativePath: "s.zip", bytes: await buildZip(Object.fromEntries(study.files.map((f) => [f.name, f.bytes]))) }]);

  const stored = await listObjects(`instances/${owner.uid}/${study.studyInstanceUID}/`, instancesBucket);
  expect(stored.filter((name) => name.endsWith(".viewable.dcm"))).toHaveLength(2);
  const instances = await readStudyInstances(owner.uid, study.studyInstanceUID);
  expect(JSON.stringify(instances)).toContain("deflated data set");
  // Only the originals count against the quota.
  expect(await usedBytes(owner.uid)).toBe(study.files.reduce((sum, f) => sum + f.bytes.length, 0));

  const manifest = (await (await fetch(webUrl(`/api/studies/${study.studyInstanceUID}/manifest`), { headers: { Authorization: `Bearer ${owner.idToken}` } })).json()) as any;
  const served = manifest.studies[0].series[0].instances;
  expect(served).toHaveLength(2);
  for (const instance of served) {
    expect(instance.url).toContain(".viewable.dcm");
    expect(instance.metadata.TransferSyntaxUID).toBe("1.2.840.10008.1.2.1");
    const bytes = new Uint8Array(await (await fetch(instance.url.slice("dicomweb:".length))).arrayBuffer());
    const dataSet = dicomParser.parseDicom(bytes);
    expect(dataSet.string("x00020010")).toBe("1.2.840.10008.1.2.1");
    expect(dataSet.string("x00080018")).toBe(instance.metadata.SOPInstanceUID);
  }

  const download = await fetch(webUrl(`/api/studies/${study.studyInstanceUID}/download`), { method: "POST", headers: { Authorization: `Bearer ${owner.idToken}` } });
  const packed = (await download.json()) as any;
  expect(packed.files).toBe(2);
  const zip = await JSZip.loadAsync(Buffer.from(await (await fetch(packed.url)).arrayBuffer()));
  const names = Object.keys(zip.files).filter((name) => !zip.files[name]!.dir);
  expect(names).toHaveLength(2);
  for (const file of study.files) {
    const entry = names.find((name) => name.endsWith(`/${file.sopInstanceUID}.dcm`))!;
    expect(Buffer.from(await zip.file(entry)!.async("uint8array")).equals(Buffer.from(file.bytes))).toBe(true);
  }

  const deleted = await fetch(webUrl(`/api/studies/${study.studyInstanceUID}`), { method: "DELETE", headers: { Authorization: `Bearer ${owner.idToken}` } });
  expect(deleted.status).toBe(200);
  expect(await listObjects(`instances/${owner.uid}/${study.studyInstanceUID}/`, instancesBucket)).toEqual([]);
});
