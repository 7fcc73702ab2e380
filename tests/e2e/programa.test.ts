// Program blocks end to end (a plain user-space C program, compiled with cc and run
// as is): the seccomp lesson's block runs in the page and shows its filter at work;
// an edit with a compile error shows the compiler's message under a Spanish summary
// and the stage's sentence; a filter that kills its process is named by its signal.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pageSession, terminalText } from '../helpers/browser.ts';
import { TerminalClient } from '../helpers/terminal-client.ts';
import { pidsMatching } from '../helpers/system.ts';

const ID = 'seccomp-uname';
const SOURCE = readFileSync('bpf/seccomp.c', 'utf8');

const cacheDir = mkdtempSync(join(tmpdir(), 'taller-cache-test-'));
const app = pageSession({ env: { TALLER_BUILD_CACHE: cacheDir } });
after(() => rmSync(cacheDir, { recursive: true, force: true }));

const block = `.runnable[data-run-id="${ID}"]`;
const term = `${block} .run-terminal`;

/** Opens the block's editor and replaces its whole text, as a learner pasting. */
async function setCode(code: string): Promise<void> {
  if ((await app.page.locator(`${block} .cm-content`).count()) === 0) await app.page.locator(`${block} .expressive-code pre`).click();
  const content = app.page.locator(`${block} .cm-content`);
  await content.waitFor();
  await content.click();
  await app.page.keyboard.press('Control+A');
  await app.page.keyboard.insertText(code);
}

test('seccomp: Ejecutar compiles the program with cc and runs it; the filter denies uname() with EPERM, and nothing is left running', async () => {
  await app.page.goto(`${app.server.origin}/seccomp/`);
  await app.page.locator(`${block} .run-btn`).click();
  await app.page.waitForSelector(`${block}[data-run-state="running"]`, { timeout: 30_000 }).catch(() => {});
  await app.page.waitForSelector(`${block}[data-run-state="idle"]`, { timeout: 60_000 });
  const text = await terminalText(app.page, term);
  assert.match(text, /cc -O2 -g -Wall seccomp\.c -o seccomp/);
  assert.match(text, /usuario 65534/);
  assert.match(text, /Filtro sin no_new_privs: rechazado con EACCES/);
  assert.match(text, /Seccomp:\s+2/);
  assert.match(text, /uname\(\): falla con EPERM/);
  assert.match(text, /getpid\(\): funciona/);
  assert.match(text, /terminó correctamente/);
  // Built once, in the private cache: the binary is there for the next run.
  assert.ok(
    readdirSync(cacheDir).some((d) => readdirSync(join(cacheDir, d)).includes('seccomp')),
    'binary in the cache',
  );
  assert.deepEqual(pidsMatching(/(^|\/)seccomp$/), []);
});

test('an edited program with a compile error: the compiler error with its Spanish summary and the stage sentence, exit 1, no private path', async () => {
  await app.page.goto(`${app.server.origin}/seccomp/`);
  await setCode(SOURCE.replace('return 0;\n}', 'return nope;\n}'));
  await app.page.locator(`${block} .run-btn[data-run-id]`).click();
  await app.page.waitForSelector(`${block}[data-run-state="idle"]`, { timeout: 60_000 });
  const text = await terminalText(app.page, term);
  assert.match(text, /Error de compilación en seccomp\.c, línea \d+/);
  assert.match(text, /seccomp\.c:\d+:\d+: error/);
  assert.match(text, /No se pudo compilar el programa seccomp\.c/);
  assert.match(text, /código de salida 1/);
  assert.doesNotMatch(text, new RegExp(cacheDir));
  assert.doesNotMatch(text, /\/tmp\/taller/);
  await app.page.locator(`${block} .restore-btn`).click();
});

test('an edited filter that kills: the process dies with SIGSYS and the page says why', async () => {
  const c = new TerminalClient(app.server);
  await c.opened;
  c.send({ type: 'run', id: ID, cols: 120, rows: 40, source: SOURCE.replace('SECCOMP_RET_ERRNO | EPERM', 'SECCOMP_RET_KILL_PROCESS') });
  await c.waitFor((x) => !!x.exitMessage(), 'exit', 60_000);
  const exit = c.exitMessage();
  assert.ok(exit?.type === 'exit');
  assert.equal(exit.signal, 'SIGSYS');
  assert.match(exit.message, /llamada al sistema prohibida \(SIGSYS\)/);
  assert.match(c.output, /Después del filtro:/);
  assert.doesNotMatch(c.output, /uname\(\): falla/);
  c.ws.close();
  await c.closed;
});

test('an edited program may include only system headers: refused before compiling', async () => {
  const c = new TerminalClient(app.server);
  await c.opened;
  c.send({ type: 'run', id: ID, cols: 120, rows: 40, source: `#include "/etc/shadow"\n${SOURCE}` });
  await c.waitFor((x) => x.messages.some((m) => m.type === 'error' || m.type === 'exit'), 'refusal', 30_000);
  const m = c.messages.find((x) => x.type === 'error');
  assert.ok(m && m.type === 'error' && /#include/.test(m.message), JSON.stringify(c.messages));
  assert.ok(!c.messages.some((x) => x.type === 'started'));
  c.ws.close();
  await c.closed;
});
