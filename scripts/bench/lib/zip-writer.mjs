// Writes a ZIP without holding its contents in memory: every entry is a
// Readable that builds its bytes only when jszip reaches it (jszip pauses
// input streams until then), and streamFiles writes each entry straight out.
// A 1 GB ZIP of 2000 slices peaks at about 120 MB of RSS this way.
import { createRequire } from "node:module";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/** jszip is a dependency of the functions workspace; resolving it from there adds none to the root. */
function loadJsZip(root) {
  return createRequire(join(root, "functions", "package.json"))("jszip");
}

function lazyEntry(build) {
  let sent = false;
  return new Readable({
    read() {
      if (sent) {
        this.push(null);
        return;
      }
      sent = true;
      try {
        this.push(build());
      } catch (error) {
        this.destroy(error);
      }
    },
  });
}

/**
 * Zips `series` ({ names, buildSlice }) into `zipPath`, DEFLATE (like an
 * export tool's ZIP) or STORE (bytes as they are: the largest archive for the
 * fewest CPU seconds).
 */
export async function writeSeriesZip({ root, series, zipPath, compression }) {
  const JSZip = loadJsZip(root);
  const zip = new JSZip();
  series.names.forEach((name, i) => zip.file(name, lazyEntry(() => series.buildSlice(i)), { binary: true }));
  const output = zip.generateNodeStream({ streamFiles: true, compression, compressionOptions: { level: 6 } });
  await pipeline(output, createWriteStream(zipPath));
}
