// Runs a short program (a tool's version, a diagnostic, a bytecode dump) with
// the same minimal environment as the terminals, a timeout and an output cap,
// and resolves with what it printed. Never rejects.
import { execFile } from 'node:child_process';
import { SHORT_RUN } from '../limits.ts';

/** The PATH every command of the workshop gets. */
export const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface ShortRun {
  ok: boolean;
  stdout: string;
  stderr: string;
  pid: number;
  /** The exit status (null when a signal ended it or it never started). */
  code: number | null;
  /** The signal that ended it (SIGKILL…), or null. */
  signal: string | null;
}

export function runShort(file: string, args: string[], opts: { timeoutMs: number; cwd?: string }): Promise<ShortRun> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      {
        cwd: opts.cwd,
        timeout: opts.timeoutMs,
        maxBuffer: SHORT_RUN.maxOutputBytes,
        encoding: 'utf8',
        env: { PATH: SYSTEM_PATH, LANG: 'C' },
      },
      (err, stdout, stderr) => {
        const e = err as (Error & { code?: unknown; signal?: NodeJS.Signals | null }) | null;
        resolve({
          ok: !err,
          stdout: stdout ?? '',
          stderr: stderr ?? '',
          pid: child.pid ?? 0,
          code: !e ? 0 : typeof e.code === 'number' ? e.code : null,
          signal: e?.signal ?? null,
        });
      },
    );
  });
}
