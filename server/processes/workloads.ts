// Known events on demand: the exercises' checks and the workload buttons run
// these fixed programs (never anything the page sends). A renamed copy of
// /bin/sh (or /bin/rm) gives the events a command name the learner's program can see.
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pty from '@lydell/node-pty';
import { WORKLOAD_KINDS, NETWORK_WORKLOADS, type WorkloadKind } from '../../lib/protocol.ts';
import { SHORT_RUN } from '../limits.ts';
import { runShort, SYSTEM_PATH, type ShortRun } from './short-run.ts';
import type { Sandbox } from './sandbox.ts';
import { pingWorkload, tcpWorkload, udpWorkload, type WorkloadOutcome } from './net-workloads.ts';

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

/** The sandbox's addresses, ports and counts (ping, tcp, udp), for the judges. */
export { SANDBOX } from '../limits.ts';

/** The folders the mkdir workload creates, in this order, with one mkdir process. */
export const MKDIR_DIRS = ['permitido', 'secreto'] as const;

export { WORKLOAD_KINDS, NETWORK_WORKLOADS, type WorkloadKind, type WorkloadOutcome };

export interface WorkloadResult {
  name: string;
  /** Pids of the named processes that produced the events. */
  pids: number[];
  /**
   * What the workload tried and how it went: `ping` (detail `3/3`), `tcp:8080` (`hola`, or the errno
   * name: EPERM, ETIMEDOUT, ECONNREFUSED), `udp:5000` (`10/10`), `mkdir:<dir>` (ok when made: `created`,
   * else `EPERM`, `EACCES`, `EEXIST` or `ERROR`), `unlink:<file>` (ok when gone: `removed`, else `present`), `exit` (how its one process ended: ok with status 0,
   * detail `SIGKILL`… or the status).
   */
  outcomes?: WorkloadOutcome[];
}

const SCRIPTS: Record<'exec' | 'open' | 'read', { script: string; times: number }> = {
  // Each run execs once (sh -c 'exec …'): the execve caller is the named process itself.
  exec: { script: 'exec /bin/true', times: EXEC_RUNS },
  // One redirect per openat() of a known file, from the named process.
  open: { script: `for i in ${Array.from({ length: OPENS_PER_RUN }, (_, i) => i + 1).join(' ')}; do : < ${WORKLOAD_FILE}; done`, times: 1 },
  // Many small read() calls.
  read: { script: `i=0; while [ $i -lt ${READS_PER_RUN} ]; do read -r l < ${WORKLOAD_FILE}; i=$((i+1)); done`, times: 1 },
};

/** The command name of the network workloads' processes (node runs the traffic, net-peer.mjs). */
export const NETWORK_NAME = 'node';

/** file + args that run a program inside the run's cgroup when it has a sandbox, as they are otherwise. */
const inGroup = (sb: Sandbox | null, file: string, args: string[]) => (sb ? sb.inGroup(file, args) : { file, args });

/** Runs a workload program, inside the run's cgroup when it has a sandbox. */
function runIn(sb: Sandbox | null, file: string, args: string[], cwd?: string): Promise<ShortRun> {
  const c = inGroup(sb, file, args);
  return runShort(c.file, c.args, { timeoutMs: SHORT_RUN.workloadMs, cwd });
}

async function runOnce(sb: Sandbox | null, path: string, script: string): Promise<number> {
  return (await runIn(sb, path, ['-c', script])).pid;
}

/** How one workload process ended. */
function exitOutcome(r: ShortRun): WorkloadOutcome {
  return { action: 'exit', ok: r.code === 0, detail: r.signal ?? String(r.code ?? '?') };
}

/** The errno name in mkdir's message about `name` («mkdir: cannot create directory 'x': Operation not permitted»; LANG=C). */
function errnoIn(stderr: string, name: string): string {
  const line = stderr.split('\n').find((l) => l.includes(`'${name}'`)) ?? '';
  if (/not permitted/i.test(line)) return 'EPERM';
  if (/permission denied/i.test(line)) return 'EACCES';
  if (/exists/i.test(line)) return 'EEXIST';
  return 'ERROR';
}

/** The command name a workload's events carry. */
export const workloadName = (kind: WorkloadKind): string =>
  kind === 'readline' ? READLINE_NAME : NETWORK_WORKLOADS.includes(kind) ? NETWORK_NAME : WORKLOAD_NAME;

/** A renamed rm removes the files: the unlinkat() calls come from the named process itself. */
async function unlinkFiles(sb: Sandbox | null, dir: string): Promise<WorkloadResult> {
  const path = join(dir, WORKLOAD_NAME);
  copyFileSync('/bin/rm', path);
  for (const f of UNLINK_FILES) writeFileSync(join(dir, f), '');
  const r = await runIn(sb, path, ['-f', '--', ...UNLINK_FILES], dir);
  const files = UNLINK_FILES.map((f) => {
    const gone = !existsSync(join(dir, f));
    return { action: `unlink:${f}`, ok: gone, detail: gone ? 'removed' : 'present' };
  });
  return { name: WORKLOAD_NAME, pids: [r.pid], outcomes: [exitOutcome(r), ...files] };
}

/** A renamed mkdir creates MKDIR_DIRS: an LSM program may refuse one of them. */
async function makeDirs(sb: Sandbox | null, dir: string): Promise<WorkloadResult> {
  const path = join(dir, WORKLOAD_NAME);
  copyFileSync('/bin/mkdir', path);
  const r = await runIn(sb, path, ['--', ...MKDIR_DIRS], dir);
  const dirs = MKDIR_DIRS.map((d) => {
    const made = existsSync(join(dir, d));
    return { action: `mkdir:${d}`, ok: made, detail: made ? 'created' : errnoIn(r.stderr, d) };
  });
  return { name: WORKLOAD_NAME, pids: [r.pid], outcomes: [exitOutcome(r), ...dirs] };
}

/** Traffic in the sandbox network (net-workloads.ts). */
async function traffic(kind: WorkloadKind, sb: Sandbox): Promise<WorkloadResult> {
  const outcomes: WorkloadOutcome[] = [];
  if (kind === 'ping' || kind === 'red') outcomes.push(...(await pingWorkload(sb)));
  if (kind === 'tcp' || kind === 'red') outcomes.push(...(await tcpWorkload(sb)));
  if (kind === 'udp' || kind === 'red') outcomes.push(...(await udpWorkload(sb)));
  return { name: NETWORK_NAME, pids: [], outcomes };
}

/**
 * An interactive bash in a pty (readline only runs with a terminal), without rc files or history:
 * it types each line of READLINE_LINES once its prompt shows, and ends with the last one (`exit`).
 * Resolves with its PID; killed if it takes longer than SHORT_RUN.interactiveMs.
 */
function typeIntoBash(sb: Sandbox | null, dir: string): Promise<number> {
  const prompt = '[carga]$ ';
  const bash = inGroup(sb, '/bin/bash', ['--norc', '--noprofile', '-i']);
  return new Promise((resolve) => {
    const term = pty.spawn(bash.file, bash.args, {
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

/**
 * Runs one workload. With a sandbox (the run's, processes/sandbox.ts) its processes run in the run's
 * cgroup, and the network ones in its namespaces; a network workload without one does nothing.
 */
export async function runWorkload(kind: WorkloadKind, sb: Sandbox | null = null): Promise<WorkloadResult> {
  if (NETWORK_WORKLOADS.includes(kind)) return sb ? traffic(kind, sb) : { name: NETWORK_NAME, pids: [], outcomes: [] };
  const dir = mkdtempSync(join(tmpdir(), 'taller-ebpf-carga-'));
  const path = join(dir, WORKLOAD_NAME);
  try {
    if (kind === 'unlink') return await unlinkFiles(sb, dir);
    if (kind === 'mkdir') return await makeDirs(sb, dir);
    if (kind === 'readline') return { name: READLINE_NAME, pids: [await typeIntoBash(sb, dir)], outcomes: [] };
    copyFileSync('/bin/sh', path);
    const { script, times } = SCRIPTS[kind as keyof typeof SCRIPTS];
    const pids: number[] = [];
    for (let i = 0; i < times; i++) pids.push(await runOnce(sb, path, script));
    return { name: WORKLOAD_NAME, pids, outcomes: [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
