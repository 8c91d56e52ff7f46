import { readFileSync } from "node:fs";
import { z } from "zod";

/**
 * The service-account key that signs viewer URLs. Signing is local RSA, so a
 * 1,000-instance manifest costs no network call per URL. Production reads it
 * from Secret Manager (`PACS_SIGNING_KEY`, the key's JSON); local runs from
 * the file `npm start` generates in the git-ignored `.secrets/`.
 */
export const SigningKey = z.object({
  client_email: z.string().email(),
  private_key: z.string().includes("PRIVATE KEY"),
});
export type SigningKey = z.infer<typeof SigningKey>;

export function loadSigningKey(env: NodeJS.ProcessEnv = process.env): SigningKey {
  return SigningKey.parse(JSON.parse(readSecret(env, "PACS_SIGNING_KEY", "URL signing key")));
}

/** A secret from `NAME` (Secret Manager in production) or the file named by `NAME_FILE` (local runs). */
export function readSecret(env: NodeJS.ProcessEnv, name: string, what: string): string {
  const fileName = env[`${name}_FILE`];
  const raw = env[name] ?? (fileName ? readFileSync(fileName, "utf8") : undefined);
  if (!raw) throw new Error(`No ${what}: set the ${name} secret (docs/deploy.md), or ${name}_FILE locally`);
  return raw.trim();
}
