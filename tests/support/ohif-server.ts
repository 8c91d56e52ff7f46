/**
 * OHIF as another site runs it: our built copy of the viewer (apps/web/out/ohif,
 * the published @ohif/app dist under /ohif/) served from another local origin
 * with an app-config.js of the test's own, so that a test can point OHIF's own
 * data sources at our DICOMweb service. Listens on 127.0.0.1 only.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";

const OHIF_DIR = join(__dirname, "..", "..", "apps", "web", "out", "ohif");
const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

export interface OhifServer {
  /** The origin, e.g. http://127.0.0.1:41234; the viewer is under /ohif/. */
  origin: string;
  close: () => Promise<void>;
}

/** Serves the viewer with `appConfig` (the text of an app-config.js) in place of ours; any other path under /ohif/ is the single-page app. */
export async function serveOhif(appConfig: string): Promise<OhifServer> {
  if (!existsSync(join(OHIF_DIR, "index.html"))) throw new Error(`No built viewer in ${OHIF_DIR}: run the tests through scripts/test.mjs, which builds it.`);
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    if (!path.startsWith("/ohif/")) return void response.writeHead(404).end();
    if (path === "/ohif/app-config.js") return void response.writeHead(200, { "Content-Type": "text/javascript" }).end(appConfig);
    const file = normalize(join(OHIF_DIR, path.slice("/ohif/".length)));
    const isFile = file.startsWith(OHIF_DIR) && existsSync(file) && statSync(file).isFile();
    const served = isFile ? file : join(OHIF_DIR, "index.html");
    response.writeHead(200, { "Content-Type": TYPES[extname(served)] ?? "application/octet-stream" }).end(readFileSync(served));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
