// 100 run/stop cycles of the first C program (`trace`) and 100 of a bpftrace
// one-liner (`contar-syscalls`): nothing leaks (process, program, link, pin,
// tracefs instance, server fd) and the server's memory comes back.
//
// Memory, "GC-neutral": the server's RSS is read at every cycle's end (an event,
// not a timer). A single reading can land just before or just after a V8
// collection, and the first cycles load code that stays for the life of the
// process (zod schemas, the runner stream, JIT code, malloc arenas), which is not
// a leak. So the start is the median of cycles 6–15 and the end the median of
// the last 10 cycles; the end must be within 10% of the start.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { rssKiB, until } from '../helpers/system.ts';
import { bpftraceAttached, median, runAndStop, snapshot } from './soak-helpers.ts';

const CYCLES = 100;
let server: RunningServer;
const cache = mkdtempSync(join(tmpdir(), 'taller-cache-soak-'));

before(async () => {
  server = await startServer({ TALLER_BUILD_CACHE: cache });
});
after(async () => {
  await server?.stop();
  rmSync(cache, { recursive: true, force: true });
});

async function soak(id: string, ready: Parameters<typeof runAndStop>[2], check: (c: Awaited<ReturnType<typeof runAndStop>>) => void) {
  // One cycle first, outside the measure: it compiles the object and loads what a run needs once.
  await runAndStop(server, id, ready, `${id} warm-up`);
  await until(() => snapshot(server) === snapshot(server), 'a stable snapshot');
  const before = snapshot(server);
  const rss: number[] = [];
  for (let i = 0; i < CYCLES; i++) {
    const c = await runAndStop(server, id, ready, `${id} #${i}`);
    check(c);
    rss.push(rssKiB(server.proc.pid!));
  }
  await until(() => snapshot(server) === before, `everything as before the cycles:\n${before}`, 20_000).catch((e) => {
    throw new Error(`${e.message}\nnow:\n${snapshot(server)}`);
  });
  const start = median(rss.slice(5, 15));
  const end = median(rss.slice(-10));
  const growth = (end - start) / start;
  console.log(`${id}: RSS median ${(start / 1024).toFixed(1)} MiB (cycles 6-15) → ${(end / 1024).toFixed(1)} MiB (last 10), ${(growth * 100).toFixed(1)}%`);
  assert.ok(growth < 0.1, `${id}: server RSS grew ${(growth * 100).toFixed(1)}% (${start} → ${end} KiB); per cycle: ${rss.join(' ')}`);
}

test(`${CYCLES} run/stop cycles of the C example leave nothing behind; server RSS back within 10%`, { timeout: 10 * 60_000 }, async () => {
  await soak(
    'trace',
    (c) => c.messages.some((m) => m.type === 'attached'),
    (c) => assert.equal(c.exitMessage()!.code, 0, JSON.stringify(c.exitMessage())),
  );
});

test(`${CYCLES} run/stop cycles of a bpftrace one-liner leave nothing behind; server RSS back within 10%`, { timeout: 10 * 60_000 }, async () => {
  await soak(
    'contar-syscalls',
    // bpftrace 0.17 drops a SIGINT that arrives while it is still attaching (right after it prints
    // "Attaching N probes"); stop once its perf event exists, as a learner's click would.
    (c) => /Attaching \d+ probe/.test(c.output) && bpftraceAttached(),
    (c) => assert.match(c.output, /^@\[[^\]]+\]: \d+/m, 'bpftrace printed its map at Detener'),
  );
});
