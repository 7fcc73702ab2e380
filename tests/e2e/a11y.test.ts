// Keyboard, phone and contrast in Chromium: runs and stops with the keyboard
// alone, every editor reachable with Tab, no page wider than a 390 px phone
// while a C block runs, a bounded live map table, the theme select readable,
// and axe-core (WCAG 2 AA) on every page in both themes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { AxeBuilder } from '@axe-core/playwright';
import { openPage, pageSession } from '../helpers/browser.ts';
import { lessonSlugs } from '../helpers/lessons.ts';
import { ui } from '../../src/lib/ui-strings.ts';

const app = pageSession({ context: { viewport: { width: 1280, height: 900 } } });

const block = (id: string) => `.runnable[data-run-id="${id}"]`;

/** A short description of the focused element. */
const focused = () =>
  app.page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    return {
      tag: a?.tagName ?? '',
      text: (a?.textContent ?? '').trim().slice(0, 40),
      runId: a?.closest<HTMLElement>('.runnable')?.dataset.runId ?? null,
      runButton: Boolean(a?.matches('.run-btn[data-run-id]')),
      editor: Boolean(a?.closest('.cm-content')),
      frame: Boolean(a?.closest('.expressive-code [data-edit-target], .expressive-code pre')),
    };
  });

test('Tab reaches the first Ejecutar within a bounded number of stops, and every editor on the way and after', async () => {
  for (const slug of lessonSlugs()) {
    await app.page.goto(`${app.server.origin}/${slug}/`);
    // Readiness first: it hides the snippet forms this machine's bpftrace does not understand (variants.ts).
    if (await app.page.locator('.runnable').count()) await app.page.waitForSelector('.runnable[data-ready]');
    const editable = await app.page
      .locator(
        '.runnable[data-run-kind="c"], .runnable[data-run-kind="bpftrace"], .runnable[data-run-kind="loader"], .runnable[data-run-kind="program"]',
      )
      .evaluateAll((els) => els.filter((e) => !e.closest('[hidden]')).map((e) => (e as HTMLElement).dataset.runId!));
    const runnable = await app.page.locator('.run-btn[data-run-id]').count();
    const reached = new Set<string>();
    let firstRun = -1;
    for (let stops = 1; stops <= 400; stops++) {
      await app.page.keyboard.press('Tab');
      let f = await focused();
      // A code frame turns into the editor when focused: wait for it to take the focus.
      if (f.runId && editable.includes(f.runId) && f.frame) {
        await app.page.waitForFunction(
          (id) => Boolean(document.activeElement?.closest(`.runnable[data-run-id="${id}"] .cm-content`)),
          f.runId,
          { timeout: 10_000 },
        );
        f = await focused();
      }
      if (f.editor && f.runId) reached.add(f.runId);
      if (f.runButton && firstRun < 0) firstRun = stops;
      if (reached.size === editable.length && (firstRun > 0 || runnable === 0)) break;
      if (f.tag === 'BODY' && stops > 1) break;
    }
    if (runnable > 0) {
      console.log(`# ${slug}: ${firstRun} Tab stops before the first Ejecutar`);
      assert.ok(firstRun > 0, `${slug}: Ejecutar never reached with Tab`);
      // Starlight's header, sidebar (one summary per section, the current section's lessons) and
      // table of contents take about 30 stops; then the lesson's own links and headings before its
      // first block.
      assert.ok(firstRun <= (slug === 'primer-programa' ? 30 : 60), `${slug}: ${firstRun} Tab stops before the first Ejecutar`);
    }
    assert.deepEqual([...reached].sort(), [...editable].sort(), `${slug}: editors reached with Tab`);
  }
  // With Starlight's skip link, the first block of the first program is a few stops away.
  await app.page.goto(`${app.server.origin}/primer-programa/`);
  await app.page.keyboard.press('Tab');
  assert.match((await focused()).text, /Ir al contenido/);
  await app.page.keyboard.press('Enter');
  let after = 0;
  while (!(await focused()).runButton && after < 30) {
    await app.page.keyboard.press('Tab');
    after++;
  }
  console.log(`# primer-programa: ${after} Tab stops after «Ir al contenido» to the first Ejecutar`);
  assert.ok(after <= 6, `${after} stops after the skip link`);
});

test('Ejecutar with the keyboard leaves the focus on Detener; Esc (or Enter) stops', async () => {
  await app.page.goto(`${app.server.origin}/bpftrace/`);
  const btn = app.page.locator(`${block('contar-syscalls')} .run-btn`);
  await btn.focus();
  await app.page.keyboard.press('Enter');
  await app.page.waitForSelector(`${block('contar-syscalls')}[data-run-state="running"]`, { timeout: 20_000 });
  let f = await focused();
  assert.ok(f.runButton && f.runId === 'contar-syscalls', `focus on ${JSON.stringify(f)}`);
  assert.equal(f.text, ui['run.stop']);
  await app.page.keyboard.press('Escape');
  await app.page.waitForSelector(`${block('contar-syscalls')}[data-run-state="idle"]`, { timeout: 15_000 });
  f = await focused();
  assert.ok(f.runButton && f.text === ui['run.start'], `focus after stopping: ${JSON.stringify(f)}`);
  // Enter again runs, Enter again stops.
  await app.page.keyboard.press('Enter');
  await app.page.waitForSelector(`${block('contar-syscalls')}[data-run-state="running"]`, { timeout: 20_000 });
  assert.equal((await focused()).text, ui['run.stop']);
  await app.page.keyboard.press('Enter');
  await app.page.waitForSelector(`${block('contar-syscalls')}[data-run-state="idle"]`, { timeout: 15_000 });
});

test('at 390 px wide, a running C block does not widen the page', async () => {
  const phone = await app.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const { page: p } = await openPage(phone);
  try {
    await p.goto(app.server.url);
    await p.goto(`${app.server.origin}/primer-programa/`);
    await p.waitForSelector(`${block('trace')} .workload-btn`, { state: 'attached', timeout: 10_000 });
    await p.locator(`${block('trace')} .run-btn`).click();
    await p.waitForSelector(`${block('trace')}[data-attached="true"]`, { timeout: 30_000 });
    await p.waitForSelector(`${block('trace')} .workload-btn:not([hidden])`);
    const m = await p.evaluate(() => {
      const wide = [...document.querySelectorAll<HTMLElement>('.runnable *')]
        .map((e) => ({ e: e.tagName + '.' + e.className, right: Math.round(e.getBoundingClientRect().right) }))
        .sort((a, b) => b.right - a.right)[0];
      return { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, wide };
    });
    console.log(`# 390 px: page ${m.scroll} px wide (viewport ${m.client}); rightmost in a block: ${m.wide.e} at ${m.wide.right} px`);
    assert.ok(m.scroll <= 390, `the page is ${m.scroll} px wide; rightmost ${JSON.stringify(m.wide)}`);
    await p.locator(`${block('trace')} .run-btn`).click();
    await p.waitForSelector(`${block('trace')}[data-run-state="idle"]`, { timeout: 15_000 });
  } finally {
    await phone.close();
  }
});

test('the live map table shows the top entries, largest first, counts the rest, and has a bounded height', async () => {
  // 40 distinct command names call execve: more than the table shows.
  const dir = mkdtempSync(join(tmpdir(), 'taller-a11y-'));
  const names = Array.from({ length: 40 }, (_, i) => `tallerfila${String(i).padStart(2, '0')}`);
  for (const n of names) symlinkSync('/bin/sh', join(dir, n));
  try {
    await app.page.goto(`${app.server.origin}/mapas/`);
    await app.page.locator(`${block('contar-execve-comm')} .run-btn`).click();
    await app.page.waitForSelector(`${block('contar-execve-comm')}[data-attached="true"]`, { timeout: 30_000 });
    for (const n of names) execFileSync(join(dir, n), ['-c', '/bin/true']);
    const more = app.page.locator(`${block('contar-execve-comm')} .run-map-more`);
    await app.page.waitForFunction(
      (sel) => Number(document.querySelector<HTMLElement>(sel)?.dataset.rest) >= 20,
      `${block('contar-execve-comm')} .run-map-more`,
      { timeout: 10_000 },
    );
    await app.page.locator(`${block('contar-execve-comm')} .run-btn`).click();
    await app.page.waitForSelector(`${block('contar-execve-comm')} .run-maps[data-final="true"]`, { timeout: 15_000 });
    const rest = Number(await more.getAttribute('data-rest'));
    assert.equal(await more.innerText(), ui['maps.more'].replace('{n}', String(rest)));
    const values = await app.page
      .locator(`${block('contar-execve-comm')} .run-map tbody .run-map-number`)
      .evaluateAll((els) => els.map((e) => Number(e.textContent)));
    assert.equal(values.length, 20, `rows shown: ${values.length}`);
    assert.deepEqual(
      values,
      [...values].sort((a, b) => b - a),
      'largest first',
    );
    const height = await app.page.locator(`${block('contar-execve-comm')} .run-maps`).evaluate((e) => e.getBoundingClientRect().height);
    console.log(`# live map: ${values.length} rows shown, «${await more.innerText()}», panel ${Math.round(height)} px high`);
    assert.ok(height <= 600, `the maps panel is ${height} px high`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the theme select shows its whole label in the header', async () => {
  await app.page.goto(`${app.server.origin}/`);
  const select = app.page.locator('header starlight-theme-select select').first();
  for (const value of ['dark', 'light', 'auto']) {
    await select.selectOption(value);
    const fit = await select.evaluate((s: HTMLSelectElement) => {
      const cs = getComputedStyle(s);
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      const text = ctx.measureText(s.selectedOptions[0].textContent ?? '').width;
      const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      return { label: s.selectedOptions[0].textContent, text: Math.ceil(text), room: Math.floor(room) };
    });
    assert.ok(fit.text <= fit.room, `«${fit.label}» needs ${fit.text} px, has ${fit.room}`);
  }
});

/** Every page of the site, with the state that shows its coloured texts. */
const PAGES = ['', ...lessonSlugs().map((s) => `${s}/`), 'progreso/', 'terminal/'];

async function settle(p: Page, path: string): Promise<void> {
  // Expressive Code marks scrollable code focusable after a short idle delay; wait for it.
  await p.waitForFunction(() =>
    [...document.querySelectorAll<HTMLElement>('.expressive-code pre')].every(
      (pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex'),
    ),
  );
  if ((await p.locator('.runnable').count()) > 0) await p.waitForSelector('.runnable[data-ready]');
  if (path === 'requisitos/') {
    await p.locator('[data-system-check-button]').click();
    await p.waitForSelector('[data-system-check][data-done]', { timeout: 30_000 });
  }
  if (path === 'progreso/') await p.waitForSelector('li[data-lesson][data-state="visited"]');
}

test('axe-core: no WCAG A/AA violations on any page, in either theme', async () => {
  const report: string[] = [];
  const failures: string[] = [];
  for (const theme of ['dark', 'light'] as const) {
    const c = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await c.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    const { page: p } = await openPage(c);
    await p.goto(app.server.url);
    for (const path of PAGES) {
      await p.goto(`${app.server.origin}/${path}`);
      assert.equal(await p.evaluate(() => document.documentElement.dataset.theme), theme);
      await settle(p, path);
      const r = await new AxeBuilder({ page: p }).analyze();
      // WCAG A/AA rules must pass; best-practice findings are reported only.
      const wcag = r.violations.filter((v) => v.tags.some((t) => /^wcag\d+a+$/.test(t)));
      const contrast = r.violations.find((v) => v.id === 'color-contrast')?.nodes.length ?? 0;
      const other = r.violations.filter((v) => !wcag.includes(v)).map((v) => `${v.id}×${v.nodes.length}`);
      report.push(
        `${theme.padEnd(5)} /${path.padEnd(18)} ${wcag.length} WCAG violations (${contrast} contrast nodes), ${r.passes.length} rules passed` +
          (other.length ? `; best practice: ${other.join(', ')}` : ''),
      );
      for (const v of wcag) {
        failures.push(
          `${theme} /${path}: ${v.id} (${v.nodes.length}): ${v.nodes
            .slice(0, 3)
            .map((n) => `${n.target.join(' ')} ${n.any[0]?.message ?? ''}`)
            .join(' | ')}`,
        );
      }
    }
    await c.close();
  }
  console.log(report.map((l) => `# axe ${l}`).join('\n'));
  assert.deepEqual(failures, []);
});

test('no console errors', () => {
  assert.deepEqual(app.errors, []);
});
