/**
 * Runs `work` over `items`, at most `count` at once and, while more than one
 * runs, at most `bytes` of them in memory (as `sizeOf` counts them): an
 * instance larger than the budget still runs, alone. Results in input order;
 * the first failure rejects once the running ones have settled.
 */
export async function runBounded<T, R>(
  items: T[],
  limits: { count: number; bytes: number },
  sizeOf: (item: T) => number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const running = new Set<Promise<void>>();
  let inFlight = 0;
  let failure: { error: unknown } | undefined;
  for (const [i, item] of items.entries()) {
    const size = sizeOf(item);
    while (running.size >= limits.count || (running.size > 0 && inFlight + size > limits.bytes)) await Promise.race(running);
    if (failure) break;
    inFlight += size;
    const task = work(item)
      .then((result) => {
        results[i] = result;
      })
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => {
        inFlight -= size;
        running.delete(task);
      });
    running.add(task);
  }
  await Promise.all(running);
  if (failure) throw failure.error;
  return results;
}
