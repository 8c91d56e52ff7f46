// The load of `npm run bench:share`: autocannon's programmatic API, with our
// own bookkeeping on top. autocannon keeps 2xx latencies only in an HDR
// histogram without a 95th percentile and counts a 201 as a success; the
// acceptance counts anything but a 200 as an error, so every answer is seen
// here and summarised by the same nearest-rank rule as the viewer bench.
import autocannon from "autocannon";
import { setTimeout as sleep } from "node:timers/promises";
import { quantile } from "./viewer-stats.mjs";

/** Error messages kept for the report: enough to say what went wrong, not a flood. */
const KEPT_MESSAGES = 5;

const round = (ms) => (ms === null ? null : Math.round(ms * 10) / 10);

function summariseLatencies(samplesMs) {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const mean = sorted.length === 0 ? null : sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length;
  return {
    p50Ms: round(quantile(sorted, 0.5)),
    p95Ms: round(quantile(sorted, 0.95)),
    p99Ms: round(quantile(sorted, 0.99)),
    meanMs: round(mean),
    maxMs: round(sorted.at(-1) ?? null),
  };
}

/**
 * Sends `connections` concurrent keep-alive requests for `durationSeconds`
 * (or until `requests` answers, when given). `minBytes` is the least a right
 * answer weighs: a 200 lighter than that counts as an error ("short"), so a
 * half-empty manifest cannot pass for a fast one.
 *
 * Returns requests/s, latency percentiles of the 200 answers, and errors:
 * non-200 answers, short 200s, socket errors and timeouts (autocannon counts
 * a timeout as a socket error too; here it is counted once, as a timeout).
 */
export async function runLoad({ url, method = "GET", headers = {}, body, connections, durationSeconds, requests = null, timeoutSeconds, minBytes = 0 }) {
  // With `amount`, autocannon ignores the duration; it refuses an amount of 0.
  const extent = requests === null ? { duration: durationSeconds } : { amount: requests };
  const instance = autocannon({ url, method, headers, body, connections, timeout: timeoutSeconds, ...extent });
  const okLatencies = [];
  const statusCodes = {};
  let short = 0;
  const messages = new Map();
  instance.on("response", (_client, statusCode, bytes, responseTimeMs) => {
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    if (statusCode !== 200) return;
    if (bytes < minBytes) short += 1;
    else okLatencies.push(responseTimeMs);
  });
  instance.on("reqError", (error) => messages.set(error.message, (messages.get(error.message) ?? 0) + 1));
  const result = await instance;

  const answered = Object.values(statusCodes).reduce((sum, n) => sum + n, 0);
  const non200 = answered - (statusCodes[200] ?? 0);
  const socketErrors = result.errors - result.timeouts;
  const errors = non200 + short + result.errors;
  return {
    url,
    method,
    connections,
    seconds: result.duration,
    answered,
    sent: result.requests.sent,
    // Requests that ended neither in an answer nor in an error: under way when a timed load
    // stopped, or lost in a connection that closed (autocannon then sends again on a new one).
    unfinished: Math.max(0, (requests ?? result.requests.sent) - answered - result.errors),
    requestsPerSecond: answered / result.duration,
    latency: summariseLatencies(okLatencies),
    errors: { total: errors, non200, short, socket: socketErrors, timeouts: result.timeouts },
    statusCodes,
    errorMessages: [...messages].slice(0, KEPT_MESSAGES).map(([message, count]) => `${message} (x${count})`),
  };
}

/** "50 connections, 200 requests" or "50 connections for 30 s", for the log and the report. */
export function describeExtent({ connections, requests, durationSeconds }) {
  return `${connections} connections, ${requests ? `${requests} requests` : `for ${durationSeconds} s`}`;
}

/**
 * Requests the client gave up on (timed out, or under way when a timed load
 * stopped) still run on the server. Waits until they must be over (a timed
 * out one: the timeout again; an unfinished one: the slowest answer's time),
 * so that the next load does not share the CPU with their leftovers.
 */
export async function drain(figures, timeoutSeconds) {
  const timeoutMs = timeoutSeconds * 1000;
  if (figures.errors.timeouts > 0) await sleep(timeoutMs);
  else if (figures.unfinished > 0) await sleep(Math.min(timeoutMs, figures.latency.maxMs ?? timeoutMs));
}

/** Connections in each round of the warm-up: a quarter, a half, then all. */
export function warmUpSteps(connections) {
  return [...new Set([Math.ceil(connections / 4), Math.ceil(connections / 2), connections])];
}

/**
 * Untimed rounds of the same load first, one request per connection each,
 * with more connections each round. The Functions emulator starts a worker
 * process for every request that finds none idle, and gives a worker 30 s
 * to load: fifty starting at once on two cores miss that, which says
 * nothing of the request being measured. Orthanc gets the same rounds (its
 * caches fill). Returns the rounds' figures added up.
 */
export async function warmUp(load, log) {
  const rounds = [];
  for (const connections of warmUpSteps(load.connections)) {
    log(`  warm-up: ${connections} requests on ${connections} connections...`);
    const figures = await runLoad({ ...load, connections, requests: connections });
    await drain(figures, load.timeoutSeconds);
    rounds.push(figures);
  }
  const sum = (pick) => rounds.reduce((total, figures) => total + pick(figures), 0);
  return {
    steps: rounds.map((figures) => figures.connections),
    answered: sum((figures) => figures.answered),
    seconds: sum((figures) => figures.seconds),
    maxMs: Math.max(...rounds.map((figures) => figures.latency.maxMs ?? 0)),
    errors: sum((figures) => figures.errors.total),
    errorMessages: rounds.flatMap((figures) => figures.errorMessages),
  };
}
