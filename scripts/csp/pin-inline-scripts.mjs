#!/usr/bin/env node
// After `next build`: gives every exported app page a script policy that names its own inline
// scripts by hash. Next's static export writes inline <script> blocks (the React Server
// Components payload) into each page; they differ per page and per build, so their hashes
// cannot live in the committed firebase.json. A <meta http-equiv> policy in the page itself can
// carry them. The browser enforces it together with the header policy of firebase.json (both
// must allow a load), so the header keeps the directives a <meta> cannot carry (frame-ancestors)
// and the meta adds `script-src`: our own origin's files, these hashes, and Google's tag
// script that Analytics loads after consent. An injected inline script has no matching hash and
// is refused. OHIF (out/ohif) has its own policy (docs/viewer.md) and is left alone.
//   node scripts/csp/pin-inline-scripts.mjs <out dir>
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Sources allowed besides the page's own inline scripts. */
export const SCRIPT_SOURCES = ["'self'", "https://www.googletagmanager.com"];

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;
const MARKER = 'data-pacs-csp=""';

/** The page with a script policy early in <head> (after the charset, which must stay in the first 1024 bytes); unchanged if it has one. */
export function pinInlineScripts(html) {
  if (html.includes(MARKER)) return html;
  const hashes = [...html.matchAll(INLINE_SCRIPT)].map(([, body]) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
  const policy = `script-src ${[...SCRIPT_SOURCES, ...new Set(hashes)].join(" ")}`;
  const head = html.search(/<head(\s[^>]*)?>/i);
  if (head < 0) throw new Error("pin-inline-scripts: a page without <head>, so no place for its script policy");
  const charset = /^<meta charSet="[^"]*"\/>/i.exec(html.slice(html.indexOf(">", head) + 1));
  const at = html.indexOf(">", head) + 1 + (charset ? charset[0].length : 0);
  return `${html.slice(0, at)}<meta http-equiv="Content-Security-Policy" content="${policy}" ${MARKER}/>${html.slice(at)}`;
}

function* htmlFiles(dir, skip) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && path !== skip) yield* htmlFiles(path, skip);
    else if (entry.isFile() && entry.name.endsWith(".html")) yield path;
  }
}

export function pinAll(outDir) {
  let pages = 0;
  for (const file of htmlFiles(outDir, join(outDir, "ohif"))) {
    writeFileSync(file, pinInlineScripts(readFileSync(file, "utf8")));
    pages += 1;
  }
  if (pages === 0) throw new Error(`pin-inline-scripts: no pages in ${outDir}`);
  return pages;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = resolve(process.argv[2] ?? "out");
  console.log(`pin-inline-scripts: ${pinAll(outDir)} pages in ${relative(process.cwd(), outDir) || "."} have their script policy`);
}
