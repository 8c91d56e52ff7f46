// The web app and OHIF as the Hosting emulator serves them to the bench: a
// private copy of apps/web/out (other engineers rebuild it at any moment)
// with this run's runtime-config.json, which names the bench's own ports.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildEmulatorRuntimeConfig } from "../../emulators/config.mjs";
import { SetupError } from "../../emulators/java.mjs";
import { resolvePorts } from "../../emulators/ports.mjs";
import { onCleanup } from "./cleanup.mjs";
import { startHostedEmulators } from "./emulators.mjs";

/** What the viewer URL needs: the app shell and OHIF's entry page. */
const REQUIRED = ["index.html", join("ohif", "index.html"), join("ohif", "app-config.js")];

/** Throws a SetupError naming the missing file when the web build (with OHIF) is incomplete. */
export function assertWebBuilt(outDir) {
  for (const file of REQUIRED) {
    if (!existsSync(join(outDir, file))) {
      throw new SetupError(`${join(outDir, file)} is missing: build the web app with OHIF first (\`npm start\` does, or node -e "import('./scripts/build.mjs').then(m => m.buildAll(process.cwd()))").`);
    }
  }
}

/**
 * Copies apps/web/out into `workDir/web`, writes its runtime config for
 * `ports`, and returns the copy's path and a function that deletes it.
 */
export function prepareWebCopy({ root, workDir, ports }) {
  const source = join(root, "apps", "web", "out");
  assertWebBuilt(source);
  const copy = join(workDir, "web");
  rmSync(copy, { recursive: true, force: true });
  cpSync(source, copy, { recursive: true });
  // A rebuild that emptied out/ during the copy leaves an incomplete copy: say so now, not as a blank viewer.
  assertWebBuilt(copy);
  writeFileSync(join(copy, "runtime-config.json"), JSON.stringify(buildEmulatorRuntimeConfig(ports), null, 2) + "\n");
  return { dir: copy, remove: () => rmSync(copy, { recursive: true, force: true }) };
}

/**
 * The emulators with Hosting serving a private copy of the web app (benches that open pages:
 * viewer, Lighthouse). `stop()` stops them and deletes the copy.
 */
export async function startWebAppEmulators({ root, cacheDir, stamp, portBase, log }) {
  const workDir = join(cacheDir, "logs", stamp, "emulators");
  mkdirSync(workDir, { recursive: true });
  const ports = resolvePorts({ ...process.env, PACS_PORT_BASE: String(portBase) });
  const web = prepareWebCopy({ root, workDir, ports });
  const removeWeb = onCleanup("web copy", async () => web.remove());
  try {
    const emulators = await startHostedEmulators({ root, portBase, workDir, log, hostingPublic: web.dir });
    return {
      emulators,
      ports,
      stop: async () => {
        log("stopping the emulators...");
        await emulators.stop();
        await removeWeb();
      },
    };
  } catch (error) {
    await removeWeb();
    throw error;
  }
}
