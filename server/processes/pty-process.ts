// One process in a fresh pty, in its own session, process group and cgroup.
// This module and its siblings in server/processes/ are the only code that
// spawns processes.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { constants, userInfo } from 'node:os';
import * as pty from '@lydell/node-pty';
import { SYSTEM_PATH } from './short-run.ts';
import type { CgroupPool, SessionCgroup } from './cgroup.ts';
import { environOf, isAlive, pids, procStat } from '../proc.ts';
import { SECOND_SIGINT_MS } from '../limits.ts';
import { fill } from '../../lib/messages/fill.mjs';
import { terminal as t } from '../../lib/messages/es/terminal.mjs';

/** Re-exported for the modules that still import it from here; new code imports it from ../proc.ts. */
export { isAlive };

export interface CommandSpec {
  file: string;
  args: string[];
  cwd: string;
  /** Extra environment on top of the minimal one. */
  env?: Record<string, string>;
}

export interface StopPlan {
  termAfterMs: number;
  killAfterMs: number;
}

/** Environment variable that marks every process of a session (fallback when there are no cgroups). */
export const SESSION_MARKER = 'TALLER_EBPF_SESSION';

const SELF = userInfo();

/** Only what a command needs: never the server's own environment. */
function minimalEnv(sessionId: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: SYSTEM_PATH,
    // The server's own account (root under sudo), never a HOME that sudo kept from the learner.
    HOME: SELF.homedir,
    USER: SELF.username,
    LANG: 'C.UTF-8',
    TERM: 'xterm-256color',
    COLORTERM: 'truecolor',
    [SESSION_MARKER]: sessionId,
    ...extra,
  };
}

export interface SandboxProcess {
  readonly pid: number;
  readonly sessionId: string;
  onData(cb: (chunk: Buffer) => void): void;
  /** Fires once, after the output has been read to the end and every process of the session is gone. */
  onExit(cb: (code: number | null, signal: string | null) => void): void;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  pause(): void;
  resume(): void;
  /** Detener: SIGINT to the process group, SIGTERM after a while, then SIGKILL to everything. */
  stop(plan: StopPlan): void;
  /** SIGKILL to every process of the session, now. */
  killAll(): void;
}

let counter = 0;

/**
 * The launcher every command runs under: `make -C bpf` builds it (bpf/launcher/launcher.c). It starts
 * the command directly inside the session's cgroup (clone3 with CLONE_INTO_CGROUP): moving a process
 * into a cgroup by writing cgroup.procs waits for an RCU grace period, ~10 ms on every run. Arguments:
 * the cgroup's folder (or `-`), the nonce, the command. Without it (not built yet), LAUNCHER below.
 */
const LAUNCHER_BINARY = new URL('../../bpf/.output/launcher', import.meta.url).pathname;

/** The launcher's file and its first arguments (before the command). */
function launcher(group: SessionCgroup | null, nonce: string): [string, string[]] {
  if (existsSync(LAUNCHER_BINARY)) return [LAUNCHER_BINARY, [group?.path ?? '-', nonce]];
  return ['/bin/sh', ['-c', LAUNCHER, group?.procsFile ?? '/dev/null', nonce]];
}

/**
 * The shell launcher, same contract as the built one:
 *  - moves itself into the session's cgroup ($0), so every descendant is born inside it;
 *  - runs the command as its child, keeping SIGINT/SIGTERM for the child (a handler, not an
 *    ignore, so the child gets the default disposition);
 *  - then prints an end mark with a per-spawn nonce ($1) and waits for the server to echo the
 *    nonce back. Only then does it exit and close the pty: on Linux, closing the pty's last
 *    slave fd can discard output the server has not read yet (node-pty #72, #726), and the end
 *    mark proves that everything before it has been read.
 * Its exit status is the command's (128+N when a signal killed it).
 */
const LAUNCHER = [
  'echo $$ > "$0" 2>/dev/null',
  'n=$1; shift',
  'trap : INT TERM QUIT',
  '"$@"',
  's=$?',
  'stty -echo 2>/dev/null',
  'printf \'\\033]7770;%s\\007\' "$n"',
  'while IFS= read -r l; do [ "$l" = "$n" ] && break; done',
  'exit $s',
].join('\n');

/** Passes output through until the end mark, calls `onMark` once, and swallows what follows. */
export class EndMarkScanner {
  private tail = Buffer.alloc(0);
  private done = false;
  constructor(
    private readonly mark: Buffer,
    private readonly onMark: () => void,
  ) {}

  push(chunk: Buffer): Buffer {
    if (this.done) return Buffer.alloc(0);
    const buf = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
    const at = buf.indexOf(this.mark);
    if (at >= 0) {
      this.done = true;
      this.tail = Buffer.alloc(0);
      this.onMark();
      return buf.subarray(0, at);
    }
    // Keep the longest suffix that could be the start of the mark.
    let keep = Math.min(this.mark.length - 1, buf.length);
    while (keep > 0 && !this.mark.subarray(0, keep).equals(buf.subarray(buf.length - keep))) keep--;
    this.tail = Buffer.from(buf.subarray(buf.length - keep));
    return buf.subarray(0, buf.length - keep);
  }
}

export function spawnInPty(cmd: CommandSpec, size: { cols: number; rows: number }, cgroups: CgroupPool): SandboxProcess {
  const sessionId = `${process.pid}-${++counter}`;
  const group: SessionCgroup | null = cgroups.create(sessionId);
  const nonce = randomBytes(12).toString('hex');
  const [file, first] = launcher(group, nonce);
  const term = pty.spawn(file, [...first, cmd.file, ...cmd.args], {
    name: 'xterm-256color',
    cols: size.cols,
    rows: size.rows,
    cwd: cmd.cwd,
    env: minimalEnv(sessionId, cmd.env),
    encoding: null,
  } as pty.IPtyForkOptions);
  const endMark = new EndMarkScanner(Buffer.from(`\x1b]7770;${nonce}\x07`), () => term.write(`${nonce}\n`));

  const timers: NodeJS.Timeout[] = [];
  let exited = false;

  const signalGroup = (signal: NodeJS.Signals, pgid = term.pid) => {
    try {
      process.kill(-pgid, signal);
    } catch {
      /* group already gone */
    }
  };
  // Detener acts like Ctrl-C: it signals the terminal's *foreground* process
  // group (a job started from the free shell has its own), read from /proc.
  const foreground = () => foregroundGroup(term.pid) ?? term.pid;

  const killAll = () => {
    signalGroup('SIGKILL');
    group?.kill();
    killMarked(sessionId);
  };

  const exitListeners: Array<(code: number | null, signal: string | null) => void> = [];
  term.onExit(({ exitCode, signal }) => {
    exited = true;
    for (const t of timers) clearTimeout(t);
    // Whatever the main process left behind (`cmd &`, `setsid cmd`) ends with it.
    killAll();
    group?.remove();
    // The launcher reports a command killed by signal N as 128+N.
    const sig = signal ? signalName(signal) : exitCode > 128 && exitCode < 160 ? signalName(exitCode - 128) : null;
    for (const cb of exitListeners) cb(sig ? null : exitCode, sig);
  });

  return {
    pid: term.pid,
    sessionId,
    onData: (cb) =>
      void term.onData((d) => {
        const out = endMark.push(typeof d === 'string' ? Buffer.from(d) : (d as unknown as Buffer));
        if (out.length > 0) cb(out);
      }),
    onExit: (cb) => void exitListeners.push(cb),
    write: (data) => {
      if (!exited) term.write(data);
    },
    resize: (cols, rows) => {
      if (!exited) term.resize(cols, rows);
    },
    pause: () => term.pause(),
    resume: () => term.resume(),
    stop(plan) {
      if (exited) return;
      const pgid = foreground();
      signalGroup('SIGINT', pgid);
      timers.push(
        // bpftrace 0.17 ignores a SIGINT that lands right after "Attaching": ask once more.
        setTimeout(() => signalGroup('SIGINT', pgid), Math.min(SECOND_SIGINT_MS, plan.termAfterMs / 2)),
        setTimeout(() => signalGroup('SIGTERM', pgid), plan.termAfterMs),
        setTimeout(() => {
          killAll();
          term.resume(); // let the pty drain so that exit is reported
        }, plan.killAfterMs),
      );
    },
    killAll,
  };
}

/** The foreground process group of the process's controlling terminal (field 8 of /proc/PID/stat). */
export function foregroundGroup(pid: number): number | null {
  const tpgid = procStat(pid)?.tpgid ?? 0;
  return tpgid > 0 ? tpgid : null;
}

const SIGNALS: Record<number, string> = {
  1: 'SIGHUP',
  2: 'SIGINT',
  6: 'SIGABRT',
  7: 'SIGBUS',
  8: 'SIGFPE',
  9: 'SIGKILL',
  11: 'SIGSEGV',
  13: 'SIGPIPE',
  15: 'SIGTERM',
  // A seccomp filter's KILL (its number depends on the CPU: 31 on x86-64 and arm64).
  [constants.signals.SIGSYS]: 'SIGSYS',
};
function signalName(n: number): string {
  return SIGNALS[n] ?? fill(t['exit.signalNumber'], { n });
}

/** Pids of every process whose environment carries the marker (prefix match when `prefix`). */
export function markedPids(value: string, prefix = false): number[] {
  const needle = `${SESSION_MARKER}=${value}`;
  const out: number[] = [];
  for (const pid of pids()) {
    const env = environOf(pid);
    if (env?.some((entry) => (prefix ? entry.startsWith(needle) : entry === needle))) out.push(pid);
  }
  return out;
}

function killMarked(sessionId: string): void {
  for (const pid of markedPids(sessionId)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

/** Kills processes left by servers that are no longer running. Returns their pids. */
export function killOrphans(): number[] {
  const killed: number[] = [];
  for (const pid of markedPids('', true)) {
    const env = environOf(pid);
    if (!env) continue;
    const m = new RegExp(`${SESSION_MARKER}=(\\d+)-`).exec(env.join('\0'));
    const owner = m ? Number(m[1]) : NaN;
    if (owner === process.pid || isAlive(owner)) continue;
    try {
      process.kill(pid, 'SIGKILL');
      killed.push(pid);
    } catch {
      /* gone */
    }
  }
  return killed;
}
