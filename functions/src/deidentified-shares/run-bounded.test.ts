import { runBounded } from "./run-bounded";

/** Work that waits until released, so the test sees what runs at once. */
function controlledWork() {
  const started: number[] = [];
  const releases = new Map<number, () => void>();
  const work = (n: number) =>
    new Promise<number>((resolve) => {
      started.push(n);
      releases.set(n, () => resolve(n * 10));
    });
  const release = async (n: number) => {
    releases.get(n)!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { started, work, release };
}

it("runs at most `count` at once and keeps the input order", async () => {
  const { started, work, release } = controlledWork();
  const done = runBounded([1, 2, 3], { count: 2, bytes: 1000 }, () => 1, work);
  await new Promise((resolve) => setImmediate(resolve));
  expect(started).toEqual([1, 2]);
  await release(2);
  expect(started).toEqual([1, 2, 3]);
  await release(3);
  await release(1);
  await expect(done).resolves.toEqual([10, 20, 30]);
});

it("waits while the bytes in flight would pass the budget, and runs an oversized item alone", async () => {
  const { started, work, release } = controlledWork();
  const sizes: Record<number, number> = { 1: 60, 2: 60, 3: 500 };
  const done = runBounded([1, 2, 3], { count: 4, bytes: 100 }, (n) => sizes[n]!, work);
  await new Promise((resolve) => setImmediate(resolve));
  expect(started).toEqual([1]);
  await release(1);
  expect(started).toEqual([1, 2]);
  await release(2);
  expect(started).toEqual([1, 2, 3]);
  await release(3);
  await expect(done).resolves.toEqual([10, 20, 30]);
});

it("rejects with the first failure and starts nothing after it", async () => {
  const started: number[] = [];
  const done = runBounded([1, 2, 3], { count: 1, bytes: 100 }, () => 1, async (n) => {
    started.push(n);
    if (n === 2) throw new Error("two failed");
    return n;
  });
  await expect(done).rejects.toThrow("two failed");
  expect(started).toEqual([1, 2]);
});
