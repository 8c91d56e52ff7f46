// What a viewer start fetches before it can ask for its study: OHIF's app bundle, its CSS and
// the chunks of the plugins it starts with. OHIF only asks for those chunks once the 17 MB app
// bundle has run, one wait after another. The build lists them for the study page, which
// prefetches them (apps/web/src/lib/warm-viewer.ts), and preloads them from index.html, so a
// cold start fetches and compiles them while the app bundle still loads.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { OhifFetchError } from "./errors.mjs";
import { KEPT_MODES } from "./prune-modes.mjs";

/** What the viewer loads before it asks for its study: OHIF's app bundle, styles and the kept plugins' chunks. */
export const BOOT_PLUGINS = ["@ohif/extension-default", "@ohif/extension-cornerstone", ...KEPT_MODES];
/** Listed for the study page, which prefetches them (apps/web/src/lib/warm-viewer.ts). */
export const BOOT_FILES = "pacs-boot-files.json";

/**
 * Writes `BOOT_FILES` into `dir`: the URLs (under `subPath`) of the files a
 * viewer start fetches first, read from the app bundle's plugin loader
 * (`if (module === "<name>") { ... __webpack_require__.e(<chunk id>) ... }`).
 */
export function writeBootFiles(dir, subPath) {
  const files = readdirSync(dir);
  const app = files.find((name) => /^app\.bundle\.[0-9a-f]+\.js$/.test(name));
  const text = readFileSync(join(dir, app), "utf8");
  const ids = new Set();
  for (const name of BOOT_PLUGINS) {
    const block = text.match(new RegExp(`if \\(module === "${name}"\\) \\{([\\s\\S]*?)return imported\\.default;`))?.[1];
    if (!block) throw new OhifFetchError(`${app} has no loader for ${name}; check scripts/ohif/prune-modes.mjs`);
    for (const [, id] of block.matchAll(/__webpack_require__\.e\((?:\/\* import\(\) \*\/ )?(\d+)\)/g)) ids.add(id);
  }
  const chunks = [...ids].flatMap((id) => files.filter((name) => name.startsWith(`${id}.bundle.`) || name === `${id}.css`));
  if (chunks.length < ids.size) throw new OhifFetchError(`some start-up chunks of ${app} (${[...ids].join(", ")}) are missing from ${dir}`);
  const urls = [app, "app.bundle.css", ...chunks.sort()].map((name) => `${subPath}${name}`);
  writeFileSync(join(dir, BOOT_FILES), JSON.stringify(urls) + "\n");
  const indexPath = join(dir, "index.html");
  writeFileSync(indexPath, addPreloads(readFileSync(indexPath, "utf8"), urls));
  return urls;
}

/** `<link rel="preload">` in the head for each URL the page does not load already. */
export function addPreloads(html, urls) {
  if (!html.includes("</head>")) throw new OhifFetchError("OHIF's index.html has no </head>; check scripts/ohif/boot-files.mjs");
  const links = urls
    .filter((url) => !html.includes(`"${url}"`))
    .map((url) => `<link rel="preload" as="${url.endsWith(".css") ? "style" : "script"}" href="${url}">`)
    .join("");
  return html.replace("</head>", `${links}</head>`);
}
