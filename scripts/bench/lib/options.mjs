// Command-line options of `npm run bench:ingest`, parsed by node:util so that
// a typo fails with a sentence instead of being ignored.
import { parseArgs } from "node:util";

export const USAGE = `Usage: npm run bench:ingest -- [options]

  --instances N   slices in the generated CT series (default 300; 2000 with --big)
  --big           a ~1 GB ZIP stored uncompressed, for the memory target (RSS < 512 MB)
  --only WHICH    run only "ours" or only "orthanc"
  --install       install Orthanc with apt-get if it is missing (root only; implied by CI=true)
  --no-build      use the functions bundle built last time
  --regenerate    build the CT series and its ZIP again even if a cached copy exists
  --timeout S     give up on our ingest after S seconds (default 60 + 1 per instance)
  --no-cost       skip counting operations and CPU (and opening the study) for their price
  --workers LIST  large archive in parallel: worker counts to time, e.g. 1,2 (default 1,2,4; "none" skips it)
  --fanout-instances N  slices in that archive (default 2000)
  --port-base P   first port of the emulators (default $PACS_BENCH_PORT_BASE or 28300)
  -h, --help      show this text`;

/** Slices in --big mode: 2000 uncompressed 512x512x16-bit slices make a ZIP of ~1.05 GB. */
const BIG_INSTANCES = 2000;

export class UsageError extends Error {}

export function parsePositiveInt(value, name) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive whole number, got "${value}"`);
  return n;
}

/** Options every benchmark takes; each adds its own. */
const COMMON_OPTIONS = {
  only: { type: "string" },
  install: { type: "boolean", default: false },
  "no-build": { type: "boolean", default: false },
  regenerate: { type: "boolean", default: false },
  "port-base": { type: "string" },
  help: { type: "boolean", short: "h", default: false },
};

/** Parses the command line with the common options plus `options`; a bad one is a UsageError. */
export function parseBenchArgs(argv, options) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options } }));
  } catch (error) {
    throw new UsageError(error.message);
  }
  if (values.only !== undefined && !["ours", "orthanc"].includes(values.only)) {
    throw new UsageError(`--only takes "ours" or "orthanc", got "${values.only}"`);
  }
  return values;
}

/**
 * What the common options mean, the same in every benchmark; `portEnv` and
 * `defaultPortBase` give each bench its own ports, so two can run at once.
 */
export function readCommonOptions(values, env, { portEnv, defaultPortBase }) {
  return {
    help: values.help,
    runOurs: values.only !== "orthanc",
    runOrthanc: values.only !== "ours",
    // CI machines are disposable, so installing a package there needs no flag.
    install: values.install || env.CI === "true" || env.CI === "1",
    build: !values["no-build"],
    regenerate: values.regenerate,
    portBase: parsePositiveInt(values["port-base"] ?? env[portEnv] ?? String(defaultPortBase), `--port-base / ${portEnv}`),
  };
}

export function parseOptions(argv = process.argv.slice(2), env = process.env) {
  const values = parseBenchArgs(argv, {
    instances: { type: "string" },
    big: { type: "boolean", default: false },
    timeout: { type: "string" },
    "no-cost": { type: "boolean", default: false },
    workers: { type: "string", default: "1,2,4" },
    "fanout-instances": { type: "string", default: "2000" },
  });
  const instances = values.instances ? parsePositiveInt(values.instances, "--instances") : values.big ? BIG_INSTANCES : 300;
  return {
    ...readCommonOptions(values, env, { portEnv: "PACS_BENCH_PORT_BASE", defaultPortBase: 28300 }),
    instances,
    big: values.big,
    cost: !values["no-cost"],
    timeoutMs: (values.timeout ? parsePositiveInt(values.timeout, "--timeout") : 60 + instances) * 1000,
    workers: values.workers === "none" ? [] : values.workers.split(",").map((n) => parsePositiveInt(n.trim(), "--workers")),
    fanoutInstances: parsePositiveInt(values["fanout-instances"], "--fanout-instances"),
  };
}
