// CPU time of processes, from Linux /proc/<pid>/stat (utime + stime, every
// thread included: zlib and hashing on libuv's pool count too). It is the
// work a process did, whatever else shares the machine, so our ingest and
// Orthanc's can be compared even on emulators and a busy machine.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

let ticksPerSecond = null;

/** Clock ticks per second of /proc's times (USER_HZ, almost always 100). */
function clockTicks() {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** User + system CPU seconds a process has used so far, or null once it is gone. */
export function readCpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces: fields after the last ")" start at field 3.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / clockTicks(); // fields 14 (utime) and 15 (stime)
  } catch {
    return null;
  }
}

/**
 * Follows the CPU time of the processes `findPids()` names (a Map pid ->
 * label) from now on: a process already running counts from its value now,
 * one born later from zero (its start-up is part of the work). Sampled every
 * `intervalMs` so that a process that exits keeps its last reading.
 * `stop()` returns [{ pid, label, cpuSeconds }].
 */
export function startCpuSampler(findPids, intervalMs = 200) {
  const seen = new Map();
  const sample = (initial) => {
    for (const [pid, label] of findPids()) {
      const now = readCpuSeconds(pid);
      if (now === null) continue;
      const entry = seen.get(pid) ?? { pid, label, start: initial ? now : 0, last: now };
      entry.last = now;
      seen.set(pid, entry);
    }
  };
  sample(true);
  const timer = setInterval(() => sample(false), intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample(false);
      return [...seen.values()].map(({ pid, label, start, last }) => ({ pid, label, cpuSeconds: last - start }));
    },
  };
}
