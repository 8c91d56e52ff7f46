import { TaskQueue, TaskQueueClearedError } from "./task-queue";

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets queued microtasks (task starts, settlements) run. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function trackedTasks(queue: TaskQueue, count: number) {
  const started: number[] = [];
  const gates = Array.from({ length: count }, deferred);
  const results = gates.map((gate, index) =>
    queue.add(async () => {
      started.push(index);
      await gate.promise;
      return index;
    }),
  );
  return { started, gates, results };
}

it("runs at most `concurrency` tasks at once, in order", async () => {
  const queue = new TaskQueue(2);
  const { started, gates, results } = trackedTasks(queue, 5);
  await flush();
  expect(started).toEqual([0, 1]);
  expect(queue.running).toBe(2);
  expect(queue.waiting).toBe(3);

  gates[1]!.resolve();
  await flush();
  expect(started).toEqual([0, 1, 2]);

  gates.forEach((gate) => gate.resolve());
  expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4]);
  expect(started).toEqual([0, 1, 2, 3, 4]);
});

it("passes a task's failure to its caller and carries on with the rest", async () => {
  const queue = new TaskQueue(1);
  const failing = queue.add(async () => {
    throw new Error("boom");
  });
  const next = queue.add(async () => "next");
  await expect(failing).rejects.toThrow("boom");
  await expect(next).resolves.toBe("next");
});

it("starts nothing new while paused, and goes on after resume", async () => {
  const queue = new TaskQueue(2);
  const { started, gates, results } = trackedTasks(queue, 4);
  await flush();
  queue.pause();
  gates[0]!.resolve();
  gates[1]!.resolve();
  await flush();
  expect(started).toEqual([0, 1]);

  let idle = false;
  void queue.onIdle().then(() => (idle = true));
  await flush();
  expect(idle).toBe(false);

  queue.resume();
  await flush();
  expect(started).toEqual([0, 1, 2, 3]);
  gates.forEach((gate) => gate.resolve());
  await Promise.all(results);
  await flush();
  expect(idle).toBe(true);
});

it("drops waiting tasks on clear and lets running ones finish", async () => {
  const queue = new TaskQueue(1);
  const { started, gates, results } = trackedTasks(queue, 3);
  await flush();
  expect(queue.clear()).toBe(2);
  await expect(results[1]).rejects.toBeInstanceOf(TaskQueueClearedError);
  await expect(results[2]).rejects.toBeInstanceOf(TaskQueueClearedError);
  gates[0]!.resolve();
  await expect(results[0]).resolves.toBe(0);
  await queue.onIdle();
  expect(started).toEqual([0]);
});

it("is idle at once when empty, and refuses a useless concurrency", async () => {
  await new TaskQueue(3).onIdle();
  expect(() => new TaskQueue(0)).toThrow("TaskQueue");
});
