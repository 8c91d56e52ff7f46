/**
 * scripts/ohif/device-cache.mjs: OHIF's index.html loads a script that unregisters every service
 * worker of the origin at each viewer load, which would switch the device cache off.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

/** The module is ESM, which jest cannot load here: run it in its own node. */
function drop(html: string): string {
  const script = `import("./scripts/ohif/device-cache.mjs").then((m) => process.stdout.write(m.dropOhifServiceWorker(process.argv[1])))`;
  return execFileSync(process.execPath, ["-e", script, html], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

it("drops OHIF's script that unregisters every service worker from the viewer's index.html", () => {
  const html =
    '<head><script src="/ohif/pacs-boot.js"></script><script rel="preload" as="script" type="module" src="/ohif/init-service-worker.js"></script><script defer src="/ohif/app.bundle.js"></script></head>';
  const page = drop(html);
  expect(page).not.toContain("init-service-worker");
  expect(page).toContain('<script src="/ohif/pacs-boot.js"></script><script defer src="/ohif/app.bundle.js"></script>');
});

it("fails the build when index.html loads it in a form the step does not know", () => {
  expect(() => drop('<link rel="modulepreload" href="/ohif/init-service-worker.js">')).toThrow(/init-service-worker/);
});
