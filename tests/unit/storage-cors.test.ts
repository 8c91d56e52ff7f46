/**
 * The instances bucket's CORS policy (docs/deploy.md applies it): the viewer
 * on the app's origin may read signed URLs, nothing else may, and nothing
 * may write.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

const rules = JSON.parse(readFileSync(join(__dirname, "..", "..", "storage.cors.json"), "utf8")) as Array<{
  origin: string[];
  method: string[];
  responseHeader: string[];
  maxAgeSeconds: number;
}>;

it("lets only the app's own origins read, with the headers the viewer needs", () => {
  expect(rules).toHaveLength(1);
  const [rule] = rules;
  expect(rule!.origin).toEqual(["https://PROJECT_ID.web.app", "https://PROJECT_ID.firebaseapp.com"]);
  expect(rule!.origin.some((origin) => origin.includes("*"))).toBe(false);
  expect(rule!.method.sort()).toEqual(["GET", "HEAD"]);
  expect(rule!.responseHeader).toEqual(expect.arrayContaining(["Content-Type", "Content-Length"]));
  expect(rule!.maxAgeSeconds).toBeGreaterThan(0);
});
