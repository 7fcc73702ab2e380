// What the tests read from the real system: processes, BPF objects, pins.
import { execFileSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { cmdlineOf, pids, statusKiB } from '../../server/proc.ts';

/**
 * Re-checks a condition of the system (processes, kernel objects: things that
 * have no event to wait for) until it holds; fails with `what` after `timeoutMs`.
 */
export async function until(pred: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    if (await pred()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await delay(wait);
  }
}

/** Pids whose command line (space-joined) matches. */
export function pidsMatching(re: RegExp): number[] {
  return pids().filter((pid) => {
    const cmd = cmdlineOf(pid); // null: exited
    return cmd !== null && re.test(cmd);
  });
}

export interface BpfProg {
  id: number;
  type: string;
  name?: string;
}

export function bpfProgs(): BpfProg[] {
  return JSON.parse(execFileSync('bpftool', ['-j', 'prog', 'show'], { encoding: 'utf8' }) || '[]');
}

export function bpfLinks(): Array<{ id: number; type: string; prog_id: number }> {
  return JSON.parse(execFileSync('bpftool', ['-j', 'link', 'show'], { encoding: 'utf8' }) || '[]');
}

/** Programs that trace or filter (not the system's own cgroup programs, if any). */
export function tracingProgIds(): number[] {
  return bpfProgs()
    .filter((p) => /tracepoint|raw_tracepoint|tracing|kprobe|perf_event|xdp|socket_filter/.test(p.type))
    .map((p) => p.id)
    .sort((a, b) => a - b);
}

export function bpffsEntries(): string[] {
  return existsSync('/sys/fs/bpf') ? readdirSync('/sys/fs/bpf').sort() : [];
}

export function tracefsInstances(): string[] {
  const dir = '/sys/kernel/tracing/instances';
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** Resident memory of a process, in KiB. */
export function rssKiB(pid: number): number {
  return statusKiB(pid, 'VmRSS') || 0;
}

/**
 * What a run could leave behind, as one comparable string: tracing programs, links, pins, this
 * workshop's tracefs instances, and the processes matching `processes` (the runner by default).
 */
export function leftovers(processes: RegExp = /runner --json/): string {
  return JSON.stringify({
    progs: tracingProgIds().join(),
    links: bpfLinks()
      .map((l) => l.id)
      .sort()
      .join(),
    pins: bpffsEntries().join(),
    instances: tracefsInstances()
      .filter((i) => i.startsWith('taller-ebpf'))
      .join(),
    processes: pidsMatching(processes).length,
  });
}
