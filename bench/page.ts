// Browser-side measures with Playwright + Debian's Chromium: page weight and
// click→output. Times are taken inside the page (performance.timeOrigin +
// performance.now(), the same epoch clock as Node's), from events: a wrapped
// WebSocket timestamps every message, a MutationObserver sees `data-attached`,
// and xterm's onWriteParsed sees text once it is in the terminal buffer.
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page, Response } from 'playwright';
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

/** Page weight of /primer-programa/ before interaction, and after the first terminal opens (Ejecutar on `trace`). */
export async function pageWeight(
  browser: Browser,
  server: RunningServer,
): Promise<{ before: Weight; after: Weight; inline: { js: number; css: number }; files: string[] }> {
  const ctx = await newContext(browser, server);
  try {
    const page = await ctx.newPage();
    const entries = collect(page);
    await page.goto(`${server.origin}/primer-programa/`, { waitUntil: 'networkidle' });
    const before = await weigh(entries);
    const inline = await page.evaluate(() => ({
      js: [...document.querySelectorAll('script:not([src])')].reduce((n, s) => n + (s.textContent?.length ?? 0), 0),
      css: [...document.querySelectorAll('style')].reduce((n, s) => n + (s.textContent?.length ?? 0), 0),
    }));
    const block = '.runnable[data-run-id="trace"]';
    await page.locator(`${block} .run-btn`).click();
    await page.waitForSelector(`${block}[data-attached="true"]`, { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    const after = await weigh(entries);
    await page.locator(`${block} .run-btn`).click();
    await page.waitForSelector(`${block}[data-run-state="idle"]`);
    return { before, after, inline, files: entries.map((e) => `${e.type} ${new URL(e.url).pathname}`) };
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
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      b.wsCreate = now();
      this.addEventListener('open', () => (b.wsOpen ??= now()));
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
  /** The page created its WebSocket (xterm's chunk loaded, session checked). */
  wsCreate?: number;
  wsOpen?: number;
  started?: number;
  /** `data-attached="true"` on the block (first run) or the `attached` message (a run again in the same page). */
  attached?: number;
  text?: number;
}

/**
 * Opens `path` in a fresh context, clicks Ejecutar on block `id` and waits until `pattern` is in its terminal;
 * `whileWaiting` runs until then (e.g. exec /bin/true in a loop); then Detener. With `again`, a second
 * Ejecutar in the same page (xterm already loaded, terminal reused) is measured too.
 */
export async function clickToOutput(
  browser: Browser,
  server: RunningServer,
  path: string,
  id: string,
  pattern: RegExp,
  whileWaiting?: (done: () => boolean) => Promise<void>,
  again = false,
): Promise<ClickTimes[]> {
  const ctx = await newContext(browser, server);
  try {
    const page = await ctx.newPage();
    // tsx (esbuild, keepNames) wraps named functions in `__name(…)`; functions serialised into the page need it.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.addInitScript(INSTRUMENT);
    await page.goto(`${server.origin}${path}`, { waitUntil: 'networkidle' });
    const sel = `.runnable[data-run-id="${id}"]`;
    await watchBlock(page, sel, pattern, 'text');
    const out: ClickTimes[] = [];
    for (let round = 0; round < (again ? 2 : 1); round++) {
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
