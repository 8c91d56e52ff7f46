/**
 * A bare page that drives the Firebase web SDK directly, for testing
 * storage.rules from a real browser against paths the app's UI never uses.
 * Bundled by the test with esbuild; never part of the product.
 */
import { initializeApp } from "firebase/app";
import { connectAuthEmulator, getAuth, signInWithEmailAndPassword } from "firebase/auth";
import { connectStorageEmulator, getStorage, ref, uploadBytesResumable } from "firebase/storage";

interface HarnessConfig {
  projectId: string;
  authOrigin: string;
  storageHost: string;
  storagePort: number;
}

type UploadOutcome = { ok: true; bytesTransferred: number; progressEvents: number } | { ok: false; code: string };

/** Uploads as the upload page does: the file's path inside the dropped folder travels in custom metadata. */
async function uploadAs(
  config: HarnessConfig,
  email: string,
  password: string,
  path: string,
  relativePath: string,
  size: number,
): Promise<UploadOutcome> {
  const app = initializeApp({ apiKey: "demo-api-key", projectId: config.projectId, storageBucket: `${config.projectId}.appspot.com` }, path);
  const auth = getAuth(app);
  connectAuthEmulator(auth, config.authOrigin, { disableWarnings: true });
  const storage = getStorage(app);
  connectStorageEmulator(storage, config.storageHost, config.storagePort);
  await signInWithEmailAndPassword(auth, email, password);
  const task = uploadBytesResumable(ref(storage, path), new Uint8Array(size).fill(1), {
    contentType: "application/dicom",
    customMetadata: { relativePath },
  });
  let progressEvents = 0;
  task.on("state_changed", () => (progressEvents += 1));
  try {
    const snapshot = await task;
    return { ok: true, bytesTransferred: snapshot.bytesTransferred, progressEvents };
  } catch (error) {
    return { ok: false, code: (error as { code?: string }).code ?? String(error) };
  }
}

(window as unknown as { harness: unknown }).harness = { uploadAs };
