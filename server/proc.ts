// The one reader of /proc/PID: stat (state, process groups, CPU time), status
// fields, environ and cmdline, and the list of pids. The server, the tests and
// the benchmarks all read processes through it.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/** The fields of /proc/PID/stat that the code uses (proc(5) numbers them from 1). */
export interface ProcStat {
  pid: number;
  /** Field 2, without its parentheses; may itself contain spaces and parentheses. */
  comm: string;
  /** Field 3: R, S, D, Z, T, … */
  state: string;
  ppid: number;
  pgrp: number;
  session: number;
  /** Field 8: the foreground process group of the controlling terminal (-1 or 0 without one). */
  tpgid: number;
  /** Fields 14 and 15, in clock ticks. */
  utime: number;
  stime: number;
}

/** Parses one /proc/PID/stat line; null if it is not one. */
export function parseStat(line: string): ProcStat | null {
  // comm is whatever the process named itself: the last ')' ends it.
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const f = line
    .slice(close + 2)
    .trim()
    .split(' ');
  if (f.length < 13) return null;
  return {
    pid: Number(line.slice(0, open).trim()),
    comm: line.slice(open + 1, close),
    state: f[0],
    ppid: Number(f[1]),
    pgrp: Number(f[2]),
    session: Number(f[3]),
    tpgid: Number(f[5]),
    utime: Number(f[11]),
    stime: Number(f[12]),
  };
}

/** The process's /proc/PID/stat, or null if it is gone (or `pid` is not a pid). */
export function procStat(pid: number): ProcStat | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    return parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** Is the process running? A zombie is not: it holds no files, no BPF objects. */
export function isAlive(pid: number): boolean {
  const stat = procStat(pid);
  return stat !== null && stat.state !== 'Z';
}

/** The pids in /proc now. */
export function pids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** The process's environment entries (`NAME=value`), or null if it cannot be read. */
export function environOf(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').filter(Boolean);
  } catch {
    return null;
  }
}

/** The process's command line, arguments joined by spaces; null if it cannot be read. */
export function cmdlineOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return null;
  }
}

/** A `Name:  N kB` field of /proc/PID/status (VmRSS, VmHWM, …) in KiB; NaN if absent. Throws if the process is gone. */
export function statusKiB(pid: number, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

/** A BPF link the process holds open (`/proc/PID/fd/N` → `anon_inode:bpf_link`), from its fdinfo. */
export interface BpfLinkFd {
  fd: number;
  /** `link_type:` (tracepoint, perf, raw_tracepoint, tracing, …). */
  linkType: string;
  linkId: number | null;
  progId: number | null;
}

/** The BPF links a process holds open (empty if it holds none or is gone). */
export function bpfLinkFds(pid: number): BpfLinkFd[] {
  if (!Number.isInteger(pid) || pid <= 0) return [];
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return [];
  }
  const out: BpfLinkFd[] = [];
  for (const fd of fds) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`) !== 'anon_inode:bpf_link') continue;
      const info = readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8');
      const field = (name: string) => new RegExp(`^${name}:\\s+(\\S+)`, 'm').exec(info)?.[1] ?? null;
      const num = (name: string) => {
        const v = field(name);
        return v === null ? null : Number(v);
      };
      out.push({ fd: Number(fd), linkType: field('link_type') ?? '', linkId: num('link_id'), progId: num('prog_id') });
    } catch {
      /* closed meanwhile */
    }
  }
  return out;
}

/** The process's children (each task's /proc/PID/task/TID/children, or a scan of /proc without that file). */
export function childrenOf(pid: number): number[] {
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return [];
  try {
    const out: number[] = [];
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
    return out;
  } catch {
    return pids().filter((p) => procStat(p)?.ppid === pid);
  }
}
