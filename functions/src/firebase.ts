/** The Admin SDK, initialised once per runtime instance. */
import { getApps, initializeApp } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { getFirestore } from "firebase-admin/firestore";
import { getStorage } from "firebase-admin/storage";

const app = getApps()[0] ?? initializeApp();

export const adminAuth = getAuth(app);
export const db = getFirestore(app);
// Type 2 DICOM attributes are often absent; absent is stored as a missing field, not an error.
db.settings({ ignoreUndefinedProperties: true });
export const storage = getStorage(app);
