// Known events on demand: the exercises' checks and the workload buttons run
// these fixed programs (never anything the page sends). A renamed copy of
// /bin/sh (or /bin/rm) gives the events a command name the learner's program can see.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pty from '@lydell/node-pty';
import { WORKLOAD_KINDS, type WorkloadKind } from '../../lib/protocol.ts';
import { SHORT_RUN } from '../limits.ts';
import { runShort, SYSTEM_PATH } from './short-run.ts';

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
/** The files the unlink workload creates and then removes, one unlinkat() each, by these relative names. */
export const UNLINK_FILES = ['borrame-1.txt', 'borrame-2.txt', 'borrame-3.txt'] as const;
/**
 * The readline workload: a real interactive /bin/bash (a uprobe on /bin/bash:readline fires only in
 * that very file, so no renamed copy: its `comm` is «bash») types these lines, one readline() each.
 */
export const READLINE_LINES = ['echo hola taller', 'true', 'echo adios', 'exit'] as const;
/** The command name of the readline workload. */
export const READLINE_NAME = 'bash';

export { WORKLOAD_KINDS, type WorkloadKind };

export interface WorkloadResult {
  name: string;
  /** Pids of the named processes that produced the events. */
  pids: number[];
}

const SCRIPTS: Record<Exclude<WorkloadKind, 'unlink' | 'readline'>, { script: string; times: number }> = {
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

/** The command name a workload's events carry. */
export const workloadName = (kind: WorkloadKind): string => (kind === 'readline' ? READLINE_NAME : WORKLOAD_NAME);

/** A renamed rm removes the files: the unlinkat() calls come from the named process itself. */
async function unlinkFiles(dir: string): Promise<number> {
  const path = join(dir, WORKLOAD_NAME);
  copyFileSync('/bin/rm', path);
  for (const f of UNLINK_FILES) writeFileSync(join(dir, f), '');
  return (await runShort(path, ['-f', '--', ...UNLINK_FILES], { timeoutMs: SHORT_RUN.workloadMs, cwd: dir })).pid;
}

/**
 * An interactive bash in a pty (readline only runs with a terminal), without rc files or history:
 * it types each line of READLINE_LINES once its prompt shows, and ends with the last one (`exit`).
 * Resolves with its PID; killed if it takes longer than SHORT_RUN.interactiveMs.
 */
function typeIntoBash(dir: string): Promise<number> {
  const prompt = '[carga]$ ';
  return new Promise((resolve) => {
    const term = pty.spawn('/bin/bash', ['--norc', '--noprofile', '-i'], {
      name: 'dumb',
      cols: 120,
      rows: 24,
      cwd: dir,
      env: { PATH: SYSTEM_PATH, HOME: dir, LANG: 'C', TERM: 'dumb', PS1: prompt, HISTFILE: '', INPUTRC: '/dev/null' },
    });
    let seen = '';
    let typed = 0;
    const timer = setTimeout(() => term.kill('SIGKILL'), SHORT_RUN.interactiveMs);
    term.onData((d) => {
      seen += d;
      // One line per prompt shown: readline() returns it, bash runs it, the next prompt follows.
      while (typed < READLINE_LINES.length && seen.split(prompt).length - 1 > typed) term.write(`${READLINE_LINES[typed++]}\r`);
    });
    term.onExit(() => {
      clearTimeout(timer);
      resolve(term.pid);
    });
  });
}

export async function runWorkload(kind: WorkloadKind): Promise<WorkloadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'taller-ebpf-carga-'));
  const path = join(dir, WORKLOAD_NAME);
  try {
    if (kind === 'unlink') return { name: WORKLOAD_NAME, pids: [await unlinkFiles(dir)] };
    if (kind === 'readline') return { name: READLINE_NAME, pids: [await typeIntoBash(dir)] };
    copyFileSync('/bin/sh', path);
    const { script, times } = SCRIPTS[kind];
    const pids: number[] = [];
    for (let i = 0; i < times; i++) pids.push(await runOnce(path, script));
    return { name: WORKLOAD_NAME, pids };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
