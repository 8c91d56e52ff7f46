/** The rules files repeat numbers and patterns from packages/shared; these tests keep them in step. */
import { CURRENT_POLICY, MAX_UPLOAD_FILE_BYTES, UploadBatchId, UploadFileId, UploadObjectMetadata } from "@pacs/shared";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..", "..");
const storageRules = () => readFileSync(join(root, "storage.rules"), "utf8");

/** The one regex a shared id schema carries (zod 4 keeps `.regex()` checks on the schema's definition). */
function schemaPattern(schema: typeof UploadBatchId): string {
  const patterns = (schema.def.checks ?? [])
    .map((check) => (check._zod.def as { pattern?: unknown }).pattern)
    .filter((pattern): pattern is RegExp => pattern instanceof RegExp);
  expect(patterns).toHaveLength(1);
  return patterns[0]!.source;
}

/** The pattern a storage.rules helper such as `validBatchId(batchId)` matches against. */
function rulesPattern(functionName: string): string | undefined {
  const match = new RegExp(`function ${functionName}\\(\\w+\\) \\{\\s*return \\w+\\.matches\\('([^']+)'\\);`).exec(storageRules());
  return match?.[1];
}

it("firestore.rules accepts exactly the current policy version", () => {
  const rules = readFileSync(join(root, "firestore.rules"), "utf8");
  const match = /function currentPolicyVersion\(\) \{\s*return '([^']+)';/.exec(rules);
  expect(match?.[1]).toBe(CURRENT_POLICY.version);
});

it("storage.rules caps uploads at the shared file size limit", () => {
  const match = /function maxUploadBytes\(\) \{\s*return (\d+);/.exec(storageRules());
  expect(Number(match?.[1])).toBe(MAX_UPLOAD_FILE_BYTES);
});

it.each([
  ["validBatchId", "UploadBatchId", UploadBatchId],
  ["validFileId", "UploadFileId", UploadFileId],
])("storage.rules %s uses the same pattern as %s", (functionName, _schemaName, schema) => {
  expect(rulesPattern(functionName)).toBe(schemaPattern(schema));
});

it("storage.rules bounds relativePath metadata as UploadObjectMetadata does", () => {
  const rules = storageRules();
  const min = /metadata\.relativePath\.size\(\) >= (\d+)/.exec(rules);
  const max = /metadata\.relativePath\.size\(\) <= (\d+)/.exec(rules);
  const { relativePath } = UploadObjectMetadata.shape;
  expect(Number(min?.[1])).toBe(relativePath.minLength);
  expect(Number(max?.[1])).toBe(relativePath.maxLength);
});
