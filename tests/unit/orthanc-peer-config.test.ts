/** The one Orthanc configuration the benchmarks and the DICOMweb interoperability tests share (scripts/orthanc/orthanc-peer.cjs). */
import { existsSync } from "node:fs";
import * as path from "node:path";
import { buildOrthancConfig, DICOMWEB_PLUGIN } from "../../scripts/orthanc/orthanc-peer.cjs";

const root = path.join(__dirname, "..", "..");
const pacs = { Url: "http://127.0.0.1:27500/dicomweb/", HttpHeaders: { Authorization: "Bearer pacs_pat_x" } };

it("keeps Orthanc on its own storage folder and port, loopback only, with no DICOM listener", () => {
  const config = buildOrthancConfig({ root, storageDir: "/tmp/peer/db", port: 27540 });
  expect(config).toMatchObject({ StorageDirectory: "/tmp/peer/db", IndexDirectory: "/tmp/peer/db", HttpPort: 27540, RemoteAccessAllowed: false, DicomServerEnabled: false, StorageCompression: false });
});

it("registers our service as a DICOMweb server of Orthanc's client, keeping the plugin's own settings", () => {
  const config = buildOrthancConfig({ root, storageDir: "/tmp/peer/db", port: 27540, dicomWebServers: { pacs } });
  expect(config.DicomWeb).toMatchObject({ Enable: true, Root: "/dicom-web/", Servers: { pacs } });
});

it("loads the DICOMweb plugin exactly when it is installed (Orthanc refuses to start on a missing one)", () => {
  const config = buildOrthancConfig({ root, storageDir: "/tmp/peer/db", port: 27540 });
  expect(config.Plugins).toEqual(existsSync(DICOMWEB_PLUGIN) ? [DICOMWEB_PLUGIN] : undefined);
});
