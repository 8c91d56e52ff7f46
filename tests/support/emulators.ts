/**
 * Where the emulators are, as `firebase emulators:exec` tells its child
 * process. Tests fail with a clear message when run outside of it.
 */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests through \`npm test\` (firebase emulators:exec).`);
  return value;
}

export const projectId = process.env.GCLOUD_PROJECT ?? "demo-radiology-pacs";

export function emulatorHost(name: "FIRESTORE_EMULATOR_HOST" | "FIREBASE_AUTH_EMULATOR_HOST" | "FIREBASE_STORAGE_EMULATOR_HOST") {
  const hostPort = required(name);
  const index = hostPort.lastIndexOf(":");
  return { host: hostPort.slice(0, index), port: Number(hostPort.slice(index + 1)), origin: `http://${hostPort}` };
}

export function webUrl(path = "/"): string {
  return new URL(path, required("PACS_WEB_URL")).toString();
}
