// CPU time of the processes in a benchmark run, from Linux's /proc: what each part (the load's publisher, the
// broker, ingest, the database) cost per reading. On this shared 2-core machine a rate moves with the neighbours
// and with how the parts share the cores; CPU per reading says where the time went and what two cores can carry.
import { readdirSync, readFileSync } from 'node:fs';

/** Linux counts CPU time in /proc in USER_HZ ticks, 1/100 s on every architecture Node runs on. */
const TICKS_PER_S = 100;

/** user + system CPU seconds of one process, all its threads; 0 once it has gone. */
function processCpuS(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name, which is in parentheses and may hold spaces: utime and stime are the
    // 14th and 15th of the line, so the 12th and 13th after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
  } catch {
    return 0;
  }
}

/** Every process whose command name is `name` (PostgreSQL's postmaster and its backends are all `postgres`). */
export function processesNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // gone since the listing
    }
  }
  return pids;
}

/** A run's parts: each part's processes, asked again at every reading (backends come and go). */
export type Parts = Record<string, () => number[]>;

/** CPU seconds used so far by each part. */
export type CpuSnapshot = Record<string, number>;

export function cpuSnapshot(parts: Parts): CpuSnapshot {
  return Object.fromEntries(
    Object.entries(parts).map(([part, pids]) => [part, pids().reduce((sum, pid) => sum + processCpuS(pid), 0)]),
  );
}

/** CPU µs per reading of each part between two snapshots. */
export function cpuPerReading(before: CpuSnapshot, after: CpuSnapshot, readings: number): CpuSnapshot {
  return Object.fromEntries(
    Object.keys(after).map((part) => [part, ((after[part] - (before[part] ?? 0)) * 1e6) / readings]),
  );
}
