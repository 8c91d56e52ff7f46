/** The rules files repeat two numbers from packages/shared; these tests keep them in step. */
import { CURRENT_POLICY, MAX_UPLOAD_FILE_BYTES } from "@pacs/shared";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

it("firestore.rules accepts exactly the current policy version", () => {
  const rules = readFileSync(join(root, "firestore.rules"), "utf8");
  const match = /function currentPolicyVersion\(\) \{\s*return '([^']+)';/.exec(rules);
  expect(match?.[1]).toBe(CURRENT_POLICY.version);
});

it("storage.rules caps uploads at the shared file size limit", () => {
  const rules = readFileSync(join(root, "storage.rules"), "utf8");
  const match = /function maxUploadBytes\(\) \{\s*return (\d+);/.exec(rules);
  expect(Number(match?.[1])).toBe(MAX_UPLOAD_FILE_BYTES);
});
