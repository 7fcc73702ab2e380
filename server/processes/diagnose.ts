// Checks code while the learner types: clang -fsyntax-only for C, bpftrace's
// parser and semantic analysis (--emit-elf, which loads nothing) for bpftrace.
// At most two at a time; a short queue; everything in a scratch folder that is
// removed afterwards.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from '../../lib/protocol.ts';
import { bpfCflags } from '../workspace/c-build.ts';
import { cCompileFlags } from './vmlinux-header.ts';
import { runShort } from './short-run.ts';
import { DIAGNOSE, SHORT_RUN } from '../limits.ts';
import { terminal } from '../../lib/messages/es/terminal.mjs';

let running = 0;
const queue: Array<() => void> = [];

export class BusyError extends Error {}

async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= DIAGNOSE.running) {
    if (queue.length >= DIAGNOSE.queued) throw new BusyError(terminal['diagnose.busy']);
    await new Promise<void>((resolve) => queue.push(resolve));
  }
  running++;
  try {
    return await fn();
  } finally {
    running--;
    queue.shift()?.();
  }
}

async function run(file: string, args: string[], cwd: string): Promise<string> {
  const r = await runShort(file, args, { cwd, timeoutMs: SHORT_RUN.diagnoseMs });
  return `${r.stdout}${r.stderr}`;
}

/** `file.c:12:5: error: message` lines of clang. */
export function parseClangDiagnostics(out: string, fileName: string): Diagnostic[] {
  const re = new RegExp(`^${fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+): (error|warning|fatal error): (.*)$`, 'gm');
  return [...out.matchAll(re)].map((m) => ({
    line: Number(m[1]),
    column: Number(m[2]),
    severity: m[3] === 'warning' ? 'warning' : 'error',
    message: m[4],
  }));
}

/** `programa.bt:1:50-53: ERROR: message` lines of bpftrace. */
export function parseBpftraceDiagnostics(out: string): Diagnostic[] {
  return [...out.matchAll(/^[^:\n]+:(\d+):(\d+)(?:-\d+)?: (ERROR|WARNING): (.*)$/gm)].map((m) => ({
    line: Number(m[1]),
    column: Number(m[2]),
    severity: m[3] === 'WARNING' ? 'warning' : 'error',
    message: m[4],
  }));
}

/** The line of the first `#include "vmlinux.h"` (1-based), for a diagnostic about it. */
function vmlinuxLine(source: string): number {
  const i = source.split('\n').findIndex((l) => /vmlinux\.h/.test(l));
  return i < 0 ? 1 : i + 1;
}

/** `cacheRoot`: the server's compile cache, where this kernel's vmlinux.h lives (vmlinux-header.ts). */
export function diagnose(kind: 'c' | 'bpftrace', source: string, fileName = 'programa.bpf.c', cacheRoot?: string): Promise<Diagnostic[]> {
  return slot(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taller-ebpf-diag-'));
    try {
      if (kind === 'c') {
        const flags = cacheRoot ? cCompileFlags(source, cacheRoot) : { ok: true as const, flags: bpfCflags() };
        if (!flags.ok) return [{ line: vmlinuxLine(source), column: 1, severity: 'error', message: flags.message }];
        writeFileSync(join(dir, fileName), source);
        return parseClangDiagnostics(
          await run('clang', [...flags.flags, '-fsyntax-only', '-fno-color-diagnostics', fileName], dir),
          fileName,
        );
      }
      writeFileSync(join(dir, 'programa.bt'), source);
      return parseBpftraceDiagnostics(await run('bpftrace', ['--emit-elf', join(dir, 'programa.elf'), 'programa.bt'], dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
