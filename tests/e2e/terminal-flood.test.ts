// A flood (`yes`) must neither grow server memory without bound nor delay
// Detener or Ctrl-C: output is paused by flow control, input has its own path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { TerminalClient } from '../helpers/terminal-client.ts';
import { rssKiB } from '../helpers/system.ts';
import { OUTPUT } from '../../server/limits.ts';

let server: RunningServer;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

async function shell(): Promise<TerminalClient> {
  const c = new TerminalClient(server);
  await c.opened;
  c.send({ type: 'shell', cols: 80, rows: 24 });
  await c.waitFor((x) => x.output.includes('taller'), 'prompt');
  return c;
}

/** Waits for the next prompt after `from` bytes of output. */
function promptAfter(c: TerminalClient, from: number) {
  return c.waitFor((x) => /taller[^\n]*[#$] $/.test(x.output.slice(from).replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '')), 'a new prompt', 5_000);
}

test('10 s of `yes` keep server memory bounded, and Detener ends it within 1 s', async () => {
  const c = await shell();
  const base = rssKiB(server.proc.pid!);
  c.send({ type: 'input', data: 'yes taller-inundacion\n' });
  await c.waitFor((x) => x.outputBytes > 1_000_000, 'the flood');
  let peak = base;
  const t0 = Date.now();
  // Sample while output keeps arriving; every sample waits for more output (an event), not a timer.
  while (Date.now() - t0 < 10_000) {
    const seen = c.outputBytes;
    await c.waitFor((x) => x.outputBytes > seen + 500_000, 'more flood');
    peak = Math.max(peak, rssKiB(server.proc.pid!));
    c.output = c.output.slice(-4096); // the test itself must not be what grows
  }
  const growthMiB = (peak - base) / 1024;
  assert.ok(growthMiB < 64, `server RSS grew ${growthMiB.toFixed(1)} MiB during the flood`);

  const mark = c.output.length;
  const stopAt = Date.now();
  c.send({ type: 'stop' });
  await promptAfter(c, mark);
  const ms = Date.now() - stopAt;
  assert.ok(ms < 1000, `Detener took ${ms} ms`);
  c.ws.close();
  await c.closed;
});

test('Ctrl-C typed in the terminal stops a flood within 1 s', async () => {
  const c = await shell();
  c.send({ type: 'input', data: 'yes\n' });
  await c.waitFor((x) => x.outputBytes > 2_000_000, 'the flood');
  c.output = '';
  const at = Date.now();
  c.send({ type: 'input', data: '\x03' });
  await promptAfter(c, 0);
  const ms = Date.now() - at;
  assert.ok(ms < 1000, `Ctrl-C took ${ms} ms`);
  c.ws.close();
  await c.closed;
});

test('a client that never acknowledges gets at most about the high-water mark', async () => {
  const c = new TerminalClient(server, { autoAck: false });
  await c.opened;
  c.send({ type: 'shell', cols: 80, rows: 24 });
  await c.waitFor((x) => x.output.includes('taller'), 'prompt');
  c.send({ type: 'input', data: 'yes\n' });
  await c.waitFor((x) => x.outputBytes > OUTPUT.highWaterBytes, 'the high-water mark');
  // Still responsive: Detener works though the output is paused.
  c.send({ type: 'stop' });
  c.send({ type: 'ack', bytes: 1 << 30 });
  await c.waitFor(
    (x) => /taller[^\n]*[#$] $/.test(x.output.slice(-200).replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '')),
    'prompt after stop',
    5_000,
  );
  // The pty is paused above the high-water mark unacknowledged: what was sent stays close to that.
  assert.ok(c.outputBytes < OUTPUT.highWaterBytes + 900_000, `sent ${c.outputBytes} bytes without acknowledgement`);
  c.ws.close();
  await c.closed;
});

test('a bpftrace printf flood on raw_syscalls: Detener ends it within 1 s', async () => {
  const c = new TerminalClient(server);
  await c.opened;
  c.send({ type: 'run', id: 'inundacion', cols: 120, rows: 30 });
  await c.waitFor((x) => x.outputBytes > 500_000, 'the flood');
  const at = Date.now();
  c.send({ type: 'stop' });
  await c.waitFor((x) => !!x.exitMessage(), 'exit');
  const ms = Date.now() - at;
  assert.ok(ms < 1000, `Detener took ${ms} ms`);
  assert.ok(!c.output.includes('RLIMIT_MEMLOCK'));
});
