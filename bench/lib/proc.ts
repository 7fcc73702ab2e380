// What the benchmarks read about a process from /proc: CPU time, memory, fds.
import { readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { procStat, statusKiB } from '../../server/proc.ts';

const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** utime + stime of the process, in ms (fields 14 and 15 of /proc/PID/stat). */
export function cpuMs(pid: number): number {
  const stat = procStat(pid);
  if (!stat) throw new Error(`no process ${pid}`);
  return ((stat.utime + stat.stime) * 1000) / TICKS;
}

export const rssKiB = (pid: number) => statusKiB(pid, 'VmRSS');
export const peakRssKiB = (pid: number) => statusKiB(pid, 'VmHWM');

/** Resets the process's peak RSS (VmHWM) to its current RSS (`5` to clear_refs, Linux ≥ 4.0). */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export function fdTargets(pid: number): string[] {
  const out: string[] = [];
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      out.push(readlinkSync(`/proc/${pid}/fd/${fd}`));
    } catch {
      /* closed meanwhile */
    }
  }
  return out;
}

export function machineInfo() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown';
  return {
    kernel: execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim(),
    cpu: model,
    cores: cpus().length,
    node: process.version,
    chromium: (() => {
      try {
        return execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      } catch {
        return 'unknown';
      }
    })(),
    clang: (() => {
      try {
        return /version (\S+)/.exec(execFileSync('clang', ['--version'], { encoding: 'utf8' }))?.[1] ?? 'unknown';
      } catch {
        return 'unknown';
      }
    })(),
    bpftrace: (() => {
      try {
        return execFileSync('bpftrace', ['--version'], { encoding: 'utf8' }).trim();
      } catch {
        return 'unknown';
      }
    })(),
    date: new Date().toISOString(),
  };
}
