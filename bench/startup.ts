// Start time: from spawning `npm start`'s command (node setup/launch.mjs start, as root, nothing to
// rebuild) to the `http://…?token=` line on its stdout; the compiled server alone (setup done); the
// server run from its sources by tsx, as `npm start` did before it was compiled; against Node's own
// start (`node -e ''`) and wetty's (spawn → first HTTP answer, polled every 5 ms).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { waitForStartUrl, compiledServer } from '../tests/helpers/server.ts';
import { WETTY_DIR } from './wetty.ts';

const ROOT = new URL('..', import.meta.url).pathname;

/** Spawn → start URL printed, then SIGINT and wait for the exit (so that runs never overlap). */
async function toStartUrl(args: string[], env: Record<string, string> = {}): Promise<number> {
  const t0 = performance.now();
  const proc = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  await waitForStartUrl(proc, 60_000);
  const ms = performance.now() - t0;
  await stop(proc);
  return ms;
}

async function stop(proc: ChildProcess) {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = once(proc, 'exit');
  proc.kill('SIGINT');
  await exited;
}

export interface StartupResult {
  npmStartMs: number[];
  compiledMs: number[];
  sourcesMs: number[];
  nodeMs: number[];
  wettyMs: number[];
}

/** `node -e ''`: spawn → exit. */
function nodeAlone(): number {
  const t0 = performance.now();
  spawnSync(process.execPath, ['-e', '']);
  return performance.now() - t0;
}

async function wettyStart(port: number): Promise<number> {
  const t0 = performance.now();
  const proc = spawn(
    process.execPath,
    [
      join(WETTY_DIR, 'node_modules/wetty/build/main.js'),
      '--port',
      String(port),
      '--base',
      '/wetty/',
      '--host',
      '127.0.0.1',
      '--command',
      'bash',
    ],
    { cwd: WETTY_DIR, stdio: 'ignore' },
  );
  try {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await delay(5)) {
      if (proc.exitCode !== null) throw new Error(`wetty exited (${proc.exitCode})`);
      const answered = await fetch(`http://127.0.0.1:${port}/wetty`).then(
        (r) => r.status < 500,
        () => false,
      );
      if (answered) return performance.now() - t0;
    }
    throw new Error('wetty did not answer within 30 s');
  } finally {
    await stop(proc);
  }
}

async function freePort(): Promise<number> {
  const s = createServer().listen(0, '127.0.0.1');
  await once(s, 'listening');
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

/** Each variant once per run, interleaved, one start at a time. */
export async function startup(runs: number, withWetty: boolean): Promise<StartupResult> {
  const entry = compiledServer();
  const r: StartupResult = { npmStartMs: [], compiledMs: [], sourcesMs: [], nodeMs: [], wettyMs: [] };
  // One start first, unmeasured: the file cache warm for every variant alike.
  await toStartUrl(['setup/launch.mjs', 'start'], { PORT: '0' });
  for (let i = 0; i < runs; i++) {
    r.npmStartMs.push(await toStartUrl(['setup/launch.mjs', 'start'], { PORT: '0' }));
    r.compiledMs.push(await toStartUrl([entry, '--port', '0']));
    r.sourcesMs.push(await toStartUrl(['--import', 'tsx', 'server/main.ts', '--port', '0'], { TSX_DISABLE_CACHE: '1' }));
    r.nodeMs.push(nodeAlone());
    if (withWetty) r.wettyMs.push(await wettyStart(await freePort()));
  }
  return r;
}
