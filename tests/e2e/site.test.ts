// The lesson site in real Chromium: URLs, titles, navigation, highlighting,
// search, console errors and internal links.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext } from 'playwright';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { launchBrowser, openPage } from '../helpers/browser.ts';
import { EXPECTED_ORDER, lessonFiles, lessonSlugs, lessonTitle } from '../helpers/lessons.ts';
import { lessonsBySection } from '../../lib/lessons/sections.ts';

let server: RunningServer;
let browser: Browser;
let ctx: BrowserContext;
const consoleErrors: string[] = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ctx = await browser.newContext();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the content folder holds the lessons in the expected order', () => {
  assert.deepEqual(lessonSlugs(), EXPECTED_ORDER);
});

test('every lesson answers 200 with its Spanish title, lang="es" and previous/next links', async () => {
  for (const [i, slug] of EXPECTED_ORDER.entries()) {
    const { page, errors } = await openPage(ctx);
    const res = await page.goto(`${server.origin}/${slug}/`);
    assert.equal(res?.status(), 200, slug);
    assert.equal(await page.getAttribute('html', 'lang'), 'es');
    const title = lessonTitle(slug);
    assert.equal((await page.locator('main h1').first().innerText()).trim(), title);
    assert.match(await page.title(), new RegExp(title.replace(/[?¿()]/g, '.')));
    const pagination = page.locator('.pagination-links');
    if (i > 0) assert.equal(await pagination.locator('a[rel="prev"]').count(), 1, `${slug} prev`);
    if (i < EXPECTED_ORDER.length - 1) assert.equal(await pagination.locator('a[rel="next"]').count(), 1, `${slug} next`);
    // Spanish UI strings from the theme.
    assert.match(await page.locator('.pagination-links').innerText(), /Anterior|Siguiente/);
    consoleErrors.push(...errors.map((e) => `${slug}: ${e}`));
    await page.close();
  }
});

test('the navigation lists the lessons in order, grouped in their sections', async () => {
  const { page } = await openPage(ctx);
  await page.goto(`${server.origin}/que-es-ebpf/`);
  const hrefs = await page.locator('nav.sidebar a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const lessons = hrefs.filter((h): h is string => !!h && EXPECTED_ORDER.includes(h.replace(/\//g, '')));
  assert.deepEqual(
    lessons.map((h) => h.replace(/\//g, '')),
    EXPECTED_ORDER,
  );
  // One sidebar group per section, with that section's lessons (lib/lessons/sections.ts).
  const groups = await page.locator('nav.sidebar details').evaluateAll((ds) =>
    ds.map((d) => ({
      label: d.querySelector('summary')?.textContent?.trim() ?? '',
      hrefs: [...d.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? ''),
    })),
  );
  for (const s of lessonsBySection(lessonFiles())) {
    const group = groups.find((g) => g.label === s.label);
    assert.ok(group, `a sidebar group «${s.label}»`);
    assert.deepEqual(
      group.hrefs,
      s.lessons.map((l) => `/${l.slug}/`),
      `the lessons of «${s.label}»`,
    );
  }
  await page.close();
});

test('the home page has the hero illustration and links every lesson', async () => {
  const { page, errors } = await openPage(ctx);
  const res = await page.goto(`${server.origin}/`);
  assert.equal(res?.status(), 200);
  const heroImg = page.locator('.hero img');
  assert.equal(await heroImg.count(), 1);
  assert.match((await heroImg.getAttribute('src')) ?? '', /\.svg$/);
  const hrefs = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const slug of EXPECTED_ORDER) assert.ok(hrefs.includes(`/${slug}/`), `home links /${slug}/`);
  // The path: every section in order, its lessons numbered in course order with their frontmatter titles.
  const sections = lessonsBySection(lessonFiles());
  assert.deepEqual(
    await page.locator('.lesson-path-section h3').allInnerTexts(),
    sections.map((s) => s.label),
  );
  const titles = await page.locator('.lesson-path-section a').allInnerTexts();
  assert.deepEqual(
    titles.map((x) => x.trim().split('\n')[0]),
    EXPECTED_ORDER.map((slug, i) => `${i + 1}. ${lessonTitle(slug)}`),
  );
  consoleErrors.push(...errors);
  await page.close();
});

test('code blocks are highlighted at build time (C, bash, bpftrace) with a copy button', async () => {
  const { page } = await openPage(ctx);
  for (const [slug, lang] of [
    ['primer-programa', 'c'],
    ['primer-programa', 'bash'],
    ['bpftrace', 'bpftrace'],
  ] as const) {
    await page.goto(`${server.origin}/${slug}/`);
    const pre = page.locator(`pre[data-language="${lang}"]`).first();
    assert.equal(await pre.count(), 1, `${slug} has a ${lang} block`);
    // Shiki colours tokens with inline custom properties; plain text would have none.
    const colours = await pre.locator('span[style]').evaluateAll((spans) => new Set(spans.map((s) => s.getAttribute('style'))).size);
    assert.ok(colours >= 3, `${lang} block in ${slug} has ${colours} token colours`);
    const copy = pre.locator('xpath=ancestor::figure//div[contains(@class,"copy")]//button');
    assert.equal(await copy.count(), 1, `${lang} block has a copy button`);
  }
  await page.close();
});

test('the search finds "mapa"', async () => {
  const { page, errors } = await openPage(ctx);
  await page.goto(`${server.origin}/`);
  await page.locator('site-search button[data-open-modal]').click();
  await page.locator('#starlight__search input').fill('mapa');
  const result = page.locator('#starlight__search .pagefind-ui__result-link').first();
  await result.waitFor({ timeout: 15_000 });
  const links = await page
    .locator('#starlight__search .pagefind-ui__result-link')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(
    links.some((h) => h?.startsWith('/mapas/')),
    `results: ${links.join(', ')}`,
  );
  consoleErrors.push(...errors);
  await page.close();
});

test('no internal link is broken', async () => {
  const seen = new Set<string>();
  const queue = ['/', ...EXPECTED_ORDER.map((s) => `/${s}/`)];
  while (queue.length) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    // Pages need no token: the lessons are readable without it.
    const res = await fetch(server.origin + path);
    assert.equal(res.status, 200, `broken link: ${path}`);
    if (!(res.headers.get('content-type') ?? '').includes('text/html')) continue;
    const html = await res.text();
    for (const m of html.matchAll(/(?:href|src)="(\/[^"#?]*)[^"]*"/g)) {
      const link = m[1];
      if (!link.startsWith('//')) queue.push(link);
    }
  }
  assert.ok(seen.size > 10, `crawled ${seen.size} URLs`);
});

test('no console errors on any page visited', () => {
  assert.deepEqual(consoleErrors, []);
});
