// Asks the installed tools for their versions (the requirements checks cannot
// spawn processes themselves). Each probe has a short timeout; all run in parallel.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SHORT_RUN } from '../limits.ts';
import { parseRunnerEvent } from '../bpf/runner-events.ts';
import { SYSTEM_PATH, runShort } from './short-run.ts';

export interface ToolInfo {
  path: string;
  /** First line of `--version`, or null when the tool did not answer. */
  version: string | null;
  /** clang only: can it emit BPF? */
  bpfTarget?: boolean;
}

export type FentryProbe = 'ok' | 'blocked' | 'no-btf' | 'load-failed' | 'attach-failed' | 'no-target' | 'unknown';

const PATH_DIRS = SYSTEM_PATH.split(':');

export function which(cmd: string): string | null {
  const dirs = [...new Set([...(process.env.PATH ?? '').split(':'), ...PATH_DIRS])];
  for (const d of dirs) if (d && existsSync(join(d, cmd))) return join(d, cmd);
  return null;
}

async function run(file: string, args: string[], timeoutMs: number = SHORT_RUN.versionMs): Promise<{ ok: boolean; out: string }> {
  const r = await runShort(file, args, { timeoutMs });
  return { ok: r.ok, out: `${r.stdout}${r.stderr}` };
}

const VERSION_ARGS: Record<string, string[]> = {
  clang: ['--version'],
  'llvm-strip': ['--version'],
  bpftool: ['version'],
  bpftrace: ['--version'],
  sudo: ['--version'],
  ip: ['-V'],
};

export async function probeTool(name: string): Promise<ToolInfo | null> {
  const candidates =
    name === 'llvm-strip'
      ? ['llvm-strip', 'llvm-strip-19', 'llvm-strip-18', 'llvm-strip-17', 'llvm-strip-16', 'llvm-strip-15', 'llvm-strip-14']
      : [name];
  const path = candidates.map(which).find((p): p is string => p !== null);
  if (!path) return null;
  const v = await run(path, VERSION_ARGS[name] ?? ['--version']);
  const first =
    v.out
      .split('\n')
      .find((l) => /\d+\.\d+/.test(l))
      ?.trim() ?? null;
  const info: ToolInfo = { path, version: first ? first.replace(path, name) : null };
  if (name === 'clang') {
    const t = await run(path, ['-print-targets']);
    info.bpfTarget = /\bbpf\b/.test(t.out);
  }
  return info;
}

/** Loads and attaches a trivial fentry program with the runner (--probe-fentry). */
export async function probeFentry(runnerPath: string): Promise<FentryProbe> {
  if (!existsSync(runnerPath)) return 'unknown';
  const r = await run(runnerPath, ['--probe-fentry']);
  for (const line of r.out.split('\n').reverse()) {
    const ev = parseRunnerEvent(line);
    if (ev?.type === 'probe') return ev.fentry as FentryProbe;
  }
  return 'unknown';
}
