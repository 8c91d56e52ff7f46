// Command-line options of `npm run bench:share`.
import { parseBenchArgs, parsePositiveInt, readCommonOptions, UsageError } from "./options.mjs";

export const SHARE_USAGE = `Usage: npm run bench:share -- [options]

  --connections N  concurrent connections, ours and Orthanc's (default 50)
  --requests N     manifest requests per side (default 4 per connection). A count, not a
                   time: under 50 connections an answer from the emulators takes seconds,
                   and a timed run would leave its slowest requests out of the percentiles
  --duration S     run each side's manifest load for S seconds instead of --requests
                   (requests under way at the end count neither as answers nor as errors)
  --opens N        link opens (POST /api/shares/open) after the manifest load
                   (default 2 per connection; 0 skips them)
  --timeout S      a request unanswered after S seconds counts as an error (default 60:
                   Firebase Hosting gives up on a function rewrite after 60 s too)
  --instances N    slices in the shared CT study (default 300, the viewer bench's series)
  --only WHICH     run only "ours" or only "orthanc"
  --install        install Orthanc with apt-get if it is missing (root only; implied by CI=true)
  --no-build       use the functions bundle built last time
  --regenerate     build the CT series and its ZIP again even if a cached copy exists
  --port-base P    first port of the emulators (default $PACS_BENCH_SHARE_PORT_BASE or 28340)
  -h, --help       show this text`;

/** Like parsePositiveInt, but 0 is allowed (it switches a step off). */
function parseCount(value, name) {
  return value === "0" ? 0 : parsePositiveInt(value, name);
}

export function parseShareOptions(argv = process.argv.slice(2), env = process.env) {
  const values = parseBenchArgs(argv, {
    connections: { type: "string", default: "50" },
    requests: { type: "string" },
    duration: { type: "string" },
    opens: { type: "string" },
    timeout: { type: "string", default: "60" },
    instances: { type: "string", default: "300" },
  });
  const connections = parsePositiveInt(values.connections, "--connections");
  if (values.requests !== undefined && values.duration !== undefined) throw new UsageError("give --requests or --duration, not both");
  const durationSeconds = values.duration === undefined ? null : parsePositiveInt(values.duration, "--duration");
  const requests = durationSeconds !== null ? null : values.requests === undefined ? 4 * connections : parsePositiveInt(values.requests, "--requests");
  if (requests !== null && requests < connections) throw new UsageError(`--requests (${requests}) must be at least --connections (${connections}), or some connections send nothing`);
  return {
    ...readCommonOptions(values, env, { portEnv: "PACS_BENCH_SHARE_PORT_BASE", defaultPortBase: 28340 }),
    load: { connections, requests, durationSeconds, timeoutSeconds: parsePositiveInt(values.timeout, "--timeout") },
    opens: values.opens === undefined ? 2 * connections : parseCount(values.opens, "--opens"),
    instances: parsePositiveInt(values.instances, "--instances"),
  };
}
