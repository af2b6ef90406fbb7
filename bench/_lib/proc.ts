import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Reads of /proc, for memory samples, CPU shares and leftover processes (Linux only). */

let clockTicks: number | undefined;

/** Clock ticks per second of /proc/<pid>/stat's times (getconf CLK_TCK, almost always 100). */
export function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

interface Stat {
  readonly pid: number;
  readonly ppid: number;
  /** utime, stime, cutime, cstime in clock ticks. */
  readonly times: readonly [number, number, number, number];
}

function readStat(pid: number | 'self'): Stat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name may hold spaces and parentheses: the fields start after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const at = (field: number) => Number(fields[field - 3]);
  return { pid: Number(text.slice(0, text.indexOf(' '))), ppid: at(4), times: [at(14), at(15), at(16), at(17)] };
}

/** CPU time in ms of this process, and of its children that have exited and been reaped (getrusage RUSAGE_CHILDREN). */
export function cpuTimes(pid: number | 'self' = 'self'): {
  userMs: number;
  systemMs: number;
  childrenUserMs: number;
  childrenSystemMs: number;
} {
  const stat = readStat(pid);
  const ms = (ticks: number) => (ticks * 1000) / ticksPerSecond();
  if (!stat) return { userMs: 0, systemMs: 0, childrenUserMs: 0, childrenSystemMs: 0 };
  return {
    userMs: ms(stat.times[0]),
    systemMs: ms(stat.times[1]),
    childrenUserMs: ms(stat.times[2]),
    childrenSystemMs: ms(stat.times[3]),
  };
}

/** Resident set size in bytes (VmRSS), or undefined once the process is gone. */
export function rssBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** Every live process below `pid` (children, grandchildren, …). */
export function descendants(pid: number): number[] {
  const byParent = new Map<number, number[]>();
  for (const other of allPids()) {
    const stat = readStat(other);
    if (!stat) continue;
    byParent.set(stat.ppid, [...(byParent.get(stat.ppid) ?? []), stat.pid]);
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    for (const child of byParent.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** Live processes whose command line contains `fragment` (the bench gives each grader run its own TMPDIR, so its sandbox runner path is unique). */
export function processesWhoseCommandContains(fragment: string): number[] {
  return allPids().filter((pid) => {
    if (pid === process.pid) return false;
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(fragment);
    } catch {
      return false;
    }
  });
}
