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

