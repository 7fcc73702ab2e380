// Known events on demand: the exercises' checks and the workload buttons run
// these fixed programs (never anything the page sends). A renamed copy of
// /bin/sh gives the events a command name the learner's program can see.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKLOAD_KINDS, type WorkloadKind } from '../../lib/protocol.ts';
import { SHORT_RUN } from '../limits.ts';
import { runShort } from './short-run.ts';

/** The command name of every workload process (what `comm` shows). */
export const WORKLOAD_NAME = 'tallerej';
/** The exec workload runs the named program this many times: one execve() each. */
export const EXEC_RUNS = 3;
/** The file the open and read workloads use. */
export const WORKLOAD_FILE = '/etc/hostname';
/** How many times the open workload opens it per run (one openat() each). */
export const OPENS_PER_RUN = 5;
/** How many small read() calls the read workload makes. */
export const READS_PER_RUN = 200;

export { WORKLOAD_KINDS, type WorkloadKind };

export interface WorkloadResult {
  name: string;
  /** Pids of the named processes that produced the events. */
  pids: number[];
}

const SCRIPTS: Record<WorkloadKind, { script: string; times: number }> = {
  // Each run execs once (sh -c 'exec …'): the execve caller is the named process itself.
  exec: { script: 'exec /bin/true', times: EXEC_RUNS },
  // One redirect per openat() of a known file, from the named process.
  open: { script: `for i in ${Array.from({ length: OPENS_PER_RUN }, (_, i) => i + 1).join(' ')}; do : < ${WORKLOAD_FILE}; done`, times: 1 },
  // Many small read() calls.
  read: { script: `i=0; while [ $i -lt ${READS_PER_RUN} ]; do read -r l < ${WORKLOAD_FILE}; i=$((i+1)); done`, times: 1 },
};

async function runOnce(path: string, script: string): Promise<number> {
  return (await runShort(path, ['-c', script], { timeoutMs: SHORT_RUN.workloadMs })).pid;
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
