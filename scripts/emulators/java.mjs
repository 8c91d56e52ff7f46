// Offline emulators. The Firestore emulator and our Storage rules runtime run
// on the Firestore emulator jar that Debian's google-cloud-cli-firestore-emulator
// package installs. Where that jar is absent (a machine with internet access),
// firebase-tools downloads its own binaries as usual.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
// One place knows where Debian puts the gcloud jar (env override, then dpkg).
import { buildStorageRulesRuntime, findGcloudJar } from "../../tools/storage-rules-runtime/build.mjs";

const FIRESTORE_MAIN_CLASS = "com.google.cloud.datastore.emulator.firestore.CloudFirestore";

export class SetupError extends Error {}

/** Fails with a readable message when Java is missing or too old for the emulators. */
export function checkJava() {
  const result = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (result.error) {
    throw new SetupError(
      "Java is not installed, and the Firebase emulators need it (JDK 11 or newer; 17 recommended).\n" +
        "  Debian/Ubuntu: sudo apt-get install openjdk-17-jdk-headless\n" +
        "  macOS: brew install openjdk@17",
    );
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr + result.stdout);
  const major = match ? (match[1] === "1" ? Number(match[2]) : Number(match[1])) : 0;
  if (major < 11) {
    throw new SetupError(`Java ${major || "(unknown version)"} is too old for the Firebase emulators: install JDK 11 or newer.`);
  }
  return major;
}

function isFresh(output, inputs) {
  if (!existsSync(output)) return false;
  const built = statSync(output).mtimeMs;
  return inputs.every((input) => statSync(input).mtimeMs <= built);
}

/**
 * The gcloud jar has no Main-Class, so firebase-tools cannot `java -jar` it.
 * A launcher jar holding only a manifest names the main class and puts the
 * real jar on the class path.
 */
export function buildFirestoreLauncher(gcloudJar, cacheDir) {
  const launcher = join(cacheDir, "firestore-emulator-launcher.jar");
  const manifest = join(cacheDir, "firestore-launcher.MF");
  const body = `Main-Class: ${FIRESTORE_MAIN_CLASS}\nClass-Path: ${pathToFileURL(gcloudJar).href}\n`;
  if (isFresh(launcher, [gcloudJar]) && existsSync(manifest) && readFileSync(manifest, "utf8") === body) {
    return launcher;
  }
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(manifest, body);
  execFileSync("jar", ["--create", "--file", launcher, "--manifest", manifest], { stdio: "inherit" });
  return launcher;
}

/**
 * Prepares the offline emulator binaries and returns the environment that
 * points firebase-tools at them (empty where it should download its own).
 */
export async function prepareOfflineEmulators(root, log = console.log) {
  checkJava();
  const gcloudJar = await findGcloudJar();
  if (!gcloudJar) {
    log("No preinstalled Firestore emulator jar: firebase-tools will download its emulators.");
    return {};
  }
  const cacheDir = join(root, ".cache", "emulators");
  return {
    FIRESTORE_EMULATOR_BINARY_PATH: buildFirestoreLauncher(gcloudJar, cacheDir),
    STORAGE_EMULATOR_BINARY_PATH: await buildStorageRulesRuntime({ gcloudJar, outJar: join(cacheDir, "storage-rules-runtime.jar") }),
  };
}
