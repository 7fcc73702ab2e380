// Keeps the compile cache warm: once the server has printed its URL, a worker process at the lowest CPU
// priority compiles every C block of the lessons and exercises that is not in the cache yet (and makes this
// kernel's vmlinux.h and its precompiled header, which CO-RE blocks include), so that the learner's first
// Ejecutar on a lesson's code runs the object instead of compiling it. Edited code is still compiled on the
// click (it cannot be known before). The worker (warm-cache-worker.ts) only compiles lesson code the server
// already trusts into the server's private cache; it loads nothing into the kernel.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RunnableBlock } from '../../lib/lessons/runnable.ts';
import { compiledFile } from '../compiled.ts';
import { SYSTEM_PATH } from './short-run.ts';

/** One compile for the worker: a C block's source and file name, as cRecipe compiles it. */
export interface WarmJob {
  code: string;
  fileName: string;
}

/** What the worker reports on its last line (JSON). */
export interface WarmReport {
  compiled: number;
  cached: number;
  failed: number;
  ms: number;
}

export const WORKER_ENTRY = 'warm-cache-worker.mjs';

/** The C blocks a learner runs as they are written (the runner kind: compiled by clang, loaded by the runner). */
export function warmJobs(blocks: Iterable<RunnableBlock>): WarmJob[] {
  const seen = new Set<string>();
  const jobs: WarmJob[] = [];
  for (const b of blocks) {
    if (b.kind !== 'c') continue;
    const key = `${b.fileName}\0${b.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    jobs.push({ code: b.code, fileName: b.fileName });
  }
  return jobs;
}

export interface WarmCache {
  /** Resolves with the worker's report (null if it failed or was stopped). */
  done: Promise<WarmReport | null>;
  /** Ends the worker and the compile it is running (server shutdown). */
  stop(): void;
}

/**
 * Starts the worker in its own process group (stopping it stops its clang too). It exits by itself when
 * its work is done, or when this process goes away (its stdin closes). Null when the server runs from its
 * sources (no compiled worker next to it) or there is nothing to do.
 */
export function startWarmCache(jobs: WarmJob[], cacheDir: string): WarmCache | null {
  const entry = compiledFile(WORKER_ENTRY);
  if (!entry || jobs.length === 0) return null;
  const file = fileURLToPath(entry);
  if (!existsSync(file)) return null;
  const child: ChildProcess = spawn(process.execPath, [file, cacheDir], {
    detached: true,
    stdio: ['pipe', 'pipe', 'ignore'],
    env: { PATH: SYSTEM_PATH, LANG: 'C' },
  });
  child.stdin!.on('error', () => undefined);
  child.stdin!.write(`${JSON.stringify(jobs)}\n`);
  let out = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (d: string) => (out += d));
  const done = new Promise<WarmReport | null>((resolve) => {
    child.once('error', () => resolve(null));
    child.once('exit', (code) => {
      if (code !== 0) return resolve(null);
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as WarmReport);
      } catch {
        resolve(null);
      }
    });
  });
  // The worker never keeps the server alive.
  child.unref();
  (child.stdout as unknown as { unref?: () => void }).unref?.();
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  return {
    done,
    stop() {
      if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
      try {
        process.kill(-child.pid, 'SIGTERM'); // clang removes its temporary output on SIGTERM
      } catch {
        /* already gone */
      }
    },
  };
}
