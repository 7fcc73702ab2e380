// The globales lesson end to end: the page's inputs for a block's settable globals (fence meta
// config=), the server's checks of their values, and the runner writing them before load. Real
// Chromium, real server, real kernel; a bad value starts nothing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pageSession, terminalText } from '../helpers/browser.ts';
import { TerminalClient } from '../helpers/terminal-client.ts';
import { pidsMatching, tracingProgIds, until } from '../helpers/system.ts';

const cacheDir = mkdtempSync(join(tmpdir(), 'taller-cache-test-'));
const dir = mkdtempSync(join(tmpdir(), 'taller-globales-'));
const app = pageSession({ env: { TALLER_BUILD_CACHE: cacheDir } });
after(() => {
  rmSync(cacheDir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

const block = '.runnable[data-run-id="globales-filtro"]';
const runners = () => pidsMatching(/^\S*\/runner --json/).length;

test('globales: the value typed in the page is written before load and filters what the program counts', async () => {
  // A command of our own, so that only this test's execve() calls match.
  const name = `tglob${process.pid % 100000}`;
  const prog = join(dir, name);
  copyFileSync('/bin/sh', prog);
  await app.page.goto(`${app.server.origin}/globales/`);
  const comando = app.page.getByLabel('comando', { exact: true });
  const pid = app.page.getByLabel('pid_objetivo', { exact: true });
  assert.equal(await comando.inputValue(), 'tallerej', 'the default comes from the fence meta');
  assert.equal(await pid.inputValue(), '0');
  assert.match((await comando.getAttribute('aria-describedby')) ?? '', /hint/);
  await comando.fill(name);
  await app.page.locator(`${block} .run-btn`).click();
  await app.page.waitForSelector(`${block}[data-attached="true"]`, { timeout: 60_000 });
  assert.equal(await comando.getAttribute('readonly'), '', 'the inputs cannot change while it runs');
  const term = `${block} .run-terminal`;
  const text = await terminalText(app.page, term);
  assert.match(text, new RegExp(`Antes de cargar: comando = "${name}" \\(en \\.rodata\\)`));
  assert.match(text, new RegExp(`sudo runner --set pid_objetivo=0 --set comando=${name} globales\\.bpf\\.o`));
  await until(async () => {
    execFileSync(prog, ['-c', 'exec /bin/true']);
    return new RegExp(`execve de ${name} \\(pid \\d+\\)`).test(await terminalText(app.page, term));
  }, 'a line for our command');
  // The live table shows the configuration in globales.rodata and the counters by name.
  await until(async () => {
    const tables = await app.page.locator(`${block} .run-maps`).innerText();
    return tables.includes('globales.rodata') && tables.includes(name) && /coincidencias/.test(tables);
  }, 'the data sections in the maps table');
  await app.page.locator(`${block} .run-btn`).click();
  await app.page.waitForSelector(`${block}[data-run-state="idle"]`);
  assert.equal(await comando.getAttribute('readonly'), null);
  // Other commands never matched: every printed line is ours.
  const lines = (await terminalText(app.page, term)).match(/execve de \S+/g) ?? [];
  assert.ok(lines.length > 0 && lines.every((l) => l === `execve de ${name}`), lines.join());
});

test('globales: a value that does not fit is refused in Spanish and nothing starts', async () => {
  await app.page.goto(`${app.server.origin}/globales/`);
  const before = tracingProgIds().join();
  const comando = app.page.getByLabel('comando', { exact: true });
  const cases: Array<[string, string, RegExp]> = [
    ['comando', 'ñandú', /solo admite letras, cifras y signos ASCII imprimibles/],
    ['comando', 'x'.repeat(16), /admite como mucho 15 caracteres/],
    ['pid_objetivo', '-1', /debe ser un número entero/],
    ['pid_objetivo', '99999999', /debe estar entre 0 y 4194304/],
  ];
  for (const [field, value, sentence] of cases) {
    await app.page.reload();
    // maxlength stops typing at 15: set the value as a script would, the server must still refuse it.
    await app.page.getByLabel(field, { exact: true }).evaluate((el, v) => ((el as HTMLInputElement).value = v), value);
    await app.page.locator(`${block} .run-btn`).click();
    // The terminal wraps the sentence at its width; the status line under the block holds it whole.
    const status = app.page.locator(`${block} [data-run-status]`);
    await until(async () => /No se ha ejecutado nada/.test(await status.innerText()), `the refusal of ${field}=${value}`, 20_000);
    assert.match(await status.innerText(), sentence, `${field}=${value}`);
    const text = (await terminalText(app.page, `${block} .run-terminal`)).replace(/\s+/g, ' ');
    assert.match(text, sentence, 'the terminal says it too');
    assert.doesNotMatch(text, /clang|Cargado/, 'nothing was compiled or loaded');
    await app.page.waitForSelector(`${block}[data-run-state="idle"]`);
    assert.equal(await comando.getAttribute('readonly'), null);
  }
  assert.equal(tracingProgIds().join(), before);
  assert.equal(runners(), 0);
});

/** A raw client's run; resolves with what the server answered once it ended the session. */
async function rawRun(msg: Record<string, unknown>) {
  const c = new TerminalClient(app.server);
  await c.opened;
  c.send({ cols: 80, rows: 24, ...msg });
  return c;
}

test('attack: config for a block that declares none, unknown names, huge or non-text values: refused, nothing runs', async () => {
  await app.ready();
  const before = tracingProgIds().join();
  const refused: Array<[Record<string, unknown>, RegExp]> = [
    [{ type: 'run', id: 'trace', config: { x: '1' } }, /no tiene variables que se puedan configurar/],
    [{ type: 'run', id: 'globales-filtro', config: { otra: '1' } }, /ninguna variable configurable «otra»/],
    [{ type: 'run', id: 'globales-filtro', config: { 'comando; rm -rf /': 'x' } }, /ninguna variable configurable/],
    [{ type: 'run', id: 'globales-filtro', config: { pid_objetivo: '9'.repeat(200) } }, /debe ser un número entero|debe estar entre/],
    [{ type: 'run', id: 'globales-filtro', config: { comando: '$(reboot)'.repeat(2) } }, /como mucho 15 caracteres/],
    [{ type: 'run', id: 'globales-filtro', config: { comando: 'a\u0000b' } }, /ASCII imprimibles/],
  ];
  for (const [msg, sentence] of refused) {
    const c = await rawRun(msg);
    await c.waitFor((x) => x.messages.some((m) => m.type === 'error'), JSON.stringify(msg));
    const err = c.messages.find((m) => m.type === 'error');
    assert.ok(err && err.type === 'error');
    assert.match(err.message, sentence);
    assert.ok(!c.messages.some((m) => m.type === 'started'), `${JSON.stringify(msg)} started something`);
    await c.closed;
  }
  // Shapes the schema refuses (a value too long for any input, a number, too many names) are ignored
  // like any malformed message: the session stays, starts nothing, and answers the next message.
  for (const config of [
    { comando: 'x'.repeat(100_000) },
    { pid_objetivo: 5 },
    Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`v${i}`, '1'])),
  ]) {
    const c = await rawRun({ type: 'run', id: 'globales-filtro', config });
    c.send({ type: 'run', id: 'globales-filtro', cols: 80, rows: 24, config: { otra: '1' } });
    await c.waitFor((x) => x.messages.some((m) => m.type === 'error'), 'the answer to the second message');
    assert.ok(!c.messages.some((m) => m.type === 'started'));
    const err = c.messages.find((m) => m.type === 'error');
    assert.match(err?.type === 'error' ? err.message : '', /«otra»/, 'the second message was the one answered');
    await c.closed;
  }
  assert.equal(tracingProgIds().join(), before);
  assert.equal(runners(), 0);
});

test('no console errors', () => {
  assert.deepEqual(app.errors, []);
});
