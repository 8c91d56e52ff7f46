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
  const raw = env.PACS_SIGNING_KEY ?? (env.PACS_SIGNING_KEY_FILE ? readFileSync(env.PACS_SIGNING_KEY_FILE, "utf8") : undefined);
  if (!raw) throw new Error("No URL signing key: set the PACS_SIGNING_KEY secret (docs/deploy.md), or PACS_SIGNING_KEY_FILE locally");
  return SigningKey.parse(JSON.parse(raw));
}
