// Cloud Storage operations, counted by a proxy between their clients (our
// functions, the bench's own upload, the viewer's signed-URL fetches) and the
// Storage emulator, and classed as Google bills them: Class A, Class B or
// free (https://cloud.google.com/storage/pricing#operations-by-class).
import { createServer, request as httpRequest } from "node:http";

/** JSON API paths: /storage/v1/b/{bucket}[/o[/{object}]], uploads under /upload/storage/v1/..., media under /download/storage/v1/... */
const JSON_OBJECT = /^\/(?:upload\/|download\/)?storage\/v1\/b\/[^/]+\/o(?:\/([^?]+))?$/;
const JSON_BUCKET = /^\/storage\/v1\/b(?:\/[^/]+)?$/;
/** Firebase's own API (the web SDK's uploads and downloads), which the emulator also serves. */
const FIREBASE_OBJECT = /^\/v0\/b\/[^/]+\/o(?:\/([^?]+))?$/;

/**
 * "A", "B" or "free" for one request, from its method and URL (path and
 * query). JSON API: insert, patch, update, list, copy, rewrite, compose are
 * Class A; get (metadata or media) is Class B; delete is free. XML API
 * (signed URLs are /{bucket}/{object}): PUT and POST are Class A, GET and
 * HEAD Class B, DELETE free. Anything else is reported as "unknown", so a
 * new kind of request shows up in the report instead of being guessed.
 */
export function classifyStorageRequest(method, url) {
  const { pathname } = new URL(url, "http://x");
  const upper = method.toUpperCase();
  if (upper === "DELETE") return "free";
  const object = JSON_OBJECT.exec(pathname) ?? FIREBASE_OBJECT.exec(pathname);
  if (object) {
    const rest = object[1];
    if (upper === "GET") return rest ? "B" : "A"; // get of one object, or a list
    if (upper === "HEAD") return "B";
    // insert (simple, multipart, a resumable upload's start and each of its chunks: counted, to err on the dear side), patch, update, copyTo, rewriteTo, compose
    if (["POST", "PUT", "PATCH"].includes(upper)) return "A";
    return "unknown";
  }
  if (JSON_BUCKET.test(pathname)) return upper === "GET" ? (pathname === "/storage/v1/b" ? "A" : "B") : "A";
  // XML API: /{bucket}/{object...}
  if (/^\/[^/]+\/.+/.test(pathname)) {
    if (upper === "GET" || upper === "HEAD") return "B";
    if (upper === "PUT" || upper === "POST") return "A";
  }
  return "unknown";
}

function emptyCounts() {
  return { A: 0, B: 0, free: 0, unknown: 0, unknownSamples: [] };
}

/**
 * Starts the counting proxy on 127.0.0.1 (a free port) in front of the
 * Storage emulator at `target` (host:port). A Location header that names the
 * emulator (resumable uploads) is rewritten to the proxy, so the rest of the
 * upload is counted too. `take()` returns the counts since the last take.
 */
export async function startStorageCounter({ target }) {
  let counts = emptyCounts();
  const server = createServer((req, res) => {
    const kind = classifyStorageRequest(req.method ?? "GET", req.url ?? "/");
    counts[kind] += 1;
    if (kind === "unknown" && counts.unknownSamples.length < 5) counts.unknownSamples.push(`${req.method} ${req.url}`);
    const [hostname, port] = target.split(":");
    const upstream = httpRequest({ hostname, port: Number(port), method: req.method, path: req.url, headers: { ...req.headers, host: target } }, (answer) => {
      const headers = { ...answer.headers };
      if (typeof headers.location === "string") headers.location = headers.location.replace(`//${target}`, `//${proxyHost}`).replace(`//localhost:${port}`, `//${proxyHost}`);
      res.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(res);
    });
    upstream.on("error", (error) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end(`storage counter: ${error.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, resolve);
  });
  const proxyHost = `127.0.0.1:${server.address().port}`;
  return {
    origin: `http://${proxyHost}`,
    port: server.address().port,
    take() {
      const taken = counts;
      counts = emptyCounts();
      return taken;
    },
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
