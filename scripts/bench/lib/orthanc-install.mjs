// Finds the Orthanc binary, and installs Debian's package where that is
// allowed: only as root, and only when asked (--install) or on CI.
import { spawnSync } from "node:child_process";
import { findOrthanc, INSTALL_HINT, PACKAGES } from "../../orthanc/orthanc-peer.cjs";

function aptGet(args, log) {
  log(`apt-get ${args.join(" ")}`);
  return spawnSync("apt-get", args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status;
}

/**
 * A run's exit code once its figures are printed: 1 when anything
 * malfunctioned (each said), 2 when Orthanc was wanted but is missing (with
 * how to install it), else 0, whether or not the targets hold.
 */
export function finalExitCode({ malfunctions = [], orthancMissing }) {
  for (const message of malfunctions) console.error(`\n[bench] MALFUNCTION: ${message}`);
  if (malfunctions.length > 0) return 1;
  if (orthancMissing) {
    console.error(`\n[bench] Orthanc was not run, so there is nothing to compare with. Install it: ${INSTALL_HINT}`);
    return 2;
  }
  return 0;
}

/**
 * Returns the binary's path, installing it first when `install` is set and
 * we are root; null (after saying how to install it) otherwise.
 */
export function ensureOrthanc({ install, log }) {
  const found = findOrthanc();
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  if (!install || !isRoot) {
    log(`Orthanc is not installed. Install it with:\n    ${INSTALL_HINT}`);
    return null;
  }
  // The package's own service start fails in a container and makes apt-get
  // exit non-zero; what matters is whether the binary is there afterwards.
  if (aptGet(["install", "-y", "--no-install-recommends", ...PACKAGES], log) !== 0 && !findOrthanc()) {
    // A fresh machine may have no package lists yet.
    aptGet(["update"], log);
    aptGet(["install", "-y", "--no-install-recommends", ...PACKAGES], log);
  }
  const installed = findOrthanc();
  if (!installed) log(`Installing Orthanc failed. Try by hand:\n    ${INSTALL_HINT}`);
  return installed;
}
