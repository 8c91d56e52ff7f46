/**
 * An independent STOW-RS client: Orthanc 1.10 with its DICOMweb plugin (Debian's), configured with our
 * service and a personal access token, pushes a study it holds to us, then pushes it again (as a
 * gateway retries), and both jobs succeed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildStudy } from "../../functions/src/ingest/testing/build-study";
import { createAccessToken } from "../support/access-tokens";
import { webUrl } from "../support/emulators";
import { createUploader, db, readStudy } from "../support/ingest-client";

// Past the emulators' ports (scripts/emulators/ports.mjs), inside this run's range.
const ORTHANC_PORT = Number(process.env.PACS_PORT_BASE ?? 27500) + 47;
const orthanc = `http://127.0.0.1:${ORTHANC_PORT}`;

let child: ChildProcess | undefined;
let folder: string | undefined;
let log = "";

afterEach(() => {
  if (child?.pid) process.kill(child.pid, "SIGTERM");
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function startOrthanc(token: string): Promise<void> {
  folder = mkdtempSync(join(tmpdir(), "stow-orthanc-"));
  const config = {
    Name: "stow-gateway",
    StorageDirectory: folder,
    IndexDirectory: folder,
    Plugins: ["/usr/share/orthanc/plugins/libOrthancDicomWeb.so"],
    HttpPort: ORTHANC_PORT,
    DicomServerEnabled: false,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    SaveJobs: false,
    // Basic with the token as password: what Settings → Connect a tool tells an Orthanc user to write.
    DicomWeb: { Enable: true, Root: "/dicom-web/", Servers: { pacs: { Url: webUrl("/dicomweb/"), Username: "pacs", Password: token } } },
  };
  writeFileSync(join(folder, "orthanc.json"), JSON.stringify(config));
  child = spawn("/usr/sbin/Orthanc", [join(folder, "orthanc.json")], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (chunk) => (log += chunk));
  child.stderr!.on("data", (chunk) => (log += chunk));
  for (let attempt = 0; attempt < 150; attempt++) {
    if (await fetch(`${orthanc}/system`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Orthanc did not start:\n${log}`);
}

it("receives a study Orthanc pushes with its STOW-RS client, and a second push of it succeeds too", async () => {
  const user = await createUploader("gateway");
  const token = await createAccessToken(user, { name: "Orthanc gateway", scope: "read-write" });
  await startOrthanc(token);
  const study = buildStudy({ series: [{ instances: 3 }, { instances: 2, modality: "MR" }] });
  let orthancStudyId = "";
  for (const file of study.files) {
    const stored = await fetch(`${orthanc}/instances`, { method: "POST", body: Buffer.from(file.bytes) });
    orthancStudyId = ((await stored.json()) as { ParentStudy: string }).ParentStudy;
  }

  for (const push of ["first", "again"]) {
    // The 1.7 plugin's /stow answers when the push is done, with an error status if our answer did not satisfy it.
    const pushed = await fetch(`${orthanc}/dicom-web/servers/pacs/stow`, { method: "POST", body: JSON.stringify({ Resources: [orthancStudyId] }) });
    expect([push, pushed.status, await pushed.text()]).toEqual([push, 200, expect.stringMatching(/"InstancesCount"\s*:\s*"5"/)]);
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
