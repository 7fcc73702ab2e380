// 100 run/stop cycles of the first C program (`trace`) and 100 of a bpftrace
// one-liner (`contar-syscalls`): nothing leaks (process, program, link, pin,
// tracefs instance, server fd) and the server's memory comes back.
// Exact comparisons for processes and kernel objects; fds by kind, none may grow.
//
// Memory, GC-neutral: without help, V8 may let garbage pile up for a hundred
// cycles before a full collection (RSS read at each cycle's end climbed 11% and
// then fell back), so readings taken at arbitrary moments compare GC timing,
// not leaks. The server runs with its inspector on loopback, and every memory
// reading follows a forced full GC (HeapProfiler.collectGarbage): the start is
// taken after 5 warm-up cycles (code loaded once for the life of the process —
// zod schemas, the runner stream, JIT code — is not a leak), the end after the
// 100 cycles, each as the median of 3 readings. RSS and the V8 heap in use must
// both be within 10% of the start.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { rssKiB, until } from '../helpers/system.ts';
import { ATTACHED_LINE } from '../../server/runs/bpftrace-output.ts';
import { ServerInspector, bpftraceAttached, fdKinds, fdsGrown, median, runAndStop, snapshot } from './soak-helpers.ts';

const CYCLES = 100;
let server: RunningServer;
let inspector: ServerInspector;
const WARMUP = 5;
const cache = mkdtempSync(join(tmpdir(), 'taller-cache-soak-'));

before(async () => {
  server = await startServer({ TALLER_BUILD_CACHE: cache, NODE_OPTIONS: '--inspect=127.0.0.1:0' });
  inspector = await ServerInspector.connect(server);
});
after(async () => {
  inspector?.close();
  await server?.stop();
  rmSync(cache, { recursive: true, force: true });
});

async function memory() {
  const xs = [];
  for (let i = 0; i < 3; i++) xs.push(await inspector.settled(server, rssKiB));
  return { rssKiB: median(xs.map((x) => x.rssKiB)), heapKiB: median(xs.map((x) => x.heapKiB)) };
}

async function soak(id: string, ready: Parameters<typeof runAndStop>[2], check: (c: Awaited<ReturnType<typeof runAndStop>>) => void) {
  // Warm-up cycles first, outside the measure: the first compiles the object; all load what runs need once.
  for (let i = 0; i < WARMUP; i++) await runAndStop(server, id, ready, `${id} warm-up #${i}`);
  const before = snapshot(server);
  const fdsBefore = fdKinds(server);
  const start = await memory();
  for (let i = 0; i < CYCLES; i++) {
    const c = await runAndStop(server, id, ready, `${id} #${i}`);
    check(c);
  }
  await until(() => snapshot(server) === before, `everything as before the cycles:\n${before}`, 20_000).catch((e) => {
    throw new Error(`${e.message}\nnow:\n${snapshot(server)}`);
  });
  await until(() => fdsGrown(server, fdsBefore).length === 0, 'no more server fds than before', 20_000).catch((e) => {
    throw new Error(`${e.message}: ${fdsGrown(server, fdsBefore).join(', ')}`);
  });
  const end = await memory();
  const pct = (a: number, b: number) => ((b - a) / a) * 100;
  const line =
    `${id}: after a forced GC, RSS ${(start.rssKiB / 1024).toFixed(1)} → ${(end.rssKiB / 1024).toFixed(1)} MiB (${pct(start.rssKiB, end.rssKiB).toFixed(1)}%), ` +
    `V8 heap ${(start.heapKiB / 1024).toFixed(1)} → ${(end.heapKiB / 1024).toFixed(1)} MiB (${pct(start.heapKiB, end.heapKiB).toFixed(1)}%) over ${CYCLES} cycles`;
  console.log(line);
  assert.ok(pct(start.rssKiB, end.rssKiB) < 10, line);
  assert.ok(pct(start.heapKiB, end.heapKiB) < 10, line);
}

test(`${CYCLES} run/stop cycles of the C example leave nothing behind; server RSS back within 10%`, { timeout: 10 * 60_000 }, async () => {
  await soak(
    'trace',
    (c) => c.messages.some((m) => m.type === 'attached'),
    (c) => assert.equal(c.exitMessage()!.code, 0, JSON.stringify(c.exitMessage())),
  );
});

test(
  `${CYCLES} run/stop cycles of a bpftrace one-liner leave nothing behind; server RSS back within 10%`,
  { timeout: 10 * 60_000 },
  async () => {
    await soak(
      'contar-syscalls',
      // bpftrace 0.17 drops a SIGINT that arrives while it is still attaching (right after it prints
      // "Attaching N probes..."); stop once its perf event exists, as a learner's click would.
      (c) => ATTACHED_LINE.test(c.output) && bpftraceAttached(),
      (c) => assert.match(c.output, /^@\[[^\]]+\]: \d+/m, 'bpftrace printed its map at Detener'),
    );
  },
);
