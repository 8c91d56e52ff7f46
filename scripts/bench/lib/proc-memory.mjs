// Peak memory of processes, read from Linux /proc. VmHWM is the kernel's own
// resident-set high-water mark, so a spike between two samples is not missed;
// sampling only has to see the process before it exits.
import { readdirSync, readFileSync } from "node:fs";

function readStatusKb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
    return { rssKb: field("VmRSS"), hwmKb: field("VmHWM") };
  } catch {
    return null; // exited between listing and reading
  }
}

/** Fields of /proc/<pid>/stat after the command name (field 3 onwards), or null once the process is gone. */
function readStatFields(pid) {
  try {
    // The command name in field 2 may hold spaces or parentheses: split after the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

function readParentPid(pid) {
  const fields = readStatFields(pid);
  return fields ? Number(fields[1]) : null;
}

/** Start time in clock ticks since boot (field 22): with the PID, it names one process even after PIDs are reused. */
export function readStartTime(pid) {
  return readStatFields(pid)?.[19] ?? null;
}

/** Every live descendant of `rootPid` (not the root itself). */
export function listDescendants(rootPid) {
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = readParentPid(Number(entry));
    if (parent === null) continue;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(Number(entry));
  }
  const found = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** The NUL-separated strings of /proc/<pid>/cmdline or /environ; empty if unreadable. */
export function readProcStrings(pid, file) {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8").split("\0");
  } catch {
    return [];
  }
}

/**
 * Samples the processes `findPids` names (a Map pid -> label) every
 * `intervalMs` and keeps each one's peak. `stop()` takes a last sample and
 * returns them, largest high-water mark first.
 */
export function startMemorySampler(findPids, intervalMs = 100) {
  const peaks = new Map();
  const sample = () => {
    for (const [pid, label] of findPids()) {
      const now = readStatusKb(pid);
      if (!now) continue;
      const seen = peaks.get(pid) ?? { pid, label, hwmKb: 0, rssKb: 0 };
      seen.hwmKb = Math.max(seen.hwmKb, now.hwmKb);
      seen.rssKb = Math.max(seen.rssKb, now.rssKb);
      peaks.set(pid, seen);
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return [...peaks.values()].sort((a, b) => b.hwmKb - a.hwmKb);
    },
  };
}

export const kbToMb = (kb) => kb / 1024;
