// The code editor (CodeMirror) in Chromium: it shows each file exactly, its
// keys (Ctrl+Enter runs, Esc stops), the verifier's line marked in it, its
// colours against the static blocks in both themes; and the exercise texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageSession } from '../helpers/browser.ts';
import { loadRunTable } from '../../server/runs/table.ts';
import { exerciseBlocks } from '../../server/exercises/blocks.ts';
import { ui } from '../../src/lib/ui-strings.ts';

const app = pageSession();

const block = (id: string) => `.runnable[data-run-id="${id}"]`;

/** Every editable block (C and bpftrace) of every lesson, with the code the server runs for it. */
const EDITABLE = [...loadRunTable('content').values(), ...exerciseBlocks('.')].filter(
  (b) => b.kind === 'c' || b.kind === 'bpftrace' || b.kind === 'loader' || b.kind === 'program',
);

/** Shows every snippet form: readiness hides those this machine's bpftrace does not understand (variants.ts). */
async function showEveryForm(): Promise<void> {
  if (await app.page.locator('.runnable').count()) await app.page.waitForSelector('.runnable[data-ready]');
  // Each button goes once clicked.
  while (await app.page.locator('.variant-more').count()) await app.page.locator('.variant-more').first().click();
}

async function openEditor(id: string): Promise<void> {
  if ((await app.page.locator(`${block(id)} .cm-content`).count()) === 0)
    await app.page.locator(`${block(id)} .expressive-code pre`).click();
  await app.page.locator(`${block(id)} .cm-content`).waitFor();
}

/** The editor's whole text (its document) and the lines it draws. */
async function editorState(id: string): Promise<{ doc: string; lines: string[] }> {
  return app.page.locator(`${block(id)} .run-editor`).evaluate((host) => {
    const view = (host as HTMLElement & { cmView?: { state: { doc: { toString(): string } } } }).cmView!;
    return { doc: view.state.doc.toString(), lines: [...host.querySelectorAll('.cm-line')].map((l) => l.textContent ?? '') };
  });
}

test('every editable block shows its file exactly in the editor (lines, blank lines, tabs)', async () => {
  assert.ok(EDITABLE.length >= 6, `editable blocks: ${EDITABLE.map((b) => b.id)}`);
  const lessons = [...new Set(EDITABLE.map((b) => b.lesson))];
  for (const lesson of lessons) {
    await app.page.goto(`${app.server.origin}/${lesson}/`);
    await showEveryForm();
    for (const b of EDITABLE.filter((x) => x.lesson === lesson)) {
      await openEditor(b.id);
      const want = b.code.split('\n');
      // CodeMirror draws the lines near the viewport, after a measure: bring the editor into view
      // and wait until it has drawn the file's first lines (all of a short file).
      const drawnAtLeast = Math.min(want.length, 30);
      await app.page.locator(`${block(b.id)} .run-editor`).scrollIntoViewIfNeeded();
      await app.page
        .waitForFunction(
          ([sel, n]) => document.querySelectorAll(`${sel} .run-editor .cm-line`).length >= n,
          [block(b.id), drawnAtLeast] as const,
          { timeout: 5000 },
        )
        .catch(() => {});
      const { doc, lines } = await editorState(b.id);
      assert.equal(
        doc.split('\n').length,
        want.length,
        `${b.id}: ${doc.split('\n').length} lines in the editor, ${want.length} in the source`,
      );
      assert.equal(doc, b.code, `${b.id}: the editor's text differs from the source`);
      // The lines drawn match too. CodeMirror draws only the lines near the viewport: for a long file,
      // a window of them (the document itself was compared whole just above).
      if (want.length <= drawnAtLeast) assert.deepEqual(lines, want, `${b.id}: every line drawn`);
      else {
        // A long file: the drawn window holds the file's lines, in order.
        assert.ok(lines.length >= 20, `${b.id}: ${lines.length} lines drawn`);
        let at = 0;
        for (const l of lines) {
          const i = want.indexOf(l, at);
          assert.ok(i >= 0, `${b.id}: drawn line «${l}» is not the file's next line`);
          at = i + 1;
        }
      }
      assert.equal(await app.page.getAttribute(block(b.id), 'data-edited'), 'false', `${b.id}: opening the editor is not an edit`);
    }
  }
});

test('Ctrl+Enter in the editor runs the block (no newline); Esc stops it', async () => {
  await app.page.goto(`${app.server.origin}/primer-programa/`);
  await openEditor('trace');
  const before = (await editorState('trace')).doc;
  await app.page.locator(`${block('trace')} .cm-content`).click();
  await app.page.keyboard.press('Control+Enter');
  await app.page.waitForSelector(`${block('trace')}[data-run-state="running"]`, { timeout: 30_000 });
  assert.equal((await editorState('trace')).doc, before, 'Ctrl+Enter inserted text');
  await app.page.waitForSelector(`${block('trace')}[data-attached="true"]`, { timeout: 30_000 });
  await app.page.locator(`${block('trace')} .cm-content`).focus();
  await app.page.keyboard.press('Escape');
  await app.page.waitForSelector(`${block('trace')}[data-run-state="idle"]`, { timeout: 15_000 });
  assert.equal((await editorState('trace')).doc, before);
});

test("the verifier's rejected line is marked in the editor, on the line it names", async () => {
  await app.page.goto(`${app.server.origin}/mapas/`);
  await openEditor('mapa-roto');
  await app.page.locator(`${block('mapa-roto')} .run-btn[data-run-id]`).click();
  const source = app.page.locator(`${block('mapa-roto')} .run-verifier-source`);
  await source.waitFor({ timeout: 30_000 });
  const line = Number(await source.getAttribute('data-line'));
  const code = (await source.locator('code').innerText()).trim();
  const mark = app.page.locator(`${block('mapa-roto')} .cm-line.verifier-mark`);
  await mark.waitFor();
  assert.equal(await mark.count(), 1);
  const { doc } = await editorState('mapa-roto');
  assert.equal(doc.split('\n')[line - 1].trim(), code, `line ${line} of the editor is the verifier's line`);
  assert.equal((await mark.innerText()).trim(), code);
  await app.page.waitForSelector(`${block('mapa-roto')}[data-run-state="idle"]`, { timeout: 15_000 });
});

/** Computed colours of the first element whose text is exactly `text`, under `root`. */
async function tokenColour(root: string, text: string): Promise<string> {
  return app.page.evaluate(
    ({ root, text }) => {
      const el = [...document.querySelectorAll(`${root} span`)].find((s) => s.children.length === 0 && s.textContent?.trim() === text);
      if (!el) throw new Error(`no «${text}» in ${root}`);
      return getComputedStyle(el).color;
    },
    { root, text },
  );
}

const background = (sel: string) =>
  app.page
    .locator(sel)
    .first()
    .evaluate((el) => getComputedStyle(el).backgroundColor);

async function setTheme(theme: 'dark' | 'light'): Promise<void> {
  await app.page.locator('starlight-theme-select select').first().selectOption(theme);
  await app.page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
}

test('the editor follows the light/dark switch live, with the colours of the static blocks', async () => {
  await app.page.setViewportSize({ width: 1280, height: 900 });
  await app.page.goto(`${app.server.origin}/mapas/`);
  await setTheme('dark');
  // One C block becomes an editor; another, the same language, stays static for comparison.
  await openEditor('contar-execve');
  const edited = `${block('contar-execve')} .cm-editor`;
  const staticPre = `${block('contar-execve-comm')} .expressive-code pre`;
  const tokens = ['#include', 'struct', 'int', 'bpf_map_lookup_elem', 'return', '0', '"GPL"'];
  for (const theme of ['dark', 'light', 'dark'] as const) {
    await setTheme(theme);
    await app.page
      .waitForFunction(
        ({ a, b }) =>
          getComputedStyle(document.querySelector(a)!).backgroundColor === getComputedStyle(document.querySelector(b)!).backgroundColor,
        { a: edited, b: staticPre },
        { timeout: 5_000 },
      )
      .catch(() => {});
    assert.equal(await background(edited), await background(staticPre), `${theme}: editor background`);
    for (const tok of tokens) {
      assert.equal(await tokenColour(edited, tok), await tokenColour(staticPre, tok), `${theme}: colour of «${tok}»`);
    }
  }
  const dark = await background(edited);
  await setTheme('light');
  assert.notEqual(await background(edited), dark, 'the editor changed with the theme');
  await setTheme('dark');
});

test('a failed Comprobar says the check failed; the hint button changes when no hints are left', async () => {
  await app.page.goto(`${app.server.origin}/bpftrace/`);
  const ex = '.exercise[data-exercise="openat-filtrado"]';
  // The starting code is a wrong answer.
  await app.page.evaluate(() => localStorage.removeItem('taller:codigo:ej-openat-filtrado'));
  await app.page.reload();
  await app.page.locator(`${ex} .check-btn`).click();
  await app.page.waitForSelector(`${ex} .exercise-verdict[data-ok="false"]`, { timeout: 40_000 });
  await app.page.waitForSelector(`${ex} .runnable[data-run-state="idle"]`);
  const status = app.page.locator(`${ex} [data-run-status]`);
  // The verdict comes after the program's exit: wait for the status to settle on it.
  await app.page
    .waitForFunction(
      ({ sel, want }) => document.querySelector(sel)?.textContent === want,
      { sel: `${ex} [data-run-status]`, want: ui['exercise.failed'] },
      { timeout: 5_000 },
    )
    .catch(() => {});
  const text = await status.innerText();
  assert.equal(text, ui['exercise.failed']);
  assert.doesNotMatch(text, /correctamente/);

  const hintBtn = app.page.locator(`${ex} button[data-hint-next]`);
  const total = await app.page.locator(`${ex} .exercise-hints li`).count();
  assert.ok(total >= 1);
  for (let i = 0; i < total; i++) {
    assert.equal((await hintBtn.innerText()).trim(), ui['exercise.hint'], `label with ${total - i} hints left`);
    await hintBtn.click();
  }
  assert.equal(await app.page.locator(`${ex} .exercise-hints li:not([hidden])`).count(), total);
  assert.equal((await hintBtn.innerText()).trim(), ui['exercise.noMoreHints']);
  assert.equal(await hintBtn.getAttribute('aria-disabled'), 'true');
});

test('no console errors', () => {
  assert.deepEqual(app.errors, []);
});
