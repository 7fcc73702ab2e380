// The worker of warm-cache.ts (its own entry of the compiled server): reads the jobs (one JSON line on
// stdin) and compiles each one not in the cache yet, one at a time, at the lowest CPU priority, exactly as
// cRecipe compiles it (same flags, same cache folder). Errors are counted, never shown: the learner's click
// compiles again and shows clang's own messages. Exits when done, or when the server goes: its stdin closes
// while the worker waits to start, or its parent is another process between two compiles.
import { execFileSync } from 'node:child_process';
import { setPriority } from 'node:os';
import { performance } from 'node:perf_hooks';
import { prepareCBuild } from '../workspace/c-build.ts';
import { cCompileFlags } from './vmlinux-header.ts';
import { SYSTEM_PATH } from './short-run.ts';
import { WARM_CACHE } from '../limits.ts';
import type { WarmJob, WarmReport } from './warm-cache.ts';

const cacheDir = process.argv[2];
const parent = process.ppid;
try {
  setPriority(19);
} catch {
  /* not allowed: run anyway */
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('end', () => process.exit(0));
process.stdin.on('data', (d: string) => {
  input += d;
  const nl = input.indexOf('\n');
  if (nl < 0) return;
  process.stdin.removeAllListeners('data');
  // Let the server's event loop and the learner's page go first: the work starts a moment later.
  setTimeout(() => run(JSON.parse(input.slice(0, nl)) as WarmJob[]), WARM_CACHE.startAfterMs);
});

function run(jobs: WarmJob[]): void {
  const t0 = performance.now();
  const report: WarmReport = { compiled: 0, cached: 0, failed: 0, ms: 0 };
  for (const job of jobs) {
    // The server is gone (killed): stop here, between two compiles.
    if (process.ppid !== parent) process.exit(0);
    const flags = cCompileFlags(job.code, cacheDir);
    if (!flags.ok) {
      report.failed++;
      continue;
    }
    const build = prepareCBuild(job.code, job.fileName, cacheDir, flags.flags);
    if (build.cached) {
      report.cached++;
      continue;
    }
    try {
      execFileSync('clang', [...flags.flags, '-c', build.source, '-o', build.object], {
        cwd: build.dir,
        env: { PATH: SYSTEM_PATH, LANG: 'C' },
        stdio: 'ignore',
        timeout: WARM_CACHE.compileTimeoutMs,
      });
      report.compiled++;
    } catch {
      report.failed++;
    }
  }
  report.ms = Math.round(performance.now() - t0);
  process.stdout.write(`${JSON.stringify(report)}\n`, () => process.exit(0));
}
