import type { DicomJsonManifest } from "./manifest";

/**
 * Signing is the manifest's cost: one RSA signature per instance, 300 for a
 * CT. A study opened by many at once (a share link sent to a department,
 * the viewer reloaded) gets the same manifest for a minute, signed once. A
 * build in flight is shared too, so a burst of requests signs once. Cached
 * URLs keep at least their lifetime minus a minute, and never outlive the
 * `notAfter` they were signed with. Checks (ownership, revocation) run on
 * every request before the cache is asked.
 */
export const MANIFEST_CACHE_MS = 60_000;
const MAX_ENTRIES = 500;

export class ManifestCache {
  private readonly entries = new Map<string, { until: number; manifest: Promise<DicomJsonManifest> }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(key: string, build: () => Promise<DicomJsonManifest>): Promise<DicomJsonManifest> {
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.manifest;
    if (this.entries.size >= MAX_ENTRIES) this.evict(now);
    const manifest = build();
    this.entries.set(key, { until: now + MANIFEST_CACHE_MS, manifest });
    // A failed build is not kept: the next request tries again.
    manifest.catch(() => this.entries.delete(key));
    return manifest;
  }

  /** Expired entries go; if none had expired, the oldest goes (Map keeps insertion order). */
  private evict(now: number): void {
    for (const [key, entry] of this.entries) if (entry.until <= now) this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}
