// The page prepares its terminal before the click: one spare WebSocket per page,
// taken by Ejecutar (which then only sends its start message), replaced after
// each run, and a spare that the server closed falls back to a socket of its own;
// and one xterm.js terminal built before the click, which Ejecutar moves under its block.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { pageSession, waitForTerminal } from '../helpers/browser.ts';
import { ATTACHED_LINE } from '../../server/runs/bpftrace-output.ts';

// Spares nobody uses are closed by the server after 1.5 s here (5 min by default).
const app = pageSession({ env: { TALLER_SPARE_TIMEOUT_MS: '1500' } });

/** Records, in the page, every terminal socket created and the socket each start message went out on. */
const RECORD = () => {
  const w = window as unknown as { __sockets: number; __starts: Array<{ socket: number; at: number }> };
  w.__sockets = 0;
  w.__starts = [];
  const Orig = window.WebSocket;
  const ids = new WeakMap<WebSocket, number>();
  class Counted extends Orig {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      ids.set(this, ++w.__sockets);
    }
  }
  const send = Orig.prototype.send;
  Orig.prototype.send = function (this: WebSocket, data) {
    if (typeof data === 'string' && /^\{"type":"(run|check|shell)"/.test(data))
      w.__starts.push({ socket: ids.get(this) ?? 0, at: w.__sockets });
    return send.call(this, data);
  };
  window.WebSocket = Counted as typeof WebSocket;
};

before(async () => {
  await app.ready();
  await app.page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await app.page.addInitScript(RECORD);
});

const block = '.runnable[data-run-id="contar-syscalls"]';
const term = `${block} .run-terminal`;
const sockets = () => app.page.evaluate(() => (window as unknown as { __sockets: number }).__sockets);
const starts = () => app.page.evaluate(() => (window as unknown as { __starts: Array<{ socket: number }> }).__starts);
const spare = (state: string) =>
  app.page.waitForFunction((s) => document.documentElement.dataset.terminalSpare === s, state, { timeout: 20_000 });

/** Clicks Ejecutar without moving the pointer (no hover: nothing may prepare a socket on the way). */
const click = () => app.page.evaluate((sel) => (document.querySelector(`${sel} .run-btn`) as HTMLButtonElement).click(), block);

async function runAndStop(): Promise<void> {
  await click();
  await waitForTerminal(app.page, term, ATTACHED_LINE);
  await click();
  await app.page.waitForSelector(`${block}[data-run-state="idle"]`, { timeout: 10_000 });
}

test('Ejecutar sends its start on the spare opened before the click, and a run after a run uses a new spare', async () => {
  await app.page.goto(`${app.server.origin}/bpftrace/`);
  await spare('open');
  const made = await sockets();
  assert.equal(made, 1, 'one spare per page');
  await runAndStop();
  assert.deepEqual(await starts(), [{ socket: 1, at: 1 }], 'the start went out on the spare; no socket was made on the click');
  // After the run, a new spare (the server closed the run's socket); the second run goes out on it.
  await spare('open');
  assert.equal(await sockets(), 2);
  await runAndStop();
  assert.deepEqual((await starts())[1], { socket: 2, at: 2 });
});

test('a spare the server closed (idle) is not used: the click opens its own socket and the run works', async () => {
  await app.page.goto(`${app.server.origin}/bpftrace/`);
  await spare('open');
  await spare('none'); // closed by the server after TALLER_SPARE_TIMEOUT_MS
  await runAndStop();
  const [first] = await starts();
  assert.equal(first.socket, 2, 'the start went out on a socket made on the click');
  assert.ok(!/conexión/.test(await app.page.locator(`${block} [data-run-status]`).innerText()));
});

test('no console errors', () => {
  assert.deepEqual(app.errors, []);
});

test('Ejecutar takes the terminal built before the click (hidden from assistive tools until then), and another is built after the run', async () => {
  await app.page.goto(`${app.server.origin}/bpftrace/`);
  const parked = () =>
    app.page.waitForFunction(() => document.documentElement.dataset.terminalParked === 'ready', undefined, { timeout: 20_000 });
  await parked();
  // Built ahead, with the characters drawn once and cleared: out of the flow, invisible, inert, hidden from assistive tools.
  const before = await app.page.evaluate(() => {
    const host = document.querySelector('.run-terminal-parked') as HTMLElement & { xterm?: any };
    host.dataset.probe = 'parked';
    const line0 = host.xterm.buffer.active.getLine(0).translateToString(true);
    const cs = getComputedStyle(host);
    return { line0, visibility: cs.visibility, position: cs.position, hidden: host.getAttribute('aria-hidden'), inert: host.inert };
  });
  assert.deepEqual(before, { line0: '', visibility: 'hidden', position: 'fixed', hidden: 'true', inert: true });
  assert.equal(await app.page.locator('.run-terminal').count(), 0, 'no block has a terminal before a click');
  await click();
  await waitForTerminal(app.page, term, ATTACHED_LINE);
  const after = await app.page.evaluate((sel) => {
    const host = document.querySelector(sel) as HTMLElement;
    const cs = getComputedStyle(host);
    return {
      probe: host.dataset.probe,
      visibility: cs.visibility,
      position: cs.position,
      hidden: host.getAttribute('aria-hidden'),
      inert: host.inert,
      label: host.getAttribute('aria-label'),
    };
  }, term);
  assert.deepEqual(after, {
    probe: 'parked',
    visibility: 'visible',
    position: 'static',
    hidden: null,
    inert: false,
    label: 'Terminal: contar-syscalls',
  });
  await click();
  await app.page.waitForSelector(`${block}[data-run-state="idle"]`, { timeout: 10_000 });
  await parked();
  assert.equal(await app.page.locator('.run-terminal-parked').count(), 1, 'one terminal parked per page');
});
