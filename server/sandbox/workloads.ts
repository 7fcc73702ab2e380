// Known events on demand: the exercises' checks and the workload buttons run
// these fixed programs (never anything the page sends). A renamed copy of
// /bin/sh gives the events a command name the learner's program can see.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const WORKLOAD_NAME = 'tallerej';

export type WorkloadKind = 'exec' | 'open' | 'read';

export interface WorkloadResult {
  name: string;
  /** Pids of the named processes that produced the events. */
  pids: number[];
}

const SCRIPTS: Record<WorkloadKind, { script: string; times: number }> = {
  // Each run execs once (sh -c 'exec …'): the execve caller is the named process itself.
  exec: { script: 'exec /bin/true', times: 3 },
  // Five redirects: five openat() of a known file, from the named process.
  open: { script: 'for i in 1 2 3 4 5; do : < /etc/hostname; done', times: 1 },
  // Many small read() calls.
  read: { script: 'i=0; while [ $i -lt 200 ]; do read -r l < /etc/hostname; i=$((i+1)); done', times: 1 },
};

function runOnce(path: string, script: string): Promise<number> {
  return new Promise((resolve) => {
    const child = execFile(path, ['-c', script], { timeout: 5000, env: { PATH: '/usr/bin:/bin' } }, () => resolve(child.pid ?? 0));
  });
}

export async function runWorkload(kind: WorkloadKind): Promise<WorkloadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'taller-ebpf-carga-'));
  const path = join(dir, WORKLOAD_NAME);
  try {
    copyFileSync('/bin/sh', path);
    const { script, times } = SCRIPTS[kind];
    const pids: number[] = [];
    for (let i = 0; i < times; i++) pids.push(await runOnce(path, script));
    return { name: WORKLOAD_NAME, pids };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
