#!/usr/bin/env node
// `npm run admin:grant -- <email> [--emulators] [--revoke]`: gives (or takes
// back) the `admin` custom claim, which opens /admin/privacy/ and the admin
// API routes. Production uses Application Default Credentials and the
// project in GOOGLE_CLOUD_PROJECT; `--emulators` talks to a running
// `npm start` (PACS_PORT_BASE applies). The user signs in again to pick it up.
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { resolvePorts } from "./emulators/ports.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const email = args.find((arg) => !arg.startsWith("--"));
if (!email) {
  console.error("Usage: npm run admin:grant -- <email> [--emulators] [--revoke]");
  process.exit(2);
}
if (args.includes("--emulators")) {
  process.env.FIREBASE_AUTH_EMULATOR_HOST = `127.0.0.1:${resolvePorts().auth}`;
  process.env.GOOGLE_CLOUD_PROJECT ??= "demo-radiology-pacs";
}
const require = createRequire(join(root, "functions", "package.json"));
const { initializeApp } = require("firebase-admin/app");
const { getAuth } = require("firebase-admin/auth");

const auth = getAuth(initializeApp({ projectId: process.env.GOOGLE_CLOUD_PROJECT }));
try {
  const user = await auth.getUserByEmail(email);
  const revoke = args.includes("--revoke");
  await auth.setCustomUserClaims(user.uid, { ...(user.customClaims ?? {}), admin: revoke ? undefined : true });
  console.log(`${email} is ${revoke ? "no longer" : "now"} an administrator. They must sign in again for it to take effect.`);
} catch (error) {
  console.error(`Could not change ${email}: ${error.message}`);
  process.exit(1);
}
