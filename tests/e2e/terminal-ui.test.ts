// Ejecutar / Detener in real Chromium, on the real kernel.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { openPage, pageSession, terminalText, waitForTerminal } from '../helpers/browser.ts';
import { pidsMatching, tracingProgIds, until } from '../helpers/system.ts';
import { ATTACHED_LINE } from '../../server/runs/bpftrace-output.ts';

const app = pageSession();
before(async () => {
  await app.ready();
  // The page keeps the start-up URL's token and drops it from the address bar.
  assert.equal(new URL(app.page.url()).search, '', 'the token is dropped from the address bar');
});

const block = (id: string) => `.runnable[data-run-id="${id}"]`;

async function run(id: string): Promise<void> {
  await app.page.locator(`${block(id)} .run-btn`).click();
  await app.page.waitForSelector(`${block(id)}[data-run-state="running"]`);
  assert.equal((await app.page.locator(`${block(id)} .run-btn`).innerText()).trim(), 'Detener');
}

async function stop(id: string): Promise<void> {
  await app.page.locator(`${block(id)} .run-btn`).click();
  await app.page.waitForSelector(`${block(id)}[data-run-state="idle"]`, { timeout: 10_000 });
  assert.equal((await app.page.locator(`${block(id)} .run-btn`).innerText()).trim(), 'Ejecutar');
}

test('every bpftrace block of the lessons has an Ejecutar button', async () => {
  await app.page.goto(`${app.server.origin}/bpftrace/`);
  const runnable = await app.page
    .locator('.runnable')
    .evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-run-id'), text: e.querySelector('pre')?.textContent ?? '' })));
  const bpftraceBlocks = await app.page
    .locator('pre')
    .evaluateAll((pres) => pres.filter((p) => /bpftrace -e/.test(p.textContent ?? '')).length);
  assert.ok(bpftraceBlocks >= 3);
  assert.equal(runnable.filter((r) => /bpftrace -e/.test(r.text)).length, bpftraceBlocks);
  assert.equal(await app.page.locator('.runnable .run-btn').count(), runnable.length);
});

test('the raw_syscalls count one-liner runs; Detener prints the map as @[comm]: N lines', async () => {
  await app.page.goto(`${app.server.origin}/bpftrace/`);
  const before = tracingProgIds();
  await run('contar-syscalls');
  const term = `${block('contar-syscalls')} .run-terminal`;
  await waitForTerminal(app.page, term, ATTACHED_LINE);
  assert.ok(!/RLIMIT_MEMLOCK/.test(await terminalText(app.page, term)), 'the harmless memlock line is hidden');
  await stop('contar-syscalls');
  const text = await terminalText(app.page, term);
  assert.match(text, /^@\[[^\]]+\]: \d+$/m);
  assert.match(text, /terminó correctamente|interrumpido/);
  await until(() => tracingProgIds().join() === before.join(), 'no program left attached');
});

test('the openat one-liner shows the name of a file the test opens meanwhile', async () => {
  await app.page.goto(`${app.server.origin}/bpftrace/`);
  await run('abrir-ficheros');
  const term = `${block('abrir-ficheros')} .run-terminal`;
  await waitForTerminal(app.page, term, ATTACHED_LINE);
  const name = `/tmp/taller-${randomBytes(4).toString('hex')}`;
  // Open the file until it shows up: the probe may attach a moment after bpftrace says so.
  let seen = '';
  await until(async () => {
    closeSync(openSync(name, 'w'));
    seen = await terminalText(app.page, term);
    return seen.includes(name);
  }, `${name} in the terminal`);
  await stop('abrir-ficheros');
  rmSync(name, { force: true });
});

test('a run can be started again after it ends, in the same terminal', async () => {
  await app.page.goto(`${app.server.origin}/bpftrace/`);
  for (let i = 0; i < 2; i++) {
    await run('contar-syscalls');
    await waitForTerminal(app.page, `${block('contar-syscalls')} .run-terminal`, ATTACHED_LINE);
    await stop('contar-syscalls');
  }
  assert.equal(await app.page.locator(`${block('contar-syscalls')} .run-terminal`).count(), 1);
});

test('closing the tab mid-run leaves no bpftrace process and no program attached', async () => {
  const before = tracingProgIds();
  const { page: p2 } = await openPage(app.ctx);
  await p2.goto(`${app.server.origin}/bpftrace/`);
  await p2.locator(`${block('contar-syscalls')} .run-btn`).click();
  await waitForTerminal(p2, `${block('contar-syscalls')} .run-terminal`, ATTACHED_LINE);
  assert.ok(pidsMatching(/^bpftrace /).length >= 1);
  await p2.close();
  await until(() => pidsMatching(/^bpftrace /).length === 0, 'bpftrace gone');
  await until(() => tracingProgIds().join() === before.join(), 'programs detached');
});

test('the free terminal runs an interactive shell, and is linked from every lesson', async () => {
  await app.page.goto(`${app.server.origin}/mapas/`);
  assert.equal(await app.page.locator('nav.sidebar a[href="/terminal/"]').count(), 1);
  await app.page.goto(`${app.server.origin}/terminal/`);
  await waitForTerminal(app.page, '.run-terminal', /taller.*[#$] $/m);
  await app.page.locator('.run-terminal').click();
  await app.page.keyboard.type('bpftool prog show > /dev/null && echo bpftool-$((20+1))\n');
  await waitForTerminal(app.page, '.run-terminal', /bpftool-21/);
});

test('without the token, the page explains in Spanish how to get in', async () => {
  const fresh = await app.browser.newContext();
  const { page: p } = await openPage(fresh);
  await p.goto(`${app.server.origin}/bpftrace/`);
  await p.locator(`${block('contar-syscalls')} .run-btn`).click();
  await waitForTerminal(p, `${block('contar-syscalls')} .run-terminal`, /no tiene el token/);
  await p.waitForSelector(`${block('contar-syscalls')}[data-run-state="idle"]`);
  await fresh.close();
});

test('no console errors', () => {
  assert.deepEqual(app.errors, []);
});
