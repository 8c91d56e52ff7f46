// Every port the local product uses, in one uncommon range so that it does not
// collide with other programs' defaults (8080, 9099, 5000...). The range sits
// below Linux's ephemeral ports (32768-60999): there, any outgoing connection
// may briefly hold one of our ports, and a start fails at random. Move the
// whole range with PACS_PORT_BASE, or one port with PACS_PORT_<NAME>.

/** Offsets from the base port, one per service. */
const OFFSETS = {
  web: 0, // the Hosting emulator that serves the web app and /api
  auth: 1,
  firestore: 2,
  firestoreWebsocket: 3,
  storage: 4,
  functions: 5,
  hub: 6,
  logging: 7,
  eventarc: 8,
  tasks: 9,
  mail: 10, // SMTP (privacy emails)
  mailWeb: 11, // the local inbox's web page
};

export const DEFAULT_PORT_BASE = 27400;

function envName(name) {
  return `PACS_PORT_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

function parsePort(value, where) {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new Error(`${where} must be a port number between 1024 and 65535, got "${value}"`);
  }
  return port;
}

/** Resolves every port from the environment. */
export function resolvePorts(env = process.env) {
  const base = env.PACS_PORT_BASE ? parsePort(env.PACS_PORT_BASE, "PACS_PORT_BASE") : DEFAULT_PORT_BASE;
  const ports = {};
  for (const [name, offset] of Object.entries(OFFSETS)) {
    const override = env[envName(name)];
    ports[name] = override ? parsePort(override, envName(name)) : base + offset;
  }
  return ports;
}

export { envName };
