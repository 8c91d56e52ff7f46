// A service-account-shaped key for signing viewer URLs on the emulators,
// generated at first start into the git-ignored .secrets/ folder. Production
// uses a real service-account key from Secret Manager (docs/deploy.md).
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function ensureDevSigningKey(root, projectId) {
  const dir = join(root, ".secrets");
  const path = join(dir, "url-signing-key.json");
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const key = {
    type: "service_account",
    client_email: `pacs-url-signer@${projectId}.iam.gserviceaccount.com`,
    private_key: privateKey.export({ type: "pkcs8", format: "pem" }),
  };
  writeFileSync(path, JSON.stringify(key, null, 2) + "\n", { mode: 0o600 });
  return path;
}

/**
 * A random secret for local runs (the viewer ticket and share-token secrets),
 * in its own file: production keeps each in Secret Manager (docs/deploy.md).
 */
export function ensureDevSecret(root, fileName) {
  const dir = join(root, ".secrets");
  const path = join(dir, fileName);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(path, randomBytes(32).toString("base64url") + "\n", { mode: 0o600 });
  return path;
}
