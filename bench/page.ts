// Browser-side measures with Playwright + Debian's Chromium: page weight and
// click→output. Times are taken inside the page (performance.timeOrigin +
// performance.now(), the same epoch clock as Node's), from events: a wrapped
// WebSocket timestamps every message, a MutationObserver sees `data-attached`,
// and xterm's onWriteParsed sees text once it is in the terminal buffer.
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page, Request, Response } from 'playwright';
import type { RunningServer } from '../tests/helpers/server.ts';
import { TOKEN_KEY } from '../lib/protocol.ts';

export interface Weight {
  jsRaw: number;
  jsGzip: number;
  cssRaw: number;
  cssGzip: number;
  htmlRaw: number;
  htmlGzip: number;
  jsFiles: number;
  cssFiles: number;
}

export async function newContext(browser: Browser, server: RunningServer): Promise<BrowserContext> {
  // The token in the origin's storage, where the page keeps it after the start URL,
  // without loading the home page first (its assets would then be cached).
  return browser.newContext({
    storageState: { cookies: [], origins: [{ origin: server.origin, localStorage: [{ name: TOKEN_KEY, value: server.token }] }] },
  });
}

function collect(page: Page) {
  const seen: Array<{ url: string; type: string; body: Promise<Buffer | null> }> = [];
  page.on('response', (r: Response) => {
    const type = r.request().resourceType();
    if (type === 'script' || type === 'stylesheet' || type === 'document') {
      seen.push({ url: r.url(), type, body: r.body().catch(() => null) });
    }
  });
  return seen;
}

async function weigh(entries: ReturnType<typeof collect>): Promise<Weight> {
  const w: Weight = { jsRaw: 0, jsGzip: 0, cssRaw: 0, cssGzip: 0, htmlRaw: 0, htmlGzip: 0, jsFiles: 0, cssFiles: 0 };
  for (const e of entries) {
    const body = await e.body;
    if (!body) continue;
    const gz = gzipSync(body).length; // zlib's default level 6, like most servers' on-the-fly gzip
    if (e.type === 'script') {
      w.jsRaw += body.length;
      w.jsGzip += gz;
      w.jsFiles++;
    } else if (e.type === 'stylesheet') {
      w.cssRaw += body.length;
      w.cssGzip += gz;
      w.cssFiles++;
    } else {
      w.htmlRaw += body.length;
      w.htmlGzip += gz;
    }
  }
  return w;
}

/** When a resource of the page was requested, from the page's Resource Timing (ms since navigation start). */
type Started = Record<string, number>;

async function requestTimes(page: Page): Promise<Started> {
  return page.evaluate(() =>
    Object.fromEntries(performance.getEntriesByType('resource').map((e) => [e.name, e.startTime] as [string, number])),
  );
}

export interface PageWeights {
  /** Until the `load` event and the Largest Contentful Paint, whichever is later (the HTML included). */
  initial: Weight;
  /** Everything before the first click except the terminal code prefetched once idle (comparable with the old figure). */
  beforeInteraction: Weight;
  /** Prefetched once the page is idle (the terminal code: xterm.js), before any click. */
  prefetched: Weight;
  /** Everything, after the first terminal opens (Ejecutar on `trace`). */
  after: Weight;
  inline: { js: number; css: number };
  files: string[];
}

/** The instant (ms since navigation start) the page started prefetching its terminal code (boot.ts), if it did. */
export const PREFETCH_MARK = 'taller:terminal-prefetch';

/**
 * Page weight of /primer-programa/: the initial load, what is prefetched once idle, and after the first terminal
 * opens (Ejecutar on `trace`). Which request belongs where comes from the page's own clock: Resource Timing's start
 * of each request against `load`, the LCP and the prefetch mark.
 */
export async function pageWeight(browser: Browser, server: RunningServer): Promise<PageWeights> {
  const ctx = await newContext(browser, server);
  try {
    const page = await ctx.newPage();
    const entries = collect(page);
    trackNetwork(page);
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' }); // see clickToOutput
    await page.goto(`${server.origin}/primer-programa/`, { waitUntil: 'load' });
    await waitIdleAndReady(page);
    const marks = await page.evaluate(
      ({ mark }) =>
        new Promise<{ load: number; lcp: number; prefetch: number }>((resolve) => {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          const pre = performance.getEntriesByName(mark)[0]?.startTime ?? Infinity;
          const done = (lcp: number) => resolve({ load: nav.loadEventEnd, lcp, prefetch: pre });
          setTimeout(() => done(0), 2_000); // no LCP entry at all
          new PerformanceObserver((list) => done(list.getEntries().at(-1)?.startTime ?? 0)).observe({
            type: 'largest-contentful-paint',
            buffered: true,
          });
        }),
      { mark: PREFETCH_MARK },
    );
    const times = await requestTimes(page);
    const cut = Math.max(marks.load, marks.lcp);
    const at = (e: (typeof entries)[number]) => (e.type === 'document' ? 0 : (times[e.url] ?? Infinity));
    const before = [...entries];
    const initial = await weigh(before.filter((e) => at(e) <= cut));
    // Search code (pagefind) is loaded only on intent now (src/client/site-search.ts); if a page loads it anyway,
    // it counts as before interaction, not as our terminal prefetch.
    const starlightIdle = (e: (typeof entries)[number]) => /\/pagefind\/|\/ui-core\./.test(e.url);
    const ours = (e: (typeof entries)[number]) => at(e) >= marks.prefetch && !starlightIdle(e);
    const prefetched = await weigh(before.filter(ours));
    const beforeInteraction = await weigh(before.filter((e) => !ours(e)));
    const inline = await page.evaluate(() => ({
      js: [...document.querySelectorAll('script:not([src])')].reduce((n, s) => n + (s.textContent?.length ?? 0), 0),
      css: [...document.querySelectorAll('style')].reduce((n, s) => n + (s.textContent?.length ?? 0), 0),
    }));
    const block = '.runnable[data-run-id="trace"]';
    await page.locator(`${block} .run-btn`).click();
    await page.waitForSelector(`${block}[data-attached="true"]`, { timeout: 30_000 });
    await quietOf.get(page)!();
    const after = await weigh(entries);
    await page.locator(`${block} .run-btn`).click();
    await page.waitForSelector(`${block}[data-run-state="idle"]`);
    return {
      initial,
      beforeInteraction,
      prefetched,
      after,
      inline,
      files: entries.map((e) => `${e.type} ${new URL(e.url).pathname} @${Math.round(at(e))} ms`),
    };
  } finally {
    await ctx.close();
  }
}

/**
 * Resolves once no HTTP request of the page has been in flight for `quietMs`. Playwright's own `networkidle`
 * counts an open WebSocket as a request that never ends, so a page holding its spare socket would never be idle.
 */
function networkQuiet(page: Page, quietMs = 500): () => Promise<void> {
  // A request counts as done at its response's headers too: Playwright does not always report `requestfinished`
  // for a fetch() whose body the page read (seen with /api/session).
  const inFlight = new Set<Request>();
  let lastChange = Date.now();
  const change = (r: Request, add: boolean) => {
    if (add) inFlight.add(r);
    else inFlight.delete(r);
    lastChange = Date.now();
  };
  page.on('request', (r) => change(r, true));
  page.on('response', (r) => change(r.request(), false));
  page.on('requestfinished', (r) => change(r, false));
  page.on('requestfailed', (r) => change(r, false));
  return async () => {
    for (;;) {
      const wait = inFlight.size > 0 ? quietMs : lastChange + quietMs - Date.now();
      if (inFlight.size === 0 && wait <= 0) return;
      await new Promise((r) => setTimeout(r, Math.max(wait, 20)));
    }
  };
}
const quietOf = new WeakMap<Page, () => Promise<void>>();
function trackNetwork(page: Page): void {
  quietOf.set(page, networkQuiet(page));
}

/**
 * A page as a learner has it before clicking: loaded, and idle (no request for 500 ms). A page that prepares its
 * terminal ahead of the click says so on <html data-terminal-spare="open"> once its spare socket is open
 * (src/client/spare.ts), and on <html data-terminal-parked="ready"> once its terminal is built ahead of the click
 * (src/client/parked-terminal.ts): then those too. A page without them (an older build) gets 5 s more to show it, then is taken
 * as it is.
 */
async function waitIdleAndReady(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await quietOf.get(page)?.();
  await page
    .waitForFunction(
      () =>
        document.documentElement.dataset.terminalSpare === 'open' &&
        (!document.querySelector('.runnable') || document.documentElement.dataset.terminalParked === 'ready'),
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
  await quietOf.get(page)?.();
}

/** The Largest Contentful Paint of `path` in a fresh context (ms since navigation start, Chromium's performance timeline). */
export async function largestContentfulPaint(browser: Browser, server: RunningServer, path: string): Promise<number> {
  const ctx = await newContext(browser, server);
  try {
    const page = await ctx.newPage();
    trackNetwork(page);
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' }); // see clickToOutput
    await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
    // Candidates stop once the page is idle (and the prefetch, if any, is done): the last one is the LCP.
    await waitIdleAndReady(page);
    return await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          setTimeout(() => resolve(NaN), 2_000); // no LCP entry at all
          new PerformanceObserver((list) => resolve(list.getEntries().at(-1)?.startTime ?? NaN)).observe({
            type: 'largest-contentful-paint',
            buffered: true,
          });
        }),
    );
  } finally {
    await ctx.close();
  }
}

/** In-page instrumentation, installed before any page script runs. */
const INSTRUMENT = () => {
  const now = () => performance.timeOrigin + performance.now();
  const b: Record<string, number> = {};
  (window as unknown as { __bench: Record<string, number> }).__bench = b;
  const Orig = window.WebSocket;
  class Timed extends Orig {
    created = now();
    opened = 0;
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      b.wsCreate = this.created;
      this.addEventListener('open', () => {
        this.opened = now();
        b.wsOpen ??= this.opened;
      });
      this.addEventListener('message', (e) => {
        const t = now();
        if (typeof e.data === 'string') {
          try {
            const type = JSON.parse(e.data).type as string;
            b[`msg_${type}`] ??= t;
          } catch {
            /* not ours */
          }
        } else {
          b.firstBinary ??= t;
        }
      });
    }
  }
  // The start message (run, check, shell): when it was sent, and on a socket created (and opened) when.
  // A page with a spare socket sends it on a socket created before the click.
  const send = Orig.prototype.send;
  Orig.prototype.send = function (this: WebSocket & { created?: number; opened?: number }, data) {
    if (typeof data === 'string' && b.startSent === undefined && /^\{"type":"(run|check|shell)"/.test(data)) {
      b.startSent = now();
      b.startSocketCreated = this.created ?? NaN;
      b.startSocketOpened = this.opened || NaN;
    }
    return send.call(this, data);
  };
  window.WebSocket = Timed as typeof WebSocket;
};

/** Watches a block: `data-attached` and a pattern in its terminal's buffer, timestamped in the page. */
async function watchBlock(page: Page, blockSel: string, pattern: RegExp, key: string): Promise<void> {
  await page.evaluate(
    ({ sel, src, flags, key }) => {
      const now = () => performance.timeOrigin + performance.now();
      const b = (window as unknown as { __bench: Record<string, number> }).__bench;
      const block = document.querySelector(sel) as HTMLElement;
      const re = new RegExp(src, flags);
      new MutationObserver(() => {
        if (block.dataset.attached === 'true') b.attached ??= now();
      }).observe(block, { attributes: true, attributeFilter: ['data-attached'] });
      let hooked = false;
      const hook = () => {
        const host = block.querySelector('.run-terminal') as (HTMLElement & { xterm?: any }) | null;
        if (hooked || !host?.xterm) return;
        hooked = true;
        const term = host.xterm;
        term.onWriteParsed(() => {
          if (b[key]) return;
          const buf = term.buffer.active;
          const from = Math.max(0, buf.length - 200);
          for (let i = from; i < buf.length; i++) {
            if (re.test(buf.getLine(i)?.translateToString(true) ?? '')) {
              b[key] = now();
              return;
            }
          }
        });
      };
      // The terminal (and xterm) are created on click; xterm sets `host.xterm` right after it opens,
      // before any output can be written (output needs a WebSocket round trip).
      new MutationObserver(() => queueMicrotask(hook)).observe(block, { childList: true, subtree: true });
    },
    { sel: blockSel, src: pattern.source, flags: pattern.flags, key },
  );
}

export interface ClickTimes {
  /** Absolute epoch ms of each event (page clock). */
  click: number;
  /** The page created its WebSocket (xterm's chunk loaded, session checked); absent when it used a spare. */
  wsCreate?: number;
  wsOpen?: number;
  /** The start message left the page; on a socket created and opened at these instants (before the click: a spare). */
  startSent?: number;
  startSocketCreated?: number;
  startSocketOpened?: number;
  started?: number;
  /** `data-attached="true"` on the block (first run) or the `attached` message (a run again in the same page). */
  attached?: number;
  text?: number;
}

/**
 * Opens `path` in a fresh context, clicks Ejecutar on block `id` and waits until `pattern` is in its terminal;
 * `whileWaiting` runs until then (e.g. exec /bin/true in a loop); then Detener. With `again`, a second
 * Ejecutar in the same page (xterm already loaded, terminal reused) is measured too, once the page is idle again.
 *
 * A "fresh page" is what a learner has when they click: a page that has loaded and gone idle (`ready: 'idle'`,
 * see waitIdleAndReady: network idle, and the page's terminal prepared if it prepares one). `ready: 'load'` clicks
 * right at the `load` event instead (the worst case: a click before the page had any idle time).
 */
export async function clickToOutput(
  browser: Browser,
  server: RunningServer,
  path: string,
  id: string,
  pattern: RegExp,
  whileWaiting?: (done: () => boolean) => Promise<void>,
  again = false,
  ready: 'idle' | 'load' = 'idle',
): Promise<ClickTimes[]> {
  const ctx = await newContext(browser, server);
  try {
    const page = await ctx.newPage();
    // tsx (esbuild, keepNames) wraps named functions in `__name(…)`; functions serialised into the page need it.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.addInitScript(INSTRUMENT);
    trackNetwork(page);
    await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
    if (ready === 'idle') await waitIdleAndReady(page);
    const sel = `.runnable[data-run-id="${id}"]`;
    await watchBlock(page, sel, pattern, 'text');
    const out: ClickTimes[] = [];
    for (let round = 0; round < (again ? 2 : 1); round++) {
      if (round > 0 && ready === 'idle') await waitIdleAndReady(page);
      const click = await page.evaluate((s) => {
        const b = (window as unknown as { __bench: Record<string, number> }).__bench;
        for (const k of Object.keys(b)) delete b[k];
        const t = performance.timeOrigin + performance.now();
        (document.querySelector(`${s} .run-btn`) as HTMLButtonElement).click();
        return t;
      }, sel);
      let finished = false;
      const side = whileWaiting?.(() => finished);
      try {
        await page.waitForFunction(() => !!(window as unknown as { __bench: Record<string, number> }).__bench.text, undefined, {
          timeout: 60_000,
          polling: 'raf',
        });
      } finally {
        finished = true;
        await side;
      }
      const b = await page.evaluate(() => (window as unknown as { __bench: Record<string, number> }).__bench);
      out.push({
        click,
        wsCreate: b.wsCreate,
        wsOpen: b.wsOpen,
        startSent: b.startSent,
        startSocketCreated: b.startSocketCreated,
        startSocketOpened: b.startSocketOpened,
        started: b.msg_started,
        attached: round === 0 ? b.attached : b.msg_attached,
        text: b.text,
      });
      await page.locator(`${sel} .run-btn`).click();
      await page.waitForSelector(`${sel}[data-run-state="idle"]`, { timeout: 10_000 });
    }
    return out;
  } finally {
    await ctx.close();
  }
}
