/**
 * An independent STOW-RS client: Orthanc 1.10 with its DICOMweb plugin (Debian's), configured with our
 * service and a personal access token, pushes a study it holds to us, then pushes it again (as a
 * gateway retries), and both jobs succeed.
 */
import { buildStudy } from "../../functions/src/ingest/testing/build-study";
import { createAccessToken } from "../support/access-tokens";
import { webUrl } from "../support/emulators";
import { createUploader, db, readStudy } from "../support/ingest-client";
import { orthancMissing, startOrthancPeer, type OrthancPeer } from "../support/orthanc-peer";

if (orthancMissing) console.warn(orthancMissing);
const itWithOrthanc = orthancMissing ? it.skip : it;

let orthanc: OrthancPeer | undefined;
afterEach(async () => {
  await orthanc?.stop();
  orthanc = undefined;
});

itWithOrthanc("receives a study Orthanc pushes with its STOW-RS client, and a second push of it succeeds too", async () => {
  const user = await createUploader("gateway");
  const token = await createAccessToken(user, { name: "Orthanc gateway", scope: "read-write" });
  // Basic with the token as password: what Settings → Connect a tool tells an Orthanc user to write.
  const gateway = (orthanc = await startOrthancPeer({ index: 2, servers: { pacs: { Url: webUrl("/dicomweb/"), Username: "pacs", Password: token } } }));
  const study = buildStudy({ series: [{ instances: 3 }, { instances: 2, modality: "MR" }] });
  let orthancStudyId = "";
  for (const file of study.files) {
    orthancStudyId = (await gateway.storeInstance(file.bytes)).ParentStudy;
  }

  for (const push of ["first", "again"]) {
    // The 1.7 plugin's /stow answers when the push is done, with an error status if our answer did not satisfy it.
    const pushed = await gateway.call("POST", "/dicom-web/servers/pacs/stow", { Resources: [orthancStudyId] });
    expect([push, pushed.status, pushed.text]).toEqual([push, 200, expect.stringMatching(/"InstancesCount"\s*:\s*"5"/)]);
  }

  expect(await readStudy(user.uid, study.studyInstanceUID)).toMatchObject({ NumberOfStudyRelatedSeries: 2, NumberOfStudyRelatedInstances: 5 });
  const batches = (await db.collection(`users/${user.uid}/uploads`).get()).docs.map((doc) => [doc.get("sentBy"), doc.get("counts")]);
  expect(batches).toEqual(
    expect.arrayContaining([
      ["Orthanc gateway", { stored: 5, duplicate: 0, skipped: 0, failed: 0 }],
      ["Orthanc gateway", { stored: 0, duplicate: 5, skipped: 0, failed: 0 }],
    ]),
  );
}, 120_000);
