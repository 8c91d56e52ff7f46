// Timing helpers of `npm run bench:viewer`: repeat a request, keep every
// sample, and summarise with the median and the 95th percentile.

/** The q-quantile (0..1) of sorted numbers, by the nearest-rank method. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

/** `{ n, medianMs, p95Ms, minMs, maxMs, samplesMs }` of samples in milliseconds. */
export function summarise(samplesMs) {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length === 0 ? null : sorted.length % 2 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
  return {
    n: sorted.length,
    medianMs: median,
    p95Ms: quantile(sorted, 0.95),
    minMs: sorted[0] ?? null,
    maxMs: sorted.at(-1) ?? null,
    samplesMs: samplesMs.map((ms) => Math.round(ms * 10) / 10),
  };
}

/**
 * Runs `task` once untimed (a cold function worker or an empty file cache
 * would otherwise be one of the samples; its time is reported apart), then
 * `n` times one after the other. `check` sees each result and throws when it
 * is not the answer being timed.
 */
export async function timeRepeated(n, task, check = () => {}) {
  const warmStarted = performance.now();
  check(await task());
  const warmUpMs = performance.now() - warmStarted;
  const samples = [];
  for (let i = 0; i < n; i += 1) {
    const started = performance.now();
    const result = await task();
    samples.push(performance.now() - started);
    check(result);
  }
  return { ...summarise(samples), warmUpMs };
}

/** GET `url` and read the whole body: the time a client waits for the full answer. */
export async function fetchWhole(url, headers = {}) {
  const response = await fetch(url, { headers });
  const body = await response.text();
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}: ${body.slice(0, 300)}`);
  return { bytes: Buffer.byteLength(body), body };
}
