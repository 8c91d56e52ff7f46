#!/usr/bin/env node
// Builds the stand-in Storage rules runtime jar (see README.md) from src/**/*.java against the
// Firebase rules engine inside the gcloud Firestore emulator jar. Node built-ins only.
//
//   API: await buildStorageRulesRuntime({ gcloudJar, outJar })  -> outJar
//   CLI: node tools/storage-rules-runtime/build.mjs <outJar>
//        (gcloud jar from $GCLOUD_FIRESTORE_EMULATOR_JAR, else `dpkg -L`; exit 2 when absent)

import { execFile } from "node:child_process";
import { promises as fs, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const SRC = path.join(HERE, "src");
const MAIN_CLASS = "storagerules.Main";
const DEB_PACKAGE = "google-cloud-cli-firestore-emulator";

/** The gcloud Firestore emulator jar, or null when it is not installed. */
export async function findGcloudJar() {
  const fromEnv = process.env.GCLOUD_FIRESTORE_EMULATOR_JAR;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  try {
    const { stdout } = await run("dpkg", ["-L", DEB_PACKAGE]);
    const jar = stdout.split("\n").find((line) => line.endsWith("emulator.jar"));
    return jar && existsSync(jar) ? jar : null;
  } catch {
    return null; // no dpkg, or the package is not installed
  }
}

async function javaSources(dir) {
  const out = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await javaSources(full)));
    else if (entry.name.endsWith(".java")) out.push(full);
  }
  return out;
}

/**
 * The jar's manifest points at the gcloud jar by absolute file URL, so a jar built against another
 * gcloud jar location is stale too; that location is remembered next to the jar.
 */
function stampPath(outJar) {
  return `${outJar}.classpath`;
}

async function isUpToDate(outJar, inputs, classPath) {
  try {
    const jarTime = (await fs.stat(outJar)).mtimeMs;
    if ((await fs.readFile(stampPath(outJar), "utf8")) !== classPath) return false;
    for (const file of inputs) {
      if ((await fs.stat(file)).mtimeMs >= jarTime) return false;
    }
    return true;
  } catch {
    return false; // no jar or no stamp yet
  }
}

export async function buildStorageRulesRuntime({ gcloudJar, outJar }) {
  if (!gcloudJar || !existsSync(gcloudJar)) {
    throw new Error(`gcloud Firestore emulator jar not found: ${gcloudJar}`);
  }
  outJar = path.resolve(outJar);
  const sources = await javaSources(SRC);
  const classPath = pathToFileURL(path.resolve(gcloudJar)).href;
  // build.mjs writes the manifest, so it counts as a source too.
  if (await isUpToDate(outJar, [...sources, fileURLToPath(import.meta.url)], classPath)) {
    return outJar;
  }

  const outDir = path.dirname(outJar);
  await fs.mkdir(outDir, { recursive: true });
  // A private work dir per build: concurrent builds (e.g. parallel test workers) never share
  // half-written classes, and the final rename replaces the jar atomically.
  const work = await fs.mkdtemp(path.join(outDir, ".storage-rules-runtime-build-"));
  try {
    const classes = path.join(work, "classes");
    await fs.mkdir(classes);
    try {
      // -proc:none: the gcloud jar carries annotation processors we must not run.
      // -nowarn: its classes reference annotations it does not ship, which javac warns about.
      await run(
        "javac",
        ["--release", "11", "-proc:none", "-nowarn", "-encoding", "UTF-8",
          "-cp", gcloudJar, "-d", classes, ...sources],
        { maxBuffer: 16 * 1024 * 1024 },
      );
    } catch (e) {
      throw new Error(`javac failed:\n${e.stderr || e.message}`);
    }
    const manifest = path.join(work, "MANIFEST.MF");
    await fs.writeFile(manifest, `Main-Class: ${MAIN_CLASS}\nClass-Path: ${classPath}\n`);
    const tmpJar = path.join(work, "out.jar");
    await run("jar", ["cfm", tmpJar, manifest, "-C", classes, "."]);
    // firebase-tools chmods STORAGE_EMULATOR_BINARY_PATH, so the jar must stay owner-writable.
    await fs.chmod(tmpJar, 0o644);
    await fs.rename(tmpJar, outJar);
    await fs.writeFile(stampPath(outJar), classPath);
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
  return outJar;
}

async function main(argv) {
  const outJar = argv[0];
  if (!outJar) {
    console.error("usage: node tools/storage-rules-runtime/build.mjs <outJar>");
    return 64;
  }
  const gcloudJar = await findGcloudJar();
  if (!gcloudJar) {
    console.error(
      `storage-rules-runtime: the gcloud Firestore emulator jar was not found (install the Debian ` +
        `package ${DEB_PACKAGE} or set GCLOUD_FIRESTORE_EMULATOR_JAR). Without it the Storage ` +
        `emulator falls back to downloading Google's own rules runtime.`,
    );
    return 2;
  }
  console.log(await buildStorageRulesRuntime({ gcloudJar, outJar }));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
