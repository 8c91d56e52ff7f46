// OHIF's published dist/ is built for the site root: index.html links "/app.bundle…js",
// sets window.PUBLIC_URL = "/", every webpack runtime (app and workers) has
// `__webpack_require__.p = "/"` for chunks, wasm and workers, and the CSS loads its
// font from "/…woff2". These rewrites move all of it under a sub-path such as "/ohif/".
// The router's base comes from app-config.js (routerBasename).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { OhifFetchError } from "./errors.mjs";

const WEBPACK_PUBLIC_PATH = '__webpack_require__.p = "/";';
/** index.html's inline scripts move to this file, so the CSP needs no 'unsafe-inline' for scripts. */
export const BOOT_SCRIPT = "pacs-boot.js";

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

/** Root-absolute attributes point under the sub-path; inline scripts become one external file. */
export function moveIndexHtml(html, subPath) {
  const rooted = html.replace(/\b(href|src|content)="\/(?!\/)/g, `$1="${subPath}`);
  const inline = [...rooted.matchAll(/<script>([\s\S]*?)<\/script>/g)];
  if (!inline.some(([, body]) => body.includes('window.PUBLIC_URL="/"'))) {
    throw new OhifFetchError('index.html no longer sets window.PUBLIC_URL="/" inline; check the sub-path rewrite');
  }
  const boot = inline.map(([, body]) => body.replaceAll('window.PUBLIC_URL="/"', `window.PUBLIC_URL=${JSON.stringify(subPath)}`));
  let first = true;
  const page = rooted.replace(/<script>[\s\S]*?<\/script>/g, () => {
    if (!first) return "";
    first = false;
    return `<script src="${subPath}${BOOT_SCRIPT}"></script>`;
  });
  return { page, boot: boot.map((body) => `${body};\n`).join("") };
}

/** Rewrites the unpacked dist in `dir` in place. */
export function moveUnderSubPath(dir, subPath) {
  const indexPath = join(dir, "index.html");
  const { page, boot } = moveIndexHtml(readFileSync(indexPath, "utf8"), subPath);
  writeFileSync(indexPath, page);
  writeFileSync(join(dir, BOOT_SCRIPT), boot);

  let runtimes = 0;
  for (const file of listFiles(dir)) {
    const ext = extname(file);
    if (ext !== ".js" && ext !== ".css") continue;
    const text = readFileSync(file, "utf8");
    const moved =
      ext === ".js"
        ? text.replaceAll(WEBPACK_PUBLIC_PATH, `__webpack_require__.p = ${JSON.stringify(subPath)};`)
        : text.replace(/url\(\/(?!\/)/g, `url(${subPath}`);
    if (moved === text) continue;
    if (ext === ".js") runtimes += 1;
    writeFileSync(file, moved);
  }
  if (runtimes === 0) throw new OhifFetchError(`no webpack runtime with ${WEBPACK_PUBLIC_PATH} found in ${dir}`);
}
