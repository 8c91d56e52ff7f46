/**
 * Warming the viewer while the study page is open: OHIF's start-up scripts
 * (tens of megabytes, listed by the build in /ohif/pacs-boot-files.json, see
 * scripts/ohif/prune-modes.mjs) are prefetched into the HTTP cache, where
 * Hosting keeps them as immutable, so "Open in viewer" does not wait for them.
 */
import { z } from "zod";

export const BOOT_FILES_URL = "/ohif/pacs-boot-files.json";
const BootFiles = z.array(z.string().regex(/^\/ohif\/[\w.-]+\.(?:js|css)$/));

/** The part of `document` this needs, so tests can pass their own. */
export interface LinkHost {
  head: { querySelector(selector: string): unknown; append(node: never): void };
  createElement(tag: "link"): { rel: string; href: string; as: string };
}

/**
 * Adds `<link rel="prefetch">` for each start-up file (once per page) and
 * returns their URLs. A missing or odd list only means a slower viewer: it
 * resolves to [] and the page goes on.
 */
export async function warmViewer(doc: LinkHost, fetchFn: typeof fetch = fetch): Promise<string[]> {
  let urls: string[];
  try {
    const response = await fetchFn(BOOT_FILES_URL);
    if (!response.ok) return [];
    urls = BootFiles.parse(await response.json());
  } catch {
    return [];
  }
  const fresh = urls.filter((url) => !doc.head.querySelector(`link[rel="prefetch"][href="${url}"]`));
  for (const url of fresh) {
    const link = doc.createElement("link");
    link.rel = "prefetch";
    link.as = url.endsWith(".css") ? "style" : "script";
    link.href = url;
    doc.head.append(link as never);
  }
  return fresh;
}
