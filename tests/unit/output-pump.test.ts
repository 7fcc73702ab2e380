// The output pump's flow control and batching, driven by hand: frames sent, pauses and resumes recorded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OutputPump } from '../../server/terminals/output-pump.ts';
import { OUTPUT } from '../../server/limits.ts';

const HIGH = OUTPUT.highWaterBytes;
const LOW = OUTPUT.lowWaterBytes;

function pump(batchMs = 5) {
  const log = { frames: [] as Buffer[], reading: true };
  const p = new OutputPump(
    { batchMs, highWaterBytes: HIGH, lowWaterBytes: LOW },
    {
      send: (f) => log.frames.push(f),
      pause: () => (log.reading = false),
      resume: () => (log.reading = true),
    },
  );
  return { p, log, sent: () => log.frames.reduce((n, f) => n + f.length, 0) };
}

/** Pushes `total` bytes in 4 KiB chunks (what a pty read gives), as one burst. */
function burst(p: OutputPump, total: number, fill = 0x78) {
  for (let n = 0; n < total; n += 4096) p.push(Buffer.alloc(Math.min(4096, total - n), fill));
}

test('the watermarks: the low mark leaves the consumer work while the resume travels; the high mark bounds memory', () => {
  assert.ok(LOW >= 128 * 1024, 'the low-water mark covers a few ms of xterm parsing');
  assert.ok(HIGH >= 3 * LOW, 'each pause/resume cycle carries most of the window');
  assert.ok(HIGH <= 2 * 1024 * 1024, 'at most 2 MiB held per terminal (16 MiB for 8 terminals)');
  assert.ok(OUTPUT.fullBatchBytes < LOW, 'a frame is smaller than the low mark');
});

test('a burst goes in full frames; the first write after a quiet spell goes at once', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 });
  const { p, log, sent } = pump();
  p.push(Buffer.from('prompt$ '));
  assert.equal(log.frames.length, 1, 'the first write is not held back');
  burst(p, 4 * OUTPUT.fullBatchBytes);
  assert.equal(log.frames.length, 5);
  assert.ok(log.frames.slice(1).every((f) => f.length === OUTPUT.fullBatchBytes));
  p.push(Buffer.from('tail'));
  assert.equal(log.frames.length, 5, 'a partial batch within batchMs waits');
  t.mock.timers.tick(5);
  assert.equal(log.frames.length, 6);
  assert.equal(sent(), 8 + 4 * OUTPUT.fullBatchBytes + 4);
});

test('output right after input (its echo) is not held back by the batching timer', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 });
  const { p, log } = pump();
  burst(p, 8192);
  const before = log.frames.length;
  p.push(Buffer.from('x'));
  assert.equal(log.frames.length, before, 'held back without input');
  p.inputSent();
  p.push(Buffer.from('a'));
  assert.equal(log.frames.length, before + 1, 'the echo went with what was batched');
  assert.ok(log.frames.at(-1)!.toString().endsWith('xa'));
});

/** The rest of this event-loop turn: a pump that yields after a full frame reads again after it. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

test('above the high-water mark the process is paused and what is batched goes at once; it resumes only below the low mark', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 });
  const { p, log, sent } = pump();
  for (let n = 0; n < HIGH; n += 4096) {
    p.push(Buffer.alloc(4096, 0x78));
    await nextTurn();
    assert.ok(log.reading, 'at most the high-water mark unacknowledged: the process is read');
  }
  p.push(Buffer.from('y'));
  assert.equal(log.reading, false, 'above the high-water mark: paused');
  assert.equal(sent(), HIGH + 1, 'nothing waits for the timer once paused');
  await nextTurn();
  assert.equal(log.reading, false, 'still paused in the next turn');
  p.ack(HIGH + 1 - LOW);
  await nextTurn();
  assert.equal(log.reading, false, 'at the low mark: still paused');
  p.ack(1);
  await nextTurn();
  assert.equal(log.reading, true, 'below the low mark: read again');
});

test('a client that never acknowledges gets the high-water mark and a chunk, however much the process writes', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 });
  const { p, log, sent } = pump();
  // The process is only read while not paused (a pty delivers at most what it had already read).
  let pushed = 0;
  for (let turn = 0; turn < 1000; turn++) {
    if (log.reading) {
      p.push(Buffer.alloc(4096, 0x79));
      pushed += 4096;
    }
    await nextTurn();
    t.mock.timers.tick(10);
  }
  assert.equal(log.reading, false);
  assert.equal(sent(), pushed);
  assert.ok(sent() <= HIGH + 4096, `sent ${sent()} bytes unacknowledged`);
});

test('Detener reads on although nothing was acknowledged (the learner wants to see the end)', async () => {
  const { p, log } = pump();
  burst(p, HIGH + 4096);
  await nextTurn();
  assert.equal(log.reading, false);
  p.unpause();
  await nextTurn();
  assert.equal(log.reading, true);
});
