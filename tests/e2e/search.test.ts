// The header's search in Chromium (src/components/Search.astro): its code is not part of a lesson's
// load, it loads once the learner points at it, and it works with the mouse and with the keyboard
// alone (Ctrl+K, typing at once, Tab and Enter to a result, Escape), on a desktop and on a phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright';
import { AxeBuilder } from '@axe-core/playwright';
import { openPage, pageSession } from '../helpers/browser.ts';

const app = pageSession({ context: { viewport: { width: 1280, height: 900 } } });

const OPEN = 'site-search button[data-open-modal]';
const DIALOG = 'site-search dialog';
const INPUT = '#starlight__search input';
/** Pagefind's UI, as Starlight's build names it (the bench's `starlightIdle` filter matches it the same way). */
const SEARCH_CODE = /\/ui-core\.[\w-]+\.js$|\/pagefind\//;
/** A result on the maps lesson, which «mapa» must find. */
const MAPS_RESULT = '#starlight__search .pagefind-ui__result-link[href^="/mapas/"]';

/** Two idle periods of the page: Starlight's own Search loaded its UI in the first. */
const idle = (p: Page) => p.evaluate(() => new Promise<void>((r) => requestIdleCallback(() => requestIdleCallback(() => r()))));

const dialogOpen = (p: Page) => p.evaluate((sel) => document.querySelector<HTMLDialogElement>(sel)?.open ?? false, DIALOG);

const inputFocused = (p: Page) => p.waitForFunction((sel) => document.activeElement === document.querySelector(sel), INPUT);

test('a lesson loads without the search code; pointing at the button loads it', async () => {
  const { page, errors } = await openPage(app.ctx);
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.goto(`${app.server.origin}/primer-programa/`, { waitUntil: 'load' });
  await page.waitForSelector(`${OPEN}:not([disabled])`);
  await page.waitForSelector('.runnable[data-ready]');
  await idle(page);
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  assert.deepEqual(
    [...requested, ...fetched].filter((u) => SEARCH_CODE.test(u)),
    [],
    'no search code before the learner shows they want it',
  );
  assert.equal(await page.locator('#starlight__search .pagefind-ui').count(), 0);

  const loading = page.waitForRequest((r) => SEARCH_CODE.test(r.url()));
  await page.locator(OPEN).hover();
  await loading;
  await page.locator('#starlight__search .pagefind-ui').waitFor({ state: 'attached' });
  assert.equal(await dialogOpen(page), false, 'pointing at the button only loads the code');
  assert.deepEqual(errors, []);
  await page.close();
});

test('with the mouse: the button opens the search, a result opens its lesson, a click outside closes it', async () => {
  const { page, errors } = await openPage(app.ctx);
  await page.goto(`${app.server.origin}/primer-programa/`);
  await page.locator(OPEN).click();
  assert.equal(await dialogOpen(page), true);
  await inputFocused(page);
  assert.equal(await page.locator(INPUT).getAttribute('placeholder'), 'Buscar');
  await page.keyboard.type('mapa');
  await page.locator(MAPS_RESULT).first().waitFor();

  // The open dialog with its results, for axe-core (WCAG A/AA).
  const r = await new AxeBuilder({ page }).include(DIALOG).analyze();
  const wcag = r.violations.filter((v) => v.tags.some((t) => /^wcag\d+a+$/.test(t)));
  assert.deepEqual(
    wcag.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
  );

  // A click outside the dialog's frame closes it and leaves the page where it was.
  await page.mouse.click(5, 890);
  await page.waitForFunction((sel) => !document.querySelector<HTMLDialogElement>(sel)?.open, DIALOG);
  assert.match(page.url(), /\/primer-programa\/$/);

  await page.locator(OPEN).click();
  await inputFocused(page);
  assert.equal(await page.locator(INPUT).inputValue(), 'mapa', 'the search is kept while on the page');
  await page.locator(MAPS_RESULT).first().waitFor();
  await Promise.all([page.waitForURL(/\/mapas\//), page.locator(MAPS_RESULT).first().click()]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('from the keyboard: Ctrl+K opens it at once, what is typed right away is searched, Tab and Enter open a result', async () => {
  const { page, errors } = await openPage(app.ctx);
  // The search code is held back until the learner has typed (routing also turns the page's HTTP cache off):
  // what is typed before the search box exists must not be lost.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let asked = false;
  await page.route(
    (u) => SEARCH_CODE.test(u.href),
    async (route) => {
      asked = true;
      await held;
      await route.continue();
    },
  );
  await page.goto(`${app.server.origin}/primer-programa/`);
  await page.waitForSelector(`${OPEN}:not([disabled])`);
  // No pointer near the button: the code loads on the shortcut, while the learner is already typing.
  await page.keyboard.press('Control+k');
  assert.equal(await dialogOpen(page), true);
  await page.keyboard.type('mapa');
  assert.equal(asked, true, 'Ctrl+K asked for the search code');
  assert.equal(await page.locator(INPUT).count(), 0, 'typed before the search box was there');
  release();
  await inputFocused(page);
  await page.waitForFunction((sel) => document.querySelector<HTMLInputElement>(sel)?.value === 'mapa', INPUT);
  await page.locator(MAPS_RESULT).first().waitFor();

  let stops = 0;
  for (; stops < 10; stops++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.matches('.pagefind-ui__result-link') ?? false)) break;
  }
  assert.ok(stops < 10, 'Tab reaches the first result');
  const href = await page.evaluate(() => document.activeElement?.getAttribute('href') ?? '');
  await Promise.all([page.waitForURL((u) => u.pathname + u.hash === href), page.keyboard.press('Enter')]);

  // On the new page: Ctrl+K opens, Escape closes and gives the focus back, Ctrl+K again toggles.
  await page.locator(OPEN).focus();
  await page.keyboard.press('Control+k');
  await inputFocused(page);
  await page.keyboard.press('Escape'); // Pagefind's input first clears itself and lets go of the focus
  if (await dialogOpen(page)) await page.keyboard.press('Escape');
  await page.waitForFunction((sel) => !document.querySelector<HTMLDialogElement>(sel)?.open, DIALOG);
  assert.equal(await page.evaluate((sel) => document.activeElement === document.querySelector(sel), OPEN), true);
  await page.keyboard.press('Control+k');
  await inputFocused(page);
  await page.keyboard.press('Control+k');
  assert.equal(await dialogOpen(page), false);
  assert.deepEqual(errors, []);
  await page.close();
});

test('on a phone: the button opens the search and «Cancelar» closes it', async () => {
  const c = await app.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
  try {
    const { page, errors } = await openPage(c);
    await page.goto(`${app.server.origin}/primer-programa/`);
    await page.locator(OPEN).tap();
    assert.equal(await dialogOpen(page), true);
    await inputFocused(page);
    await page.keyboard.type('mapa');
    await page.locator(MAPS_RESULT).first().waitFor();
    await page.getByRole('button', { name: 'Cancelar' }).tap();
    await page.waitForFunction((sel) => !document.querySelector<HTMLDialogElement>(sel)?.open, DIALOG);
    assert.deepEqual(errors, []);
  } finally {
    await c.close();
  }
});
