/**
 * Runs before any of the app's own code in the browser (Next's
 * instrumentation-client hook). Zod 4 probes `Function("")` whenever an object
 * schema is built, to decide whether it may compile fast parsers with eval;
 * @pacs/shared builds its schemas as its modules load. The app pages'
 * Content-Security-Policy allows no eval (docs/viewer.md, "App pages"), so each
 * probe was a reported violation. Jitless mode, set before the first schema is
 * built, skips the probe and parses without eval. (Both copies of zod 4 in the
 * bundle share this setting through globalThis.)
 */
import { z } from "zod";

z.config({ jitless: true });
