// Faults the other suites do not cover, each well under a minute together:
// a burst of parallel upgrades, a client that stops acknowledging and then
// resumes, file descriptors across run/stop cycles, and 64 KiB printed at exit
// reaching the page. (Longer versions live in tests/soak/.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { TerminalClient, unacknowledgedShell } from '../helpers/terminal-client.ts';
import { launchBrowser, openPage, terminalText, waitForTerminal } from '../helpers/browser.ts';
import { pidsMatching, rssKiB, until } from '../helpers/system.ts';
import { ATTACHED_LINE } from '../../server/runs/bpftrace-output.ts';
import { OUTPUT } from '../../server/limits.ts';

let server: RunningServer;
const cache = mkdtempSync(join(tmpdir(), 'taller-cache-faults-'));

before(async () => {
  server = await startServer({ TALLER_MAX_TERMINALS: '8', TALLER_BUILD_CACHE: cache });
});
after(async () => {
  await server?.stop();
  rmSync(cache, { recursive: true, force: true });
});

/** Where each open fd of the server points (sockets and pipes by kind, files by path). */
function serverFds(): string[] {
  const pid = server.proc.pid!;
  const out: string[] = [];
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      out.push(readlinkSync(`/proc/${pid}/fd/${fd}`).replace(/:\[\d+\]$/, ''));
    } catch {
      /* closed meanwhile */
    }
  }
  return out.sort();
}

/** The server's fds counted by kind. */
function kinds(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of serverFds()) out[k] = (out[k] ?? 0) + 1;
  return out;
}

/** pty masters the server holds open (node-pty opens /dev/ptmx in the server). */
const ptyMasters = () => serverFds().filter((t) => /ptmx/.test(t)).length;

/** Processes started by this server's sessions (each carries the session marker `<server pid>-<n>`). */
function sessionProcesses(): number[] {
  const needle = `TALLER_EBPF_SESSION=${server.proc.pid}-`;
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (
        readFileSync(`/proc/${name}/environ`, 'latin1')
          .split('\0')
          .some((e) => e.startsWith(needle))
      )
        out.push(Number(name));
    } catch {
      /* gone */
    }
  }
  return out;
}

const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '');

test('50 parallel upgrade attempts: exactly the session limit get a shell, the rest a Spanish refusal; no orphan pty', async (t) => {
  assert.equal(ptyMasters(), 0, 'no pty before');
  const clients = Array.from({ length: 50 }, () => new TerminalClient(server));
  t.after(() => clients.forEach((c) => c.ws.close()));
  // Every upgrade is accepted (an open socket that starts nothing holds no slot); the limit applies at the start message.
  await Promise.all(clients.map((c) => c.opened));
  for (const c of clients) c.send({ type: 'shell', cols: 80, rows: 24 });
  const outcome = await Promise.all(
    clients.map((c) =>
      c
        .waitFor((x) => x.output.includes('taller') || x.ws.readyState === x.ws.CLOSED, 'a prompt or a refusal')
        .then(() => (c.output.includes('taller') ? 'shell' : 'refused')),
    ),
  );
  assert.equal(outcome.filter((o) => o === 'shell').length, 8, outcome.join());
  const refused = clients.filter((_, i) => outcome[i] === 'refused');
  for (const c of refused) {
    assert.equal((await c.closed).code, 1013);
    assert.ok(
      c.messages.some((m) => m.type === 'error' && /máximo 8/.test(m.message)),
      JSON.stringify(c.messages),
    );
  }
  assert.equal(ptyMasters(), 8, 'one pty per accepted session');
  // The accepted ones really work.
  const open = clients.filter((_, i) => outcome[i] === 'shell');
  for (const [i, c] of open.entries()) c.send({ type: 'input', data: `echo ok-$((${i}+700))\n` });
  await Promise.all(open.map((c, i) => c.waitFor((x) => x.output.includes(`ok-${i + 700}`), `shell ${i}`)));
  for (const c of open) c.ws.close();
  await Promise.all(open.map((c) => c.closed));
  await until(() => ptyMasters() === 0 && sessionProcesses().length === 0, 'every pty closed and every session process gone');
});

test('a client that stops acknowledging: the producer blocks, server memory stays flat, and after acks resume the output is complete and in order', async (t) => {
  const N = 3_000_000; // ~22.9 MB of output, 20× the high-water mark (1 MiB)
  const c = await unacknowledgedShell(server, t);
  const base = rssKiB(server.proc.pid!);
  c.send({ type: 'input', data: `seq 1 ${N}; echo SEQ-$((4+4))\n` });
  await c.waitFor((x) => x.outputBytes > OUTPUT.highWaterBytes, 'the high-water mark');
  // `seq` itself must end up blocked on the pty (backpressure reaches the producer): its written-bytes
  // counter stops moving while output keeps not being acknowledged.
  let seqPid = 0;
  await until(() => (seqPid = pidsMatching(new RegExp(`^seq 1 ${N}$`))[0] ?? 0) > 0, 'seq running');
  const wchar = () => Number(/wchar: (\d+)/.exec(readFileSync(`/proc/${seqPid}/io`, 'utf8'))?.[1]);
  let last = -1;
  let stable = 0;
  await until(() => {
    const w = wchar();
    stable = w === last ? stable + 1 : 0;
    last = w;
    return stable >= 3;
  }, 'seq blocked on the pty');
  let total = 0;
  for (let i = 1; i <= N; i++) total += String(i).length + 1;
  assert.ok(last < total, `seq wrote all its ${total} bytes although nothing was acknowledged`);
  const sentWhilePaused = c.outputBytes;
  assert.ok(sentWhilePaused < OUTPUT.highWaterBytes + 900_000, `server sent ${sentWhilePaused} unacknowledged bytes`);
  const growthMiB = (rssKiB(server.proc.pid!) - base) / 1024;
  assert.ok(growthMiB < 16, `server RSS grew ${growthMiB.toFixed(1)} MiB while the client did not acknowledge`);

  // Acknowledge everything received so far, and every frame from now on.
  c.ws.on('message', (data, isBinary) => isBinary && c.send({ type: 'ack', bytes: (data as Buffer).length }));
  c.send({ type: 'ack', bytes: c.outputBytes });
  await c.waitFor((x) => x.output.includes('\r\nSEQ-8'), 'the end of seq', 60_000);
  const out = c.output;
  const from = out.indexOf('SEQ-$((4+4))\r\n') + 'SEQ-$((4+4))\r\n'.length;
  const body = out.slice(from, out.indexOf('\r\nSEQ-8'));
  // bash turns bracketed paste off before running the command: that sequence is not seq's.
  const lines = body.replace(/^\x1b\[\?2004l\r/, '').split('\r\n');
  assert.equal(lines.length, N, `got ${lines.length} lines`);
  for (let i = 0; i < N; i++) {
    if (lines[i] !== String(i + 1)) assert.fail(`line ${i + 1} is ${JSON.stringify(lines[i])}`);
  }
  c.ws.close();
  await c.closed;
});

test('the server holds no more file descriptors of any kind after shell, C and bpftrace run/stop cycles', async () => {
  const cycle = async (start: object, ready: (c: TerminalClient) => boolean, what: string) => {
    const c = new TerminalClient(server);
    await c.opened;
    c.send(start);
    await c.waitFor(ready, what);
    c.send({ type: 'stop' });
    if ((start as { type: string }).type === 'shell') c.ws.close();
    await c.closed;
  };
  const shell = () => cycle({ type: 'shell', cols: 80, rows: 24 }, (x) => x.output.includes('taller'), 'prompt');
  const trace = () =>
    cycle({ type: 'run', id: 'trace', cols: 100, rows: 30 }, (x) => x.messages.some((m) => m.type === 'attached'), 'attach');
  const oneLiner = () =>
    cycle({ type: 'run', id: 'contar-syscalls', cols: 100, rows: 30 }, (x) => ATTACHED_LINE.test(x.output), 'bpftrace attached');
  // One of each first: modules, caches and the compiled object are set up once, and that is not a leak.
  await shell();
  await trace();
  await oneLiner();
  await until(() => ptyMasters() === 0, 'warm-up ptys closed');
  const before = kinds();
  for (let i = 0; i < 4; i++) {
    await shell();
    await trace();
    await oneLiner();
  }
  // A leak grows a kind; a connection of an earlier test that finished closing meanwhile only shrinks one.
  const grown = () =>
    Object.entries(kinds())
      .filter(([k, n]) => n > (before[k] ?? 0))
      .map(([k, n]) => `${k}: ${before[k] ?? 0} → ${n}`);
  await until(() => grown().length === 0, 'no more fds of any kind than before').catch((e) => {
    throw new Error(`${e.message}: ${grown().join(', ')}`);
  });
});

test('a command that prints 64 KiB and exits at once: all of it reaches the page (free terminal, Chromium)', async () => {
  const browser = await launchBrowser();
  try {
    const { page, errors } = await openPage(await browser.newContext());
    await page.goto(server.url);
    await page.goto(`${server.origin}/terminal/`);
    await waitForTerminal(page, '.run-terminal', /taller.*[#$] $/m);
    await page.locator('.run-terminal').click();
    // 65536 × 'Q' (octal 121, so that the command line itself holds no Q), and the shell exits with it.
    await page.keyboard.type(`exec sh -c "head -c 65536 /dev/zero | tr '\\0' '\\121'"\n`);
    await page.waitForSelector('[data-free-terminal][data-state="ended"]');
    const text = await terminalText(page, '.run-terminal');
    // The longest run of Q: a Q elsewhere (a prompt, a folder name) must not count.
    const qs = Math.max(0, ...(stripAnsi(text).replace(/\n/g, '').match(/Q+/g) ?? []).map((r) => r.length));
    assert.equal(qs, 65536, `the page shows ${qs} of 65536 characters in one run`);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
