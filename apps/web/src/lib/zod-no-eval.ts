/**
 * Zod 4 probes `Function("")` to decide whether it may compile fast parsers
 * with eval. The app pages' Content-Security-Policy allows no eval
 * (docs/viewer.md, "App pages"), so the probe is a reported violation on every
 * page. Jitless mode skips the probe and parses without eval. Imported first
 * by firebase.ts, which every page loads before it parses anything.
 */
import { z } from "zod";

z.config({ jitless: true });
