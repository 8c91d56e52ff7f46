// Orthanc (Debian's 1.10 with its DICOMweb plugin) as this archive's peer:
// the benchmarks compare against it and the DICOMweb tests use it as an
// independent client. One copy of where it lives and how it is configured,
// as ../shared/tools/orthanc-peer describes. CommonJS, so that both the
// benchmarks (ES modules) and the jest tests (TypeScript compiled to
// CommonJS) load it as it is.
const { spawnSync } = require("node:child_process");
const { existsSync, readFileSync } = require("node:fs");
const { join } = require("node:path");

const DICOMWEB_PLUGIN = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";
const PACKAGES = ["orthanc", "orthanc-dicomweb"];
const INSTALL_HINT = `sudo apt-get install -y ${PACKAGES.join(" ")}   (or rerun as root with --install)`;

/**
 * Debian puts the server in /usr/sbin, which is not on a normal user's PATH; null when it is not installed.
 * @returns {string | null}
 */
function findOrthanc() {
  const onPath = spawnSync("sh", ["-c", "command -v Orthanc"], { encoding: "utf8" });
  if (onPath.status === 0) return onPath.stdout.trim();
  return existsSync("/usr/sbin/Orthanc") ? "/usr/sbin/Orthanc" : null;
}

/** The shared template's settings, for a clone without ../shared next to it. */
function buildDefaultConfig(storageDir, port) {
  return {
    Name: "orthanc-peer",
    StorageDirectory: storageDir,
    IndexDirectory: storageDir,
    StorageCompression: false,
    Plugins: [DICOMWEB_PLUGIN],
    HttpServerEnabled: true,
    HttpPort: port,
    DicomServerEnabled: false,
    DicomPort: 4242,
    // Orthanc 1.10 cannot bind to loopback only; this refuses other hosts instead.
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    RegisteredUsers: {},
    SaveJobs: false,
    ConcurrentJobs: 2,
  };
}

/**
 * Orthanc's configuration: ../shared/tools/orthanc-peer/orthanc.json.tpl when
 * it is there (else the same settings), storing in `storageDir`, HTTP on
 * `port`. `dicomWebServers` becomes `DicomWeb.Servers`: the remote DICOMweb
 * servers Orthanc's client (`/dicom-web/servers/{name}/...`) talks to.
 * @param {{ root: string, storageDir: string, port: number, dicomWebServers?: Record<string, object> }} options
 * @returns {Record<string, any>}
 */
function buildOrthancConfig({ root, storageDir, port, dicomWebServers }) {
  const template = join(root, "..", "shared", "tools", "orthanc-peer", "orthanc.json.tpl");
  const config = existsSync(template)
    ? JSON.parse(readFileSync(template, "utf8").replaceAll("@DB@", storageDir).replaceAll("@PORT@", String(port)))
    : buildDefaultConfig(storageDir, port);
  // Ingest does not need DICOMweb, and Orthanc refuses to start on a missing plugin.
  if (!existsSync(DICOMWEB_PLUGIN)) delete config.Plugins;
  if (dicomWebServers) config.DicomWeb = { ...config.DicomWeb, Enable: true, Root: "/dicom-web/", Servers: dicomWebServers };
  return config;
}

module.exports = { DICOMWEB_PLUGIN, INSTALL_HINT, PACKAGES, buildOrthancConfig, findOrthanc };
