// What the workbook leaves in the kernel lives under names it owns, and is
// removed at start, after every run and at exit:
//  - tracefs instances `taller-ebpf-<runner pid>` (a runner killed with SIGKILL leaves its own);
//  - the pins the lessons' commands create (`bpftool prog load x.o /sys/fs/bpf/trace`).
// Programs and links need nothing: the kernel drops them when the runner's fds close.
import { existsSync, readdirSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunnableBlock } from '../../lib/lessons/runnable.ts';
import { isAlive } from '../proc.ts';

export const TRACEFS_ROOTS = ['/sys/kernel/tracing', '/sys/kernel/debug/tracing'];
const INSTANCE = /^taller-ebpf-(\d+)$/;

/** Our tracefs instances (full paths) and the pid of the runner that made each. */
export function tracefsInstances(roots = TRACEFS_ROOTS): Array<{ path: string; pid: number }> {
  const out: Array<{ path: string; pid: number }> = [];
  for (const root of roots) {
    const dir = join(root, 'instances');
    let names: string[] = [];
    try {
      names = existsSync(dir) ? readdirSync(dir) : [];
    } catch {
      continue;
    }
    for (const name of names) {
      const m = INSTANCE.exec(name);
      if (m) out.push({ path: join(dir, name), pid: Number(m[1]) });
    }
  }
  return out;
}

/** Instances whose runner is gone. */
export function staleTracefsInstances(roots = TRACEFS_ROOTS): string[] {
  return tracefsInstances(roots)
    .filter((i) => !isAlive(i.pid))
    .map((i) => i.path);
}

/** Removes our tracefs instances whose runner is gone. Returns how many. */
export function cleanTracefsInstances(roots = TRACEFS_ROOTS): number {
  let n = 0;
  for (const path of staleTracefsInstances(roots)) {
    try {
      writeFileSync(join(path, 'events/bpf_trace/bpf_trace_printk/enable'), '0');
    } catch {
      /* already disabled */
    }
    try {
      rmdirSync(path);
      n++;
    } catch {
      /* busy: retried next time */
    }
  }
  return n;
}

const PIN = /\/sys\/fs\/bpf\/[A-Za-z0-9_.\/-]+/g;

/** The bpffs paths the lessons' shell blocks pin objects at. */
export function lessonPins(runs: ReadonlyMap<string, RunnableBlock>): string[] {
  const pins = new Set<string>();
  for (const block of runs.values()) {
    if (block.kind !== 'shell' || !/bpftool\s+(?:-\S+\s+)*prog\s+load/.test(block.code)) continue;
    for (const m of block.code.matchAll(PIN)) if (m[0] !== '/sys/fs/bpf/') pins.add(m[0].replace(/\/$/, ''));
  }
  return [...pins].sort();
}

/** Removes the lessons' pins. Returns how many existed. */
export function removePins(pins: string[]): number {
  let n = 0;
  for (const p of pins) {
    if (!p.startsWith('/sys/fs/bpf/') || p.includes('..') || !existsSync(p)) continue;
    try {
      rmSync(p, { recursive: true, force: true });
      n++;
    } catch {
      /* not ours to remove after all (permissions) */
    }
  }
  return n;
}

export const BPFFS_ROOT = '/sys/fs/bpf';

/** The top-level entries of bpffs now (full paths). */
export function bpffsPaths(root = BPFFS_ROOT): string[] {
  try {
    return readdirSync(root)
      .map((name) => join(root, name))
      .sort();
  } catch {
    return [];
  }
}

/**
 * A loader run's pins: what appeared in bpffs while it ran (minus the lessons' own pins,
 * which another block may have made meanwhile) is removed when it ends, since a pin keeps
 * its object in the kernel after the process is gone. Returns the removed paths.
 */
export function removeNewPins(before: string[], keep: string[], root = BPFFS_ROOT): string[] {
  const known = new Set([...before, ...keep]);
  const fresh = bpffsPaths(root).filter((p) => !known.has(p));
  removePins(fresh);
  return fresh.filter((p) => !existsSync(p));
}
