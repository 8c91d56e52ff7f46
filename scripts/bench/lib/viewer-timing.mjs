// Where the time to the first image goes, read off one page load's Resource
// Timing entries (times in ms since the page's navigation started). Pure, so
// the breakdown can be checked without a browser.
import { summarise } from "./viewer-stats.mjs";

/** The stages the bench prints, in order; each is the time from the previous stage's end. */
export const STAGES = ["boot", "manifest", "firstPixels", "drawn"];
export const STAGE_LABELS = {
  boot: "OHIF boot",
  manifest: "manifest",
  firstPixels: "first pixel bytes",
  drawn: "drawn",
};

/** A signed URL of a stored instance (its object path starts with instances/, escaped or not). */
const isInstance = (name) => /instances(\/|%2F)/i.test(name);
const isManifest = (name) => /\/api\/viewer-manifests\//.test(name);
const isScript = (entry) => entry.initiatorType === "script" || /\.m?js(\?|$)/.test(entry.name);

/**
 * The breakdown of one load: `entries` are PerformanceResourceTiming-like
 * objects ({name, initiatorType, startTime, responseEnd, transferSize,
 * encodedBodySize, decodedBodySize}); `drawnMs` is when the viewport first
 * showed an image. Throws when the manifest or an instance was never fetched:
 * the image cannot have come from anywhere else.
 */
export function buildLoadBreakdown(entries, drawnMs) {
  const manifest = entries.find((entry) => isManifest(entry.name));
  if (!manifest) throw new Error("the page never requested its manifest (/api/viewer-manifests/...)");
  const instances = entries.filter((entry) => isInstance(entry.name));
  if (instances.length === 0) throw new Error("the page drew an image without fetching any instance");
  const firstInstanceEnd = Math.min(...instances.map((entry) => entry.responseEnd));
  const scripts = entries.filter((entry) => isScript(entry) && entry.startTime <= manifest.startTime);
  const sum = (list, key) => list.reduce((total, entry) => total + (entry[key] ?? 0), 0);
  return {
    totalMs: drawnMs,
    stages: {
      boot: manifest.startTime,
      manifest: manifest.responseEnd - manifest.startTime,
      firstPixels: firstInstanceEnd - manifest.responseEnd,
      drawn: drawnMs - firstInstanceEnd,
    },
    // What the boot loaded before it asked for the manifest: the profile of the "boot" stage.
    bootScripts: {
      count: scripts.length,
      // Bytes over the wire (0 when served from the HTTP cache without a request).
      transferBytes: sum(scripts, "transferSize"),
      decodedBytes: sum(scripts, "decodedBodySize"),
      fromCache: scripts.filter((entry) => entry.transferSize === 0 && entry.decodedBodySize > 0).length,
      files: [...scripts]
        .sort((a, b) => b.decodedBodySize - a.decodedBodySize)
        .map((entry) => ({ file: entry.name.replace(/^.*\//, "").replace(/\?.*$/, ""), decodedBytes: entry.decodedBodySize, transferBytes: entry.transferSize })),
    },
    instancesFetched: instances.length,
  };
}

/** Median (and the rest) of the totals and of each stage, over several loads. */
export function summariseLoads(loads) {
  if (loads.length === 0) return null;
  const stages = Object.fromEntries(STAGES.map((stage) => [stage, summarise(loads.map((load) => load.stages[stage]))]));
  const bootTransfer = summarise(loads.map((load) => load.bootScripts.transferBytes));
  return { ...summarise(loads.map((load) => load.totalMs)), stages, bootTransferBytesMedian: bootTransfer.medianMs, loads };
}
