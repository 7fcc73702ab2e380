// Where each block was verified, in Chromium on the built site: the «Probado en»
// line under every block and exercise the kernel lab ran, and the matrix of the
// requirements lesson, both compared with src/data/compatibility.json as the test
// reads it (names and versions derived here, never written down); static HTML
// (the page never fetches the record), accessible opened too, and no wider than a phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Compatibility, CompatEnvironment } from '../../lib/compatibility.ts';
import { loadRunTable } from '../../server/runs/table.ts';
import { loadExercises } from '../../server/exercises/folders.ts';
import { staticUi } from '../../src/lib/ui-strings.ts';
import { openPage, pageSession } from '../helpers/browser.ts';
import { lessonTitle } from '../helpers/lessons.ts';

const RECORD = 'src/data/compatibility.json';
const compat = JSON.parse(readFileSync(RECORD, 'utf8')) as Compatibility;
const envIds = compat.environments.map((e) => e.id);
const blockKind = new Map([...loadRunTable('content').values()].map((b) => [b.id, b.kind]));
const exerciseKind = new Map(loadExercises('content').map((e) => [e.id, e.kind]));

const app = pageSession();

// The short names the line shows, derived from the record.
const majorMinor = (v: string) => /^\d+\.\d+/.exec(v)?.[0] ?? v;
const distroShort = (d: string) => d.replace(/\s*\([^)]*\)\s*$/, '').replace(/GNU\/Linux\s+/, '');
/** The tool versions an environment's full line names for a block of this kind. */
const toolsFor = (kind: string | undefined, env: CompatEnvironment) =>
  kind === 'c' ? [`clang ${env.clang}`, `libbpf ${env.libbpf}`] : kind === 'bpftrace' ? [`bpftrace ${env.bpftrace}`] : [];

type Target = { id: string; lesson: string; exercise: boolean; entry: Compatibility['blocks'][string] };
const targets: Target[] = [
  ...Object.entries(compat.blocks).map(([id, entry]) => ({ id, lesson: entry.lesson, exercise: false, entry })),
  ...Object.entries(compat.exercises).map(([id, entry]) => ({ id, lesson: entry.lesson, exercise: true, entry })),
];
const lessons = [...new Set(targets.map((t) => t.lesson))];

test('under every block and exercise the lab ran, a closed «Probado en» line names each environment and its outcome', async () => {
  assert.ok(envIds.length > 0 && targets.length > 0, `${RECORD} holds results`);
  const { page, errors } = await openPage(app.ctx);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  let checked = 0;
  for (const lesson of lessons) {
    await page.goto(`${app.server.origin}/${lesson}/`);
    // Snippets written for several bpftrace versions: once the page knows the installed version it
    // hides the other forms (src/client/variants.ts). Wait for that, so no form hides under a click.
    if (await page.locator('[data-variant]').count()) await page.locator('[data-variant-chosen]').first().waitFor({ state: 'attached' });
    for (const t of targets.filter((x) => x.lesson === lesson)) {
      const where = `${lesson}: ${t.id}`;
      const ran = compat.environments.filter((e) => t.entry.results[e.id]);
      const line = page.locator(`details.run-compat[data-compat-for="${t.id}"]`);
      if (ran.length === 0) {
        assert.equal(await line.count(), 0, `${where}: never run, no line`);
        continue;
      }
      assert.equal(await line.count(), 1, `${where}: one line`);
      // Right under the block (a lesson block) or inside the exercise.
      const placed = t.exercise
        ? await page.locator(`section.exercise[data-exercise="${t.id}"] details.run-compat`).count()
        : await page
            .locator(`.runnable[data-run-id="${t.id}"]`)
            .evaluate((el, id) => el.id === `bloque-${id}` && Boolean(el.nextElementSibling?.matches('details.run-compat')), t.id);
      assert.ok(placed, `${where}: the line is under its block, which has its anchor`);
      assert.equal(await line.evaluate((d) => (d as HTMLDetailsElement).open), false, `${where}: closed at first`);

      // The summary: «Probado en: Debian 13 · kernel 6.18 ✓, …», one entry per environment that ran it.
      const summary = line.locator('summary');
      assert.ok((await summary.innerText()).startsWith(staticUi['compat.testedOn']), where);
      const entries = await summary
        .locator('[data-env]')
        .evaluateAll((els) =>
          els.map((e) => ({ env: e.getAttribute('data-env'), outcome: e.getAttribute('data-outcome'), text: e.textContent ?? '' })),
        );
      assert.deepEqual(
        entries.map((e) => [e.env, e.outcome]),
        ran.map((e) => [e.id, t.entry.results[e.id]]),
        `${where}: environments and outcomes`,
      );
      for (const [i, env] of ran.entries()) {
        const text = entries[i].text;
        assert.ok(
          text.includes(distroShort(env.distro)) && text.includes(`kernel ${majorMinor(env.kernel)}`),
          `${where}: «${text}» names ${env.id}`,
        );
        if (t.entry.results[env.id] !== 'ok')
          assert.ok(text.includes(staticUi[`compat.${t.entry.results[env.id]}`]), `${where}: «${text}»`);
      }

      // A form for another bpftrace version is hidden: open it as a learner would («Ver también la otra forma»).
      const hiddenGroup = await line.evaluate((d) => {
        const form = d.closest<HTMLElement>('[data-variant]');
        return form?.hidden ? (form.dataset.variant ?? null) : null;
      });
      if (hiddenGroup) await page.locator(`[data-variant="${hiddenGroup}"][data-variant-chosen] .variant-more`).click();
      // Opened: each environment's full versions, and the reason where it is unavailable.
      await summary.click();
      const items = line.locator('li[data-env]');
      await items.first().waitFor({ state: 'visible' });
      const full = await items.evaluateAll((els) => els.map((e) => ({ env: e.getAttribute('data-env'), text: e.textContent ?? '' })));
      assert.deepEqual(
        full.map((x) => x.env),
        ran.map((e) => e.id),
      );
      const kind = t.exercise ? exerciseKind.get(t.id) : blockKind.get(t.id);
      for (const [i, env] of ran.entries()) {
        for (const part of [env.distro, `kernel ${env.kernel}`, ...toolsFor(kind, env)]) {
          assert.ok(full[i].text.includes(part), `${where}: «${full[i].text}» has «${part}»`);
        }
        const reason = t.entry.reasons[env.id];
        if (t.entry.results[env.id] === 'unavailable' && reason)
          assert.ok(full[i].text.includes(reason), `${where}: the reason in ${env.id}`);
      }
      assert.equal(await line.locator('a').getAttribute('href'), '/requisitos/#compatibilidad');
      checked++;
    }
  }
  console.log(`# «Probado en» checked under ${checked} blocks and exercises, ${envIds.length} environment(s)`);
  assert.ok(checked > 0);
  // Static HTML: no page asked for the record.
  assert.deepEqual(
    requests.filter((u) => /compatib/i.test(u)),
    [],
  );
  assert.deepEqual(errors, []);
  await page.close();
});

test('the requirements lesson has the matrix: a column per environment with its versions and run, a row per block and exercise', async () => {
  const { page, errors } = await openPage(app.ctx);
  await page.goto(`${app.server.origin}/requisitos/`);
  const matrix = page.locator('#compatibilidad');
  assert.equal(await matrix.count(), 1);

  // Columns: the environments in the record's order, each with its versions, date and commit.
  const heads = matrix.locator('thead th[data-env]');
  assert.deepEqual(await heads.evaluateAll((ths) => ths.map((th) => th.getAttribute('data-env'))), envIds);
  for (const [i, env] of compat.environments.entries()) {
    const text = await heads.nth(i).innerText();
    for (const part of [
      env.distro,
      env.kernel,
      `clang ${env.clang}`,
      `bpftrace ${env.bpftrace}`,
      `libbpf ${env.libbpf}`,
      `bpftool ${env.bpftool}`,
      env.commit,
      env.date.slice(0, 4),
    ]) {
      assert.ok(text.includes(part), `column ${env.id}: «${text}» has «${part}»`);
    }
    assert.equal(await heads.nth(i).locator('[data-run]').getAttribute('data-run'), `${env.date} ${env.commit}`);
  }

  // Rows: every block and every exercise of the record, in its lesson's group; one cell per environment.
  const rows = await matrix.locator('tbody tr[data-block], tbody tr[data-exercise]').evaluateAll((trs) =>
    trs.map((tr) => ({
      block: tr.getAttribute('data-block'),
      exercise: tr.getAttribute('data-exercise'),
      lesson: tr.closest('tbody')?.getAttribute('data-lesson'),
      href: tr.querySelector('th a')?.getAttribute('href') ?? null,
      cells: [...tr.querySelectorAll('td')].map((td) => ({
        env: td.getAttribute('data-env'),
        outcome: td.getAttribute('data-outcome'),
        title: td.getAttribute('title'),
        spoken: td.querySelector('.sr-only')?.textContent ?? '',
        mark: td.querySelector('[aria-hidden="true"]')?.textContent ?? '',
      })),
    })),
  );
  assert.deepEqual(
    rows
      .filter((r) => r.block)
      .map((r) => r.block)
      .sort(),
    Object.keys(compat.blocks).sort(),
    'a row per block',
  );
  assert.deepEqual(
    rows
      .filter((r) => r.exercise)
      .map((r) => r.exercise)
      .sort(),
    Object.keys(compat.exercises).sort(),
    'a row per exercise',
  );
  const marks: Record<string, string> = { ok: '✓', unavailable: '—', fail: '✗' };
  for (const r of rows) {
    const id = (r.block ?? r.exercise)!;
    const entry = r.block ? compat.blocks[id] : compat.exercises[id];
    assert.equal(r.lesson, entry.lesson, `${id}: in its lesson's group`);
    assert.equal(r.href, r.block ? `/${entry.lesson}/#bloque-${id}` : `/${entry.lesson}/#ejercicio-${id}`);
    assert.deepEqual(
      r.cells.map((c) => [c.env, c.outcome]),
      envIds.map((e) => [e, entry.results[e] ?? 'none']),
      `${id}: one cell per environment`,
    );
    for (const c of r.cells) {
      const outcome = entry.results[c.env!];
      if (outcome) assert.equal(c.mark, marks[outcome], `${id} in ${c.env}`);
      if (outcome === 'unavailable' && entry.reasons[c.env!]) {
        assert.equal(c.title, entry.reasons[c.env!], `${id} in ${c.env}: the reason on hover`);
        assert.equal(c.spoken, entry.reasons[c.env!], `${id} in ${c.env}: the reason for screen readers`);
      } else assert.ok(c.spoken.length > 0, `${id} in ${c.env}: words for screen readers`);
    }
  }
  // Group headings: the lessons' titles.
  for (const lesson of lessons) {
    const heading = matrix.locator(`tbody[data-lesson="${lesson}"] th[scope="rowgroup"]`);
    assert.equal((await heading.innerText()).trim(), lessonTitle(lesson));
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('opened lines and the matrix pass axe-core (WCAG A/AA) in both themes, and the page stays phone-wide', async () => {
  const failures: string[] = [];
  for (const theme of ['dark', 'light'] as const) {
    const c = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await c.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    const { page } = await openPage(c);
    for (const lesson of lessons) {
      await page.goto(`${app.server.origin}/${lesson}/`);
      await page.locator('details.run-compat').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
      let axe = new AxeBuilder({ page }).include('details.run-compat');
      if (lesson === 'requisitos') axe = axe.include('#compatibilidad');
      const r = await axe.analyze();
      for (const v of r.violations.filter((v) => v.tags.some((t) => /^wcag\d+a+$/.test(t)))) {
        failures.push(
          `${theme} /${lesson}/: ${v.id} (${v.nodes.length}): ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(' | ')}`,
        );
      }
    }
    await c.close();
  }
  assert.deepEqual(failures, []);

  const phone = await app.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const { page } = await openPage(phone);
  await page.goto(`${app.server.origin}/requisitos/`);
  await page.locator('details.run-compat').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the requirements page is ${width} px wide at 390 px`);
  await phone.close();
});

test('no console errors', () => {
  assert.deepEqual(app.errors, []);
});
