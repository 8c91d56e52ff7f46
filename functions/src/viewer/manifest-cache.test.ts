import type { DicomJsonManifest } from "./manifest";
import { MANIFEST_CACHE_MS, ManifestCache } from "./manifest-cache";

const manifest = (id: string) => ({ studies: [{ StudyInstanceUID: id }] }) as unknown as DicomJsonManifest;

it("builds once for a burst of requests and again once the entry is a minute old", async () => {
  let now = 0;
  const cache = new ManifestCache(() => now);
  const build = jest.fn(async () => manifest("1.2.3"));
  const burst = await Promise.all(Array.from({ length: 50 }, () => cache.get("alice|1.2.3|", build)));
  expect(build).toHaveBeenCalledTimes(1);
  expect(new Set(burst).size).toBe(1);
  now = MANIFEST_CACHE_MS - 1;
  await cache.get("alice|1.2.3|", build);
  expect(build).toHaveBeenCalledTimes(1);
  now = MANIFEST_CACHE_MS;
  await cache.get("alice|1.2.3|", build);
  expect(build).toHaveBeenCalledTimes(2);
});

it("keeps keys apart and does not keep a failed build", async () => {
  const cache = new ManifestCache(() => 0);
  expect(await cache.get("a", async () => manifest("a"))).toEqual(manifest("a"));
  expect(await cache.get("b", async () => manifest("b"))).toEqual(manifest("b"));
  await expect(cache.get("c", async () => Promise.reject(new Error("storage down")))).rejects.toThrow("storage down");
  expect(await cache.get("c", async () => manifest("c"))).toEqual(manifest("c"));
});
