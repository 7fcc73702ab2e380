// The latency lesson end to end: Chromium, the real server, the real kernel. The read latency block's
// log2 histogram map is drawn as a live bar chart whose total grows with the read workload; Detener
// leaves nothing behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageSession } from '../helpers/browser.ts';
import { until, leftovers } from '../helpers/system.ts';
import { READS_PER_RUN } from '../../server/processes/workloads.ts';

const snapshot = () => leftovers();

const app = pageSession({ privateBuildCache: true });

const block = '.runnable[data-run-id="latencia-read-c"]';
const chart = `${block} .run-hist[data-map="read_ns_hist"]`;

test('latencias: the read_ns_hist map is a live bar chart whose total grows with the read workload; Detener leaves nothing', async () => {
  const before = snapshot();
  await app.page.goto(`${app.server.origin}/latencias/`);
  await app.page.locator(`${block} .run-btn`).click();
  await app.page.waitForSelector(`${block}[data-attached="true"]`, { timeout: 60_000 });
  // The machine's own reads fill it first; the workload adds at least READS_PER_RUN more.
  await app.page.waitForFunction((sel) => Number(document.querySelector<HTMLElement>(sel)?.dataset.total) > 0, chart, { timeout: 10_000 });
  const first = Number(await app.page.locator(chart).getAttribute('data-total'));
  await app.page.locator(`${block} .workload-btn[data-workload="read"]`).click();
  await app.page.waitForFunction(
    ([sel, min]) => Number(document.querySelector<HTMLElement>(sel as string)?.dataset.total) >= (min as number),
    [chart, first + READS_PER_RUN] as const,
    { timeout: 15_000 },
  );
  // Bars in slot order, labelled with powers of two in ns; the counts add up to the total shown.
  const rows = await app.page.locator(`${chart} tbody tr`).evaluateAll((trs) =>
    trs.map((tr) => ({
      slot: Number((tr as HTMLElement).dataset.slot),
      label: tr.querySelector('th')?.textContent ?? '',
      scope: tr.querySelector('th')?.getAttribute('scope'),
      count: Number(tr.querySelector('.run-hist-count')?.textContent),
      width: (tr.querySelector('.run-hist-bar') as HTMLElement | null)?.style.width ?? '',
    })),
  );
  assert.ok(rows.length > 0);
  rows.forEach((r, i) => {
    assert.equal(r.slot, rows[0].slot + i, 'one row per slot, none skipped');
    assert.match(r.label, /^\d+[KMG]? – \d+[KMG]? ns$/);
    assert.equal(r.scope, 'row', 'the interval heads its row for screen readers');
  });
  assert.ok(
    rows.some((r) => r.width === '100%'),
    'the largest count fills its bar',
  );
  const total = Number(await app.page.locator(chart).getAttribute('data-total'));
  assert.ok(total >= first + READS_PER_RUN);
  assert.match(
    (await app.page.locator(`${chart} figcaption`).innerText()).replace(/\s+/g, ' '),
    /read_ns_hist \(percpu_array\) — histograma .* en total/,
  );
  assert.equal(await app.page.locator(`${chart} [role="region"]`).getAttribute('aria-label'), 'Histograma: read_ns_hist');
  // The entry-time map stays a key/value table.
  assert.equal(await app.page.locator(`${block} .run-map[data-map="start"] .run-hist-bar`).count(), 0);

  await app.page.locator(`${block} .run-btn`).click();
  await app.page.waitForSelector(`${block}[data-run-state="idle"]`);
  await app.page.waitForSelector(`${block} .run-maps[data-final="true"] .run-hist[data-map="read_ns_hist"]`);
  await until(() => snapshot() === before, 'everything as before');
});
