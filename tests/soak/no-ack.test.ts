// A client that stops acknowledging for 30 s in the middle of a 2,000,000-line
// `seq`: the server's memory stays flat and it sends no more than about the
// high-water mark; when the client acknowledges again, every line arrives, in
// order, without gaps. (The short version is in tests/e2e/faults.test.ts.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { unacknowledgedShell } from '../helpers/terminal-client.ts';
import { pidsMatching, rssKiB } from '../helpers/system.ts';
import { median } from './soak-helpers.ts';
import { OUTPUT } from '../../server/limits.ts';

const N = 2_000_000;
const SILENCE_MS = 30_000;
let server: RunningServer;

before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

test(
  `30 s without acknowledgements during \`seq 1 ${N}\`: memory flat, then the output resumes complete and in order`,
  { timeout: 5 * 60_000 },
  async (t) => {
    const pid = server.proc.pid!;
    const c = await unacknowledgedShell(server, t);
    const base = rssKiB(pid);
    c.send({ type: 'input', data: `seq 1 ${N}; echo SEQ-$((4+4))\n` });
    await c.waitFor((x) => x.outputBytes > OUTPUT.highWaterBytes, 'the high-water mark');
    let seqPid = 0;
    const io = () => Number(/wchar: (\d+)/.exec(readFileSync(`/proc/${seqPid}/io`, 'utf8'))?.[1]);
    seqPid = pidsMatching(new RegExp(`^seq 1 ${N}$`))[0] ?? 0;
    assert.ok(seqPid > 0, 'seq is running');

    // The silence itself is the condition under test, so it lasts a fixed time; the server is sampled
    // once a second meanwhile (its memory, what it sent, what seq managed to write).
    const samples: Array<{ rss: number; sent: number; wrote: number }> = [];
    const t0 = Date.now();
    while (Date.now() - t0 < SILENCE_MS) {
      await delay(1000);
      samples.push({ rss: rssKiB(pid), sent: c.outputBytes, wrote: io() });
    }
    const peak = Math.max(...samples.map((s) => s.rss));
    console.log(
      `no-ack: RSS ${(base / 1024).toFixed(1)} MiB before, median ${(median(samples.map((s) => s.rss)) / 1024).toFixed(1)} MiB, peak ${(peak / 1024).toFixed(1)} MiB over ${samples.length} s; sent ${c.outputBytes} bytes unacknowledged; seq wrote ${samples.at(-1)!.wrote} bytes`,
    );
    assert.ok((peak - base) / 1024 < 16, `server RSS grew ${((peak - base) / 1024).toFixed(1)} MiB during the silence`);
    // Flat: the second half of the silence holds no more than the first half's peak plus a little.
    const half = samples.slice(samples.length / 2);
    const firstPeak = Math.max(...samples.slice(0, samples.length / 2).map((s) => s.rss));
    assert.ok(Math.max(...half.map((s) => s.rss)) - firstPeak < 4096, 'server RSS kept growing during the silence');
    // Nothing moves: the server sent nothing more, and seq is blocked on the full pty.
    assert.equal(samples.at(-1)!.sent, samples[0].sent, 'the server kept sending without acknowledgements');
    assert.equal(samples.at(-1)!.wrote, samples[0].wrote, 'seq kept writing: nothing held it back');
    assert.ok(c.outputBytes < OUTPUT.highWaterBytes + 900_000, `sent ${c.outputBytes} bytes without acknowledgement`);

    c.ws.on('message', (data, isBinary) => isBinary && c.send({ type: 'ack', bytes: (data as Buffer).length }));
    c.send({ type: 'ack', bytes: c.outputBytes });
    await c.waitFor((x) => x.output.includes('\r\nSEQ-8'), 'the end of seq', 120_000);
    const out = c.output;
    const mark = 'SEQ-$((4+4))\r\n';
    const body = out.slice(out.indexOf(mark) + mark.length, out.indexOf('\r\nSEQ-8')).replace(/^\x1b\[\?2004l\r/, '');
    const lines = body.split('\r\n');
    assert.equal(lines.length, N, `got ${lines.length} lines`);
    for (let i = 0; i < N; i++) {
      if (lines[i] !== String(i + 1)) assert.fail(`line ${i + 1} is ${JSON.stringify(lines[i])}`);
    }
  },
);
