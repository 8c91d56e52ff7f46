// OHIF's published app loads every mode it was built with at start-up (tmtv, microscopy,
// preclinical 4D, segmentation, ultrasound...), and each mode loads its extensions' chunks
// before the viewer asks for its study: megabytes of script to fetch and compile that our
// viewer never runs. Our app opens only /ohif/viewer/dicomjson, the longitudinal mode, whose
// own extension dependencies bring SR, SEG, RT, PDF and video display. So the build keeps
// only that mode in the generated plugin list (pluginImports.js, inlined in app.bundle).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { OhifFetchError } from "./errors.mjs";

/** The modes our viewer URL can reach; the route `viewer` is the longitudinal mode's. */
export const KEPT_MODES = ["@ohif/mode-longitudinal"];
/** Extensions OHIF's plugin list loads at start-up for a mode we drop. */
export const DROPPED_EXTENSIONS = ["@ohif/extension-ultrasound-pleura-bline"];

const PUSH = /^pluginImports_(modes|extensions)\.push\("([^"]+)"\);$/gm;

/** The app bundle's plugin list with only the kept modes; returns the new text and what it dropped. */
export function pruneModes(text, file = "app.bundle") {
  const found = [...text.matchAll(PUSH)].map(([, kind, name]) => ({ kind, name }));
  for (const name of KEPT_MODES) {
    if (!found.some((entry) => entry.kind === "modes" && entry.name === name)) {
      throw new OhifFetchError(`${file} has no pluginImports_modes.push("${name}"); check the mode pruning (scripts/ohif/prune-modes.mjs)`);
    }
  }
  const dropped = [];
  const pruned = text.replace(PUSH, (line, kind, name) => {
    const keep = kind === "modes" ? KEPT_MODES.includes(name) : !DROPPED_EXTENSIONS.includes(name);
    if (keep) return line;
    dropped.push(name);
    return `/* ${name}: not loaded, see scripts/ohif/prune-modes.mjs */`;
  });
  return { text: pruned, dropped };
}

/** Prunes the plugin list of the one app bundle in `dir`; returns the dropped modes and extensions. */
export function pruneAppModes(dir) {
  const bundles = readdirSync(dir).filter((name) => /^app\.bundle\.[0-9a-f]+\.js$/.test(name));
  if (bundles.length !== 1) throw new OhifFetchError(`expected one app.bundle.<hash>.js in ${dir}, found ${bundles.length}`);
  const file = join(dir, bundles[0]);
  const { text, dropped } = pruneModes(readFileSync(file, "utf8"), bundles[0]);
  writeFileSync(file, text);
  return dropped;
}

/** What the viewer loads before it asks for its study: OHIF's app bundle, styles and the kept plugins' chunks. */
const BOOT_PLUGINS = ["@ohif/extension-default", "@ohif/extension-cornerstone", ...KEPT_MODES];
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
  return urls;
}
