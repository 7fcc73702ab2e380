// The compile cache's warm-up (server/processes/warm-cache.ts): after the start, the lessons' C blocks are
// compiled in the background, so that the first Ejecutar runs an object; stopping the server stops the
// warm-up with nothing left running and no half-written file.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { TerminalClient } from '../helpers/terminal-client.ts';
import { pidsMatching, until } from '../helpers/system.ts';

const caches: string[] = [];
/** Objects a full warm-up compiled (first test). */
let fullWarmUp = 20;
after(() => {
  for (const c of caches) rmSync(c, { recursive: true, force: true });
});

function freshCache(): string {
  const dir = mkdtempSync(join(tmpdir(), 'taller-warm-'));
  caches.push(dir);
  return dir;
}

/** Resolves with the first line of the server's output that matches, as it is printed. */
function serverLine(server: RunningServer, re: RegExp, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const find = () =>
      server
        .output()
        .split('\n')
        .find((l) => re.test(l));
    const timer = setTimeout(() => reject(new Error(`no line matching ${re} in:\n${server.output()}`)), timeoutMs);
    const check = () => {
      const line = find();
      if (!line) return;
      clearTimeout(timer);
      server.proc.stdout!.off('data', check);
      resolve(line);
    };
    server.proc.stdout!.on('data', check);
    check();
  });
}

/** clang processes working in a folder of `cache`. */
function clangsIn(cache: string): number[] {
  return pidsMatching(/^\S*clang\b/).filter((pid) => {
    try {
      return readlinkSync(`/proc/${pid}/cwd`).startsWith(cache);
    } catch {
      return false;
    }
  });
}

/** Compiled objects in the cache. */
function objects(cache: string): number {
  return readdirSync(cache, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.o')).length;
}

test('after the start the lessons are compiled in the background; the first Ejecutar of trace runs that object', async () => {
  const cache = freshCache();
  const server = await startServer({ TALLER_BUILD_CACHE: cache, TALLER_WARM_CACHE: '1' });
  try {
    const line = await serverLine(server, /compilados de antemano/);
    const compiled = Number(/(\d+) nuevos/.exec(line)?.[1]);
    assert.ok(compiled >= 20, `the lessons' C blocks were compiled: ${line}`);
    assert.equal(objects(cache), compiled);
    fullWarmUp = compiled;
    assert.deepEqual(pidsMatching(new RegExp(`warm-cache-worker\\.mjs ${cache}`)), [], 'the worker is gone once done');
    const c = new TerminalClient(server);
    await c.opened;
    c.send({ type: 'run', id: 'trace', cols: 100, rows: 30 });
    await c.waitFor((x) => x.messages.some((m) => m.type === 'attached'), 'trace attached');
    assert.match(c.output, /se reutiliza el objeto compilado/);
    c.send({ type: 'stop' });
    await c.closed;
  } finally {
    await server.stop();
  }
});

test('stopping the server during the warm-up stops its worker and clang, and leaves no temporary file', async () => {
  const cache = freshCache();
  const server = await startServer({ TALLER_BUILD_CACHE: cache, TALLER_WARM_CACHE: '1' });
  const worker = new RegExp(`warm-cache-worker\\.mjs ${cache}`);
  try {
    await until(() => clangsIn(cache).length > 0, 'a clang of the warm-up running', 30_000);
    assert.equal(pidsMatching(worker).length, 1, 'one worker');
  } finally {
    await server.stop();
  }
  await until(() => pidsMatching(worker).length === 0 && clangsIn(cache).length === 0, 'no worker and no clang left');
  assert.ok(objects(cache) < fullWarmUp, `the warm-up stopped with the server (${objects(cache)} of ${fullWarmUp} objects)`);
  const temporary = readdirSync(cache, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.tmp'));
  assert.deepEqual(temporary, [], 'no half-written object or source');
});
