// Command-line options of `npm run bench:viewer`.
import { parseBenchArgs, parsePositiveInt, readCommonOptions, UsageError } from "./options.mjs";

function parseNonNegativeInt(value, name) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name} must be a whole number, 0 or more, got "${value}"`);
  return n;
}

export const VIEWER_USAGE = `Usage: npm run bench:viewer -- [options]

  --studies N        studies to search among (default 10000; ours and Orthanc's)
  --orthanc-budget S stop loading studies into Orthanc after about S seconds (default 120)
  --rounds N         fresh browser contexts for the first image (default 3): each
                     gives one cold visit and --warm later visits
  --warm N           warm visits per round (default 2)
  --trace            record a Chrome trace of the first cold and warm visit (into
                     .cache/bench/logs/<run>/) and print the main thread's compile,
                     script and GC time until the manifest request
  --quick            a short run to check the bench works: 2 rounds, 3 manifest
                     requests, 5 searches, 500 studies (unless --studies is given)
  --only WHICH       run only "ours" or only "orthanc"
  --install          install Orthanc with apt-get if it is missing (root only; implied by CI=true)
  --no-build         use the functions bundle built last time (the web app is never rebuilt:
                     apps/web/out with OHIF must exist; the bench serves a private copy)
  --regenerate       build the CT series and its ZIP again even if a cached copy exists
  --port-base P      first port of the emulators (default $PACS_BENCH_VIEWER_PORT_BASE or 28320)
  -h, --help         show this text`;


export function parseViewerOptions(argv = process.argv.slice(2), env = process.env) {
  const values = parseBenchArgs(argv, {
    studies: { type: "string" },
    rounds: { type: "string" },
    warm: { type: "string", default: "2" },
    quick: { type: "boolean", default: false },
    trace: { type: "boolean", default: false },
    "orthanc-budget": { type: "string", default: "120" },
  });
  const quick = values.quick;
  return {
    quick,
    trace: values.trace,
    ...readCommonOptions(values, env, { portEnv: "PACS_BENCH_VIEWER_PORT_BASE", defaultPortBase: 28320 }),
    studies: parsePositiveInt(values.studies ?? (quick ? "500" : "10000"), "--studies"),
    orthancBudgetSeconds: parsePositiveInt(values["orthanc-budget"], "--orthanc-budget"),
    /** The counts: 10 manifest requests, 20 searches, 3 cold and 6 warm page loads. */
    repeats: {
      manifest: quick ? 3 : 10,
      search: quick ? 5 : 20,
      rounds: parsePositiveInt(values.rounds ?? (quick ? "2" : "3"), "--rounds"),
      warmVisits: parseNonNegativeInt(values.warm, "--warm"),
    },
  };
}
