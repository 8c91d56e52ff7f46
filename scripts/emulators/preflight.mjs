// Checks that every port is free before firebase-tools starts, so that a busy
// port gets one readable line instead of a half-started emulator suite.
import { createServer } from "node:net";
import { envName } from "./ports.mjs";
import { SetupError } from "./java.mjs";

function isPortFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export async function assertPortsFree(ports, names = Object.keys(ports)) {
  const busy = [];
  for (const name of names) {
    if (!(await isPortFree(ports[name]))) busy.push(`${name} (${ports[name]}, set ${envName(name)})`);
  }
  if (busy.length > 0) {
    throw new SetupError(
      `These ports are in use by another program: ${busy.join(", ")}.\n` +
        "Stop that program, or move every port at once with PACS_PORT_BASE=<port> (for example PACS_PORT_BASE=28400).",
    );
  }
}
