/**
 * Orthanc 1.10 and its DICOMweb plugin, an archive we did not write, as the
 * independent client of our DICOMweb service, configured as Settings →
 * Connect a tool tells a user (`DicomWeb.Servers`, a personal access
 * token): a study Orthanc holds is
 * pushed to us with its STOW-RS client and lands in the study list with its
 * series and instances; its QIDO-RS client finds it; its WADO-RS client pulls
 * it into a second, empty Orthanc byte for byte. The same round trip runs on
 * real files of several transfer syntaxes from ../shared/dicom-samples when
 * that folder is there. Skipped, saying why, where Orthanc is not installed.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { buildStudy } from "../../functions/src/ingest/testing/build-study";
import { webUrl } from "../support/emulators";
import { createUploader, readStudy, type Uploader } from "../support/ingest-client";
import { createAccessToken } from "../support/access-tokens";
import { buildBearerServer, orthancMissing, sha256, startOrthancPeer, type OrthancPeer } from "../support/orthanc-peer";
import { buildToolSnippets, dicomwebBaseUrl } from "../../apps/web/src/lib/connect-snippets";
import { samplesPresent, samplesRoot } from "../support/corpus-files";
import { readInstanceMetadata } from "../../functions/src/ingest/read-instance";

if (orthancMissing) console.warn(orthancMissing);
const describeWithOrthanc = orthancMissing ? describe.skip : describe;

/** Real files, one per transfer syntax (no two share a SOP Instance UID; two share a study). */
const SAMPLE_FILES = [
  "pydicom-test_files/CT_small.dcm", // explicit VR little endian
  "pydicom-test_files/MR_small_implicit.dcm", // implicit VR little endian
  "pydicom-test_files/ExplVR_BigEnd.dcm", // explicit VR big endian (retired)
  "pydicom-test_files/image_dfl.dcm", // deflated explicit VR little endian
  "pydicom-test_files/JPEG2000.dcm", // JPEG 2000
  "pydicom-test_files/JPGExtended.dcm", // JPEG extended (process 2 and 4), same study as JPEG2000.dcm
  "pydicom-test_files/SC_rgb_rle.dcm", // RLE lossless, RGB
];
if (!samplesPresent) console.warn(`${samplesRoot} is absent: the Orthanc round trip on real files is skipped (the generated study still runs).`);

interface RoundTripFile {
  bytes: Uint8Array;
  StudyInstanceUID: string;
  SeriesInstanceUID: string;
  SOPInstanceUID: string;
}

let user: Uploader;
let gateway: OrthancPeer;
let reader: OrthancPeer;
/** Our service's name among each Orthanc's DICOMweb servers. */
let gatewayServer: string;
const READER_SERVER = "pacs";

/** The `DicomWeb.Servers` entry Settings → Connect a tool tells a user to paste into orthanc.json. */
function readSettingsOrthancServers(token: string): Record<string, object> {
  const snippet = buildToolSnippets(dicomwebBaseUrl(new URL(webUrl("/")).origin), token).find((s) => s.id === "orthanc");
  return JSON.parse(snippet!.text).DicomWeb.Servers;
}

async function callOk(peer: OrthancPeer, route: string, body: unknown) {
  const answer = await peer.call("POST", route, body);
  if (answer.status !== 200) throw new Error(`Orthanc POST ${route} ${JSON.stringify(body)}: HTTP ${answer.status}: ${answer.text}\nOrthanc's log ends:\n${peer.logTail()}`);
  return answer;
}

/** Orthanc's QIDO-RS client against our service: `/dicom-web/servers/{name}/get`. */
async function searchThroughOrthanc(uri: string, args: Record<string, string> = {}): Promise<Array<Record<string, { Value?: unknown[] }>>> {
  return (await callOk(gateway, `/dicom-web/servers/${gatewayServer}/get`, { Uri: uri, Arguments: args })).json();
}

function valueOf(dataset: Record<string, { Value?: unknown[] }>, tag: string): unknown {
  return dataset[tag]?.Value?.[0];
}

/**
 * Puts the files into the gateway Orthanc, then pushes them to us one series
 * per `/stow` call, as a gateway must: Orthanc sends each call's instances
 * in one request, and a request may carry 32 MB.
 */
async function pushThroughOrthanc(files: RoundTripFile[]): Promise<void> {
  const orthancSeries = new Set<string>();
  for (const file of files) {
    const stored = await gateway.storeInstance(file.bytes);
    expect(stored.Status).toMatch(/Success|AlreadyStored/);
    orthancSeries.add(stored.ParentSeries);
  }
  for (const series of orthancSeries) await callOk(gateway, `/dicom-web/servers/${gatewayServer}/stow`, { Resources: [series] });
}

/** Each study as our study list shows it: its series and how many instances each holds. */
async function expectListed(files: RoundTripFile[]) {
  for (const studyUID of new Set(files.map((f) => f.StudyInstanceUID))) {
    const ofStudy = files.filter((f) => f.StudyInstanceUID === studyUID);
    const record = await readStudy(user.uid, studyUID);
    expect(record).not.toBeNull();
    const expected = [...new Set(ofStudy.map((f) => f.SeriesInstanceUID))].map((series) => [series, ofStudy.filter((f) => f.SeriesInstanceUID === series).length]).sort();
    expect(record!.series.map((s) => [s.SeriesInstanceUID, s.NumberOfSeriesRelatedInstances]).sort()).toEqual(expected);
    expect(record!.NumberOfStudyRelatedInstances).toBe(ofStudy.length);
  }
}

/** The reader Orthanc pulls each study with WADO-RS; every file must come back with the bytes that went in. */
async function expectRetrievedByteForByte(files: RoundTripFile[]) {
  for (const studyUID of new Set(files.map((f) => f.StudyInstanceUID))) {
    await callOk(reader, `/dicom-web/servers/${READER_SERVER}/retrieve`, { Resources: [{ Study: studyUID }] });
  }
  const retrieved = await reader.readInstanceDigests();
  for (const file of files) expect({ sop: file.SOPInstanceUID, sha256: retrieved.get(file.SOPInstanceUID) }).toEqual({ sop: file.SOPInstanceUID, sha256: sha256(file.bytes) });
}

describeWithOrthanc("Orthanc 1.10 as a DICOMweb client of our service", () => {
  beforeAll(async () => {
    user = await createUploader("orthanc");
    const token = await createAccessToken(user, { name: "Orthanc gateway", scope: "read-write" });
    // The gateway holds the entry Settings gives (Basic, the token as password); the reader sends it as Bearer instead.
    const settingsServers = readSettingsOrthancServers(token);
    gatewayServer = Object.keys(settingsServers)[0]!;
    [gateway, reader] = await Promise.all([
      startOrthancPeer({ index: 0, servers: settingsServers }),
      startOrthancPeer({ index: 1, servers: { [READER_SERVER]: buildBearerServer(webUrl("/dicomweb/"), token) } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([gateway?.stop(), reader?.stop()]);
  });

  describe("a generated two-series study", () => {
    const study = buildStudy({
      series: [{ instances: 3 }, { instances: 2, modality: "MR", description: "MR survey" }],
      patient: [
        { tag: "00100010", vr: "PN", value: "DOE^JANE" },
        { tag: "00100020", vr: "LO", value: "ORTHANC-0001" },
      ],
    });
    const files: RoundTripFile[] = study.files.map((f) => ({ bytes: f.bytes, StudyInstanceUID: study.studyInstanceUID, SeriesInstanceUID: f.seriesInstanceUID, SOPInstanceUID: f.sopInstanceUID }));

    it("is pushed by Orthanc's STOW-RS client and appears in the study list with its series and instances", async () => {
      await pushThroughOrthanc(files);
      await expectListed(files);
    });

    it("is found by Orthanc's QIDO-RS searches: studies by patient name, the study's series, a series' instances", async () => {
      const studies = await searchThroughOrthanc("/studies", { PatientName: "DOE*" });
      expect(studies.map((s) => valueOf(s, "0020000D"))).toEqual([study.studyInstanceUID]);
      expect(valueOf(studies[0]!, "00201208")).toBe(5);
      expect(studies[0]!["00100010"]?.Value).toEqual([{ Alphabetic: "DOE^JANE" }]);
      expect(await searchThroughOrthanc("/studies", { PatientName: "ROE*" })).toEqual([]);

      const series = await searchThroughOrthanc(`/studies/${study.studyInstanceUID}/series`);
      const seen = series.map((s) => [valueOf(s, "0020000E"), valueOf(s, "00080060"), valueOf(s, "00201209")]).sort();
      expect(seen).toEqual([[study.seriesInstanceUIDs[0], "CT", 3], [study.seriesInstanceUIDs[1], "MR", 2]].sort());

      const [ctSeries] = study.seriesInstanceUIDs;
      const instances = await searchThroughOrthanc(`/studies/${study.studyInstanceUID}/series/${ctSeries}/instances`);
      const ctSops = study.files.filter((f) => f.seriesInstanceUID === ctSeries).map((f) => f.sopInstanceUID);
      expect(instances.map((i) => valueOf(i, "00080018")).sort()).toEqual(ctSops.sort());
    });

    it("is pulled by a second, empty Orthanc with WADO-RS, byte for byte", async () => {
      await expectRetrievedByteForByte(files);
    });
  });

  (samplesPresent ? describe : describe.skip)("real files of several transfer syntaxes (../shared/dicom-samples)", () => {
    it("are pushed, found and pulled back byte for byte", async () => {
      const files = SAMPLE_FILES.map((name) => readSample(path.join(samplesRoot, name)));
      await pushThroughOrthanc(files);
      await expectListed(files);
      for (const studyUID of new Set(files.map((f) => f.StudyInstanceUID))) {
        const found = await searchThroughOrthanc("/studies", { StudyInstanceUID: studyUID });
        expect(found.map((s) => valueOf(s, "0020000D"))).toEqual([studyUID]);
      }
      await expectRetrievedByteForByte(files);
    });
  });
});

/** A sample file and its UIDs, read with ingest's own header reader. */
function readSample(file: string): RoundTripFile {
  const bytes = readFileSync(file);
  const { instance } = readInstanceMetadata(bytes, file);
  return { bytes, StudyInstanceUID: instance.StudyInstanceUID, SeriesInstanceUID: instance.SeriesInstanceUID, SOPInstanceUID: instance.SOPInstanceUID };
}
