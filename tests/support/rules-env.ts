/** A rules test environment on the running emulators, loading the repo's real rules files. */
import { initializeTestEnvironment, type RulesTestEnvironment } from "@firebase/rules-unit-testing";
import { setLogLevel } from "firebase/firestore";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { emulatorHost, projectId } from "./emulators";

const root = join(__dirname, "..", "..");

export function readRulesFile(name: "firestore.rules" | "storage.rules"): string {
  return readFileSync(join(root, name), "utf8");
}

// Denied writes are the point of these tests; the SDK would log each one as a warning.
setLogLevel("error");

export function createRulesEnvironment(): Promise<RulesTestEnvironment> {
  const firestore = emulatorHost("FIRESTORE_EMULATOR_HOST");
  return initializeTestEnvironment({
    projectId,
    firestore: { host: firestore.host, port: firestore.port, rules: readRulesFile("firestore.rules") },
  });
}

/** Storage rules on the Storage emulator, enforced by our rules runtime (tools/storage-rules-runtime). */
export function createStorageRulesEnvironment(rules = readRulesFile("storage.rules")): Promise<RulesTestEnvironment> {
  const storage = emulatorHost("FIREBASE_STORAGE_EMULATOR_HOST");
  return initializeTestEnvironment({ projectId, storage: { host: storage.host, port: storage.port, rules } });
}

/**
 * One Firestore rules environment per test file, emptied before each test;
 * returns a getter for it. `seed` writes each test's documents with rules off.
 */
export function useFirestoreRulesEnvironment(seed?: (db: ReturnType<ReturnType<RulesTestEnvironment["unauthenticatedContext"]>["firestore"]>) => Promise<void>): () => RulesTestEnvironment {
  let env: RulesTestEnvironment;
  beforeAll(async () => {
    env = await createRulesEnvironment();
  });
  afterAll(async () => {
    await env?.cleanup();
  });
  beforeEach(async () => {
    await env.clearFirestore();
    if (seed) await env.withSecurityRulesDisabled((context) => seed(context.firestore()));
  });
  return () => env;
}
