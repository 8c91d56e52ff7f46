// Command-line options of `npm run bench:viewer`.
import { parseBenchArgs, parsePositiveInt, readCommonOptions } from "./options.mjs";

export const VIEWER_USAGE = `Usage: npm run bench:viewer -- [options]

  --studies N        studies to search among (default 10000; ours and Orthanc's)
  --orthanc-budget S stop loading studies into Orthanc after about S seconds (default 120)
  --only WHICH       run only "ours" or only "orthanc"
  --install          install Orthanc with apt-get if it is missing (root only; implied by CI=true)
  --no-build         use the functions bundle built last time (the web app is never rebuilt:
                     apps/web/out with OHIF must exist; the bench serves a private copy)
  --regenerate       build the CT series and its ZIP again even if a cached copy exists
  --port-base P      first port of the emulators (default $PACS_BENCH_VIEWER_PORT_BASE or 28320)
  -h, --help         show this text`;


export function parseViewerOptions(argv = process.argv.slice(2), env = process.env) {
  const values = parseBenchArgs(argv, {
    studies: { type: "string", default: "10000" },
    "orthanc-budget": { type: "string", default: "120" },
  });
  return {
    ...readCommonOptions(values, env, { portEnv: "PACS_BENCH_VIEWER_PORT_BASE", defaultPortBase: 28320 }),
    studies: parsePositiveInt(values.studies, "--studies"),
    orthancBudgetSeconds: parsePositiveInt(values["orthanc-budget"], "--orthanc-budget"),
    /** The counts: 10 manifest requests, 20 searches, 3 page loads. */
    repeats: { manifest: 10, search: 20, pageLoads: 3 },
  };
}
