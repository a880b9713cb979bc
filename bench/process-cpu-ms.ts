import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
export const CLOCK_TICKS_PER_SECOND = 100;

export interface ProcStat {
  command: string;
  parent: number;
  /** utime + stime, in ticks. */
  own: number;
  /** cutime + cstime: the children it has waited for, in ticks. */
  reaped: number;
}

/** A process's line in /proc (Linux); null when there is no such process here. */
export function procStat(pid: number): ProcStat | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      command: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
      parent: Number(fields[1]),
      own: Number(fields[11]) + Number(fields[12]),
      reaped: Number(fields[13]) + Number(fields[14]),
    };
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in ms, read from /proc (Linux); NaN elsewhere. */
export function processCpuMs(pid: number | undefined): number {
  const stat = pid === undefined ? null : procStat(pid);
  return stat ? (stat.own * 1000) / CLOCK_TICKS_PER_SECOND : Number.NaN;
}
