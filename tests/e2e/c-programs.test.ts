// The first-program and maps lessons, end to end: Chromium, the real server,
// the real kernel. Nothing may be left behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../helpers/server.ts';
import { pageSession, terminalText, waitForTerminal } from '../helpers/browser.ts';
import { TerminalClient } from '../helpers/terminal-client.ts';
import { bpffsEntries, pidsMatching, tracefsInstances, tracingProgIds, until, leftovers } from '../helpers/system.ts';

const snapshot = () => leftovers();

const app = pageSession({ privateBuildCache: true });

const block = (id: string) => `.runnable[data-run-id="${id}"]`;

test('primer programa: Ejecutar compiles, loads and attaches; /bin/true prints "execve called"; Detener unloads it', async () => {
  const before = snapshot();
  await app.page.goto(`${app.server.origin}/primer-programa/`);
  await app.page.locator(`${block('trace')} .run-btn`).click();
  await app.page.waitForSelector(`${block('trace')}[data-attached="true"]`, { timeout: 30_000 });
  const term = `${block('trace')} .run-terminal`;
  let text = await terminalText(app.page, term);
  assert.match(text, /clang -O2 -g -Wall -target bpf -I\/usr\/include\/\S+-linux-gnu -D__TARGET_ARCH_\w+ -c trace\.bpf\.c/);
  const id = Number(/\(id (\d+)\)/.exec(text)?.[1]);
  assert.ok(id > 0, text);
  assert.ok(tracingProgIds().includes(id), 'the program is loaded while it runs');
  // Ver bytecode: the verified instructions beside the source, with its source lines.
  const bytecode = app.page.locator(`${block('trace')} .run-bytecode`);
  await bytecode.waitFor({ state: 'attached' });
  await bytecode.locator('summary').click();
  const xlated = await bytecode.locator('pre').innerText();
  assert.match(xlated, /; bpf_printk\("execve called"\);/);
  assert.match(xlated, /call bpf_trace_printk/);
  await until(async () => {
    execFileSync('/bin/true');
    return /execve called/.test(await terminalText(app.page, term));
  }, 'an execve called line in the page');
  await app.page.locator(`${block('trace')} .run-btn`).click();
  await app.page.waitForSelector(`${block('trace')}[data-run-state="idle"]`);
  text = await terminalText(app.page, term);
  assert.match(text, /Desenganchado y descargado/);
  assert.ok(!tracingProgIds().includes(id), 'after Detener the program is no longer loaded');
  await until(() => snapshot() === before, 'everything as before');
});

test('a second run reuses the compiled object (cache by content hash)', async () => {
  await app.page.goto(`${app.server.origin}/primer-programa/`);
  await app.page.locator(`${block('trace')} .run-btn`).click();
  await app.page.waitForSelector(`${block('trace')}[data-attached="true"]`, { timeout: 30_000 });
  assert.match(await terminalText(app.page, `${block('trace')} .run-terminal`), /se reutiliza el objeto compilado/);
  await app.page.locator(`${block('trace')} .run-btn`).click();
  await app.page.waitForSelector(`${block('trace')}[data-run-state="idle"]`);
});

test("Ejecutar again in the same page: the last run's panels stay in place, greyed, until the new run replaces them", async () => {
  await app.page.goto(`${app.server.origin}/primer-programa/`);
  const b = block('trace');
  await app.page.locator(`${b} .run-btn`).click();
  await app.page.waitForSelector(`${b} .run-bytecode`, { state: 'attached', timeout: 30_000 });
  await app.page.locator(`${b} .run-btn`).click();
  await app.page.waitForSelector(`${b}[data-run-state="idle"]`);
  // The click, and what the page shows once it has handled it (the block is «starting»): the panel is
  // still there, so the lesson below has not moved.
  const atClick = await app.page.evaluate(
    (sel) =>
      new Promise<{ stale: number; moved: number; grey: string }>((resolve) => {
        const el = document.querySelector<HTMLElement>(sel)!;
        const below = el.nextElementSibling!;
        const before = below.getBoundingClientRect().top;
        const seen = new MutationObserver(() => {
          if (el.dataset.runState !== 'starting') return;
          seen.disconnect();
          const panel = el.querySelector(':scope > .run-bytecode');
          resolve({
            stale: el.querySelectorAll(':scope > .run-bytecode[data-stale]').length,
            moved: below.getBoundingClientRect().top - before,
            grey: panel ? getComputedStyle(panel).filter : 'no panel',
          });
        });
        seen.observe(el, { attributes: true, attributeFilter: ['data-run-state'] });
        el.querySelector<HTMLButtonElement>('.run-btn')!.click();
      }),
    b,
  );
  assert.deepEqual(atClick, { stale: 1, moved: 0, grey: 'grayscale(1)' });
  // The new run's bytecode replaces it; nothing stale remains.
  await app.page.waitForSelector(`${b} .run-bytecode:not([data-stale])`, { state: 'attached', timeout: 30_000 });
  assert.equal(await app.page.locator(`${b} [data-stale]`).count(), 0);
  await app.page.locator(`${b} .run-btn`).click();
  await app.page.waitForSelector(`${b}[data-run-state="idle"]`);
  assert.equal(await app.page.locator(`${b} [data-stale]`).count(), 0, 'none stale after the run');
});

test('mapas: the live table shows a count ≥ 3 for a command the test runs that calls execve 30 times', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'taller-mapas-'));
  const name = `tallerprueba${process.pid % 1000}`.slice(0, 15);
  copyFileSync('/bin/sh', join(dir, name));
  try {
    await app.page.goto(`${app.server.origin}/mapas/`);
    await app.page.locator(`${block('contar-execve-comm')} .run-btn`).click();
    await app.page.waitForSelector(`${block('contar-execve-comm')}[data-attached="true"]`, { timeout: 30_000 });
    // The map counts execve() calls by the caller's name: our renamed shell calls it 30 times, enough to be
    // among the top rows the table shows even on a busy machine.
    execFileSync(join(dir, name), ['-c', 'i=0; while [ $i -lt 30 ]; do /bin/true; i=$((i+1)); done']);
    const row = app.page.locator(`${block('contar-execve-comm')} .run-maps tr[data-key='"${name}"'] .run-map-number`);
    await row.waitFor({ timeout: 10_000 });
    await app.page.waitForFunction(
      (sel) => Number(document.querySelector(sel)?.textContent) >= 3,
      `${block('contar-execve-comm')} .run-maps tr[data-key='"${name}"'] .run-map-number`,
    );
    assert.equal(await app.page.locator(`${block('contar-execve-comm')} .run-maps[data-final="false"]`).count(), 1, 'live while running');
    await app.page.locator(`${block('contar-execve-comm')} .run-btn`).click();
    await app.page.waitForSelector(`${block('contar-execve-comm')} .run-maps[data-final="true"]`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a deliberately broken program shows the verifier explanation and its source line', async () => {
  await app.page.goto(`${app.server.origin}/mapas/`);
  await app.page.locator(`${block('mapa-roto')} .run-btn`).click();
  const panel = app.page.locator(`${block('mapa-roto')} .run-verifier`);
  await panel.waitFor({ timeout: 30_000 });
  assert.match(await panel.locator('.run-verifier-decisive').innerText(), /invalid mem access 'map_value_or_null'/);
  assert.equal(await panel.locator('.run-verifier-summary').innerText(), 'Falta comprobar que el puntero no es NULL');
  assert.match(await panel.locator('.run-verifier-why').innerText(), /NULL/);
  const source = panel.locator('.run-verifier-source');
  const line = Number(await source.getAttribute('data-line'));
  assert.ok(line > 0);
  assert.match(await source.innerText(), /broken_null_check\.bpf\.c:\d+/);
  // The rejected line is marked in the block's own code, and it is the line the verifier named.
  const marked = await app.page.locator(`${block('mapa-roto')} .ec-line.verifier-mark`).innerText();
  assert.ok((await source.locator('code').innerText()).includes(marked.trim()), `${marked} vs source`);
  // The full log sits behind an expander.
  assert.equal(await panel.locator('details pre').isVisible(), false);
  await panel.locator('details summary').click();
  assert.match(await panel.locator('details pre').innerText(), /processed \d+ insns|R0/);
  await app.page.waitForSelector(`${block('mapa-roto')}[data-run-state="idle"]`);
});

test('the bpftool load/show block runs twice in a row successfully, and the remove block cleans the pin', async () => {
  await app.page.goto(`${app.server.origin}/primer-programa/`);
  for (let i = 0; i < 2; i++) {
    await app.page.locator(`${block('cargar-trace')} .run-btn`).click();
    await app.page.waitForSelector(`${block('cargar-trace')}[data-run-state="running"], ${block('cargar-trace')}[data-run-state="idle"]`);
    await app.page.waitForSelector(`${block('cargar-trace')}[data-run-state="idle"]`);
    const text = await waitForTerminal(app.page, `${block('cargar-trace')} .run-terminal`, /código de salida/);
    assert.match(text, /terminó correctamente/, text);
    assert.match(text, /tracepoint\s+name trace_execve/);
  }
  assert.ok(bpffsEntries().includes('trace'));
  await app.page.locator(`${block('borrar-trace')} .run-btn`).click();
  await app.page.waitForSelector(`${block('borrar-trace')}[data-run-state="running"], ${block('borrar-trace')}[data-run-state="idle"]`);
  await waitForTerminal(app.page, `${block('borrar-trace')} .run-terminal`, /terminó correctamente/);
  assert.ok(!bpffsEntries().includes('trace'));
});

test('20 run/stop cycles leave programs, links, pins and tracefs instances as before', async () => {
  const before = snapshot();
  for (let i = 0; i < 20; i++) {
    const c = new TerminalClient(app.server);
    await c.opened;
    c.send({ type: 'run', id: 'trace', cols: 100, rows: 30 });
    await c.waitFor((x) => x.messages.some((m) => m.type === 'attached'), `attach #${i}`);
    c.send({ type: 'stop' });
    await c.waitFor((x) => !!x.exitMessage(), `exit #${i}`);
  }
  await until(() => snapshot() === before, `as before: ${before}`);
});

test('a runner killed with SIGKILL: the learner is told, nothing stays attached, its tracefs instance is removed', async () => {
  const before = snapshot();
  const c = new TerminalClient(app.server);
  await c.opened;
  c.send({ type: 'run', id: 'trace', cols: 100, rows: 30 });
  await c.waitFor((x) => x.messages.some((m) => m.type === 'attached'), 'attach');
  const [pid] = pidsMatching(/^\S*\/runner --json/);
  assert.ok(pid);
  assert.ok(tracefsInstances().includes(`taller-ebpf-${pid}`));
  process.kill(pid, 'SIGKILL');
  await c.waitFor((x) => !!x.exitMessage(), 'exit');
  assert.match(c.exitMessage()!.message, /matado \(SIGKILL\)/);
  await until(() => snapshot() === before, 'nothing left');
});

test('the server killed with SIGKILL and restarted cleans what it owned, and says so', async () => {
  const before = snapshot();
  const victim = await startServer();
  const c = new TerminalClient(victim);
  await c.opened;
  c.send({ type: 'run', id: 'trace', cols: 100, rows: 30 });
  await c.waitFor((x) => x.messages.some((m) => m.type === 'attached'), 'attach');
  spawnSync('bpftool', ['prog', 'load', 'bpf/.output/trace.bpf.o', '/sys/fs/bpf/trace']); // a lesson pin, as if the learner loaded it
  victim.proc.kill('SIGKILL');
  await c.closed;
  const again = await startServer();
  try {
    assert.match(again.output(), /Limpiados \d+ restos/);
    await until(() => snapshot() === before, `as before: ${before} now ${snapshot()}`);
  } finally {
    await again.stop();
  }
});

test('no console errors', () => {
  assert.deepEqual(app.errors, []);
});
