// The baselines: the same work without Taller eBPF around it. clang and the
// runner run from a shell (pipes, no pty, no server, no browser), bpftrace in a
// plain pty driven by node-pty.
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import * as pty from '@lydell/node-pty';
import { bpfCflags } from '../server/workspace/c-build.ts';

const execFileP = promisify(execFile);
export const RUNNER = new URL('../bpf/.output/runner', import.meta.url).pathname;

/**
 * Ends a program the way Detener does: SIGINT, SIGTERM after 2 s, SIGKILL after 4 s (a SIGINT that
 * lands while bpftrace is still attaching its probes can be lost).
 */
async function interrupt(kill: (sig: NodeJS.Signals) => void, exited: Promise<void>): Promise<void> {
  const timers = [setTimeout(() => kill('SIGTERM'), 2000), setTimeout(() => kill('SIGKILL'), 4000)];
  kill('SIGINT');
  await exited;
  timers.forEach(clearTimeout);
}

/** Runs /bin/true over and over until `done()`: the events the tracepoint on execve reports. */
export async function execLoop(done: () => boolean): Promise<void> {
  while (!done()) await execFileP('/bin/true');
}

export interface CBaseline {
  compileMs: number;
  /** spawn → the runner's `ready` event (open + load + attach of every program). */
  loadAttachMs: number;
  /** `ready` → the first `execve called` printk event. */
  firstEventMs: number;
  /** One shell command, `clang … && exec runner --json`, spawn → ready (cold) … */
  shellToReadyMs: number;
  /** … and → first `execve called`. */
  shellToEventMs: number;
}

/** Starts `cmd`, reads the runner's JSON lines until `ready` and then the first execve printk; SIGINT; waits for exit. */
async function runnerUntilEvent(file: string, args: string[], cwd: string): Promise<{ readyMs: number; eventMs: number }> {
  const t0 = performance.now();
  const child = spawn(file, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let readyAt = NaN;
  let eventAt = NaN;
  let buf = '';
  let stop = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const seen = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      const t = performance.now();
      buf += d.toString('utf8');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (!line.startsWith('{')) continue;
        const ev = JSON.parse(line) as { type: string; message?: string };
        if (ev.type === 'ready' && Number.isNaN(readyAt)) readyAt = t;
        if (ev.type === 'printk' && /execve called/.test(ev.message ?? '') && !Number.isNaN(readyAt) && Number.isNaN(eventAt)) {
          eventAt = t;
          resolve();
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`${file} exited (${code}) before an execve event`)));
  });
  const loop = (async () => {
    // The loop starts with the program, like the page's: no event is missed for lack of execs.
    while (!stop) await execFileP('/bin/true');
  })();
  try {
    await seen;
  } finally {
    stop = true;
    await loop;
    await interrupt((sig) => child.kill(sig), exited);
  }
  return { readyMs: readyAt - t0, eventMs: eventAt - t0 };
}

export async function cBaseline(code: string, fileName: string): Promise<CBaseline> {
  const dir = mkdtempSync(join(tmpdir(), 'taller-bench-c-'));
  try {
    writeFileSync(join(dir, fileName), code);
    const obj = fileName.replace(/\.c$/, '') + '.o';
    const flags = bpfCflags();
    // Cold, as one shell command: compile, then become the runner.
    const shell = await runnerUntilEvent(
      '/bin/sh',
      ['-c', `clang ${flags.join(' ')} -c ${fileName} -o ${obj} && exec ${RUNNER} --json ${obj}`],
      dir,
    );
    rmSync(join(dir, obj));
    // The parts, each alone.
    const c0 = performance.now();
    await execFileP('clang', [...flags, '-c', fileName, '-o', obj], { cwd: dir });
    const compileMs = performance.now() - c0;
    const r = await runnerUntilEvent(RUNNER, ['--json', obj], dir);
    return {
      compileMs,
      loadAttachMs: r.readyMs,
      firstEventMs: r.eventMs - r.readyMs,
      shellToReadyMs: shell.readyMs,
      shellToEventMs: shell.eventMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A shell script (the lesson's bpftrace block, `sudo` dropped) in a plain node-pty: spawn → "Attaching N probes". */
export async function bpftracePty(script: string, cwd: string): Promise<number> {
  const t0 = performance.now();
  const term = pty.spawn('/bin/bash', ['-c', script], {
    name: 'xterm-256color',
    cols: 120,
    rows: 30,
    cwd,
    env: process.env as Record<string, string>,
  });
  let out = '';
  const exited = new Promise<void>((resolve) => term.onExit(() => resolve()));
  const attachedAt = await new Promise<number>((resolve, reject) => {
    term.onData((d) => {
      out += d;
      if (/Attaching \d+ probe/.test(out)) resolve(performance.now());
    });
    term.onExit(() => reject(new Error(`bpftrace exited before attaching:\n${out}`)));
  });
  await interrupt((sig) => term.kill(sig), exited);
  return attachedAt - t0;
}
