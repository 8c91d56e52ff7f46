"use client";
/**
 * The browser's one Firebase app. Settings come from /runtime-config.json so
 * that one static build runs against the emulators and a real project alike.
 * Cloud Storage is loaded on first use ({@link getFirebaseStorage}): only the
 * upload page sends files, so the other pages do not download its SDK.
 */
import { RuntimeConfig } from "@pacs/shared";
import { initializeApp, type FirebaseApp } from "firebase/app";
import { connectAuthEmulator, getAuth, type Auth } from "firebase/auth";
import { connectFirestoreEmulator, getFirestore, type Firestore } from "firebase/firestore";
import type { FirebaseStorage } from "firebase/storage";

export interface FirebaseClients {
  app: FirebaseApp;
  auth: Auth;
  db: Firestore;
  config: RuntimeConfig;
}

let clients: Promise<FirebaseClients> | undefined;
let storageClient: Promise<FirebaseStorage> | undefined;

function splitHostPort(hostPort: string): [string, number] {
  const index = hostPort.lastIndexOf(":");
  return [hostPort.slice(0, index), Number(hostPort.slice(index + 1))];
}

async function readRuntimeConfig(): Promise<RuntimeConfig> {
  const response = await fetch("/runtime-config.json", { cache: "no-store" });
  if (!response.ok) {
    throw new Error(`Could not load /runtime-config.json (HTTP ${response.status}); the app is not configured.`);
  }
  return RuntimeConfig.parse(await response.json());
}

async function initialise(): Promise<FirebaseClients> {
  const config = await readRuntimeConfig();
  const app = initializeApp(config.firebase);
  const auth = getAuth(app);
  const db = getFirestore(app);
  if (config.emulators) {
    connectAuthEmulator(auth, `http://${config.emulators.auth}`, { disableWarnings: true });
    connectFirestoreEmulator(db, ...splitHostPort(config.emulators.firestore));
  }
  return { app, auth, db, config };
}

async function initialiseStorage(): Promise<FirebaseStorage> {
  const [{ app, config }, { connectStorageEmulator, getStorage }] = await Promise.all([getFirebase(), import("firebase/storage")]);
  const storage = getStorage(app);
  // The SDK retries a failing upload for 10 minutes by default before giving
  // up; after 2 the upload page says so and retries the file itself.
  storage.maxUploadRetryTime = 2 * 60_000;
  if (config.emulators) connectStorageEmulator(storage, ...splitHostPort(config.emulators.storage));
  return storage;
}

/** Resolves once, on first use, to the initialised Firebase clients. */
export function getFirebase(): Promise<FirebaseClients> {
  clients ??= initialise();
  return clients;
}

/** Resolves once, on first use, to Cloud Storage (its SDK fetched then). */
export function getFirebaseStorage(): Promise<FirebaseStorage> {
  storageClient ??= initialiseStorage();
  return storageClient;
}
