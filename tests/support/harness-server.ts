/** Serves a test-only page that bundles the Firebase web SDK, on 127.0.0.1 only. */
import { build } from "esbuild";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface HarnessServer {
  url: string;
  close: () => Promise<void>;
}

export async function serveHarness(entryPoint: string): Promise<HarnessServer> {
  const bundle = await build({ entryPoints: [entryPoint], bundle: true, format: "iife", platform: "browser", write: false, logLevel: "error" });
  const script = bundle.outputFiles[0]!.text;
  const server: Server = createServer((request, response) => {
    if (request.url === "/harness.js") {
      response.writeHead(200, { "Content-Type": "text/javascript" }).end(script);
    } else {
      response.writeHead(200, { "Content-Type": "text/html" }).end('<!doctype html><script src="/harness.js"></script>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
