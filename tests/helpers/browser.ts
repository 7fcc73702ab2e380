// Debian's Chromium driven by Playwright (browser downloads are impossible here).
import { before, after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright';
import { startServer, type RunningServer } from './server.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/** A page that records console errors and failed requests. */
export async function openPage(ctx: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, errors };
}

export interface PageSession {
  server: RunningServer;
  browser: Browser;
  ctx: BrowserContext;
  /** The page that visited the start-up URL, so its origin's storage holds the token (shared by the context's pages). */
  page: Page;
  /** Console errors and failed requests of `page`. */
  errors: string[];
  /**
   * Resolves once the set-up is done. A file's own `before` hooks that use the
   * fields must await it first: Node 20 starts top-level `before` hooks as they
   * are registered, without waiting for the earlier ones.
   */
  ready: () => Promise<void>;
  /** With `privateBuildCache`: the server's compile cache, a fresh folder removed after the file. */
  cacheDir?: string;
}

/**
 * The usual set-up of a browser test file: registers `before`, which starts the
 * real server (with `env`), launches Chromium, opens one context (with
 * `context`) and one page, and visits the start-up URL with the token; and
 * `after`, which closes the browser and stops the server. The fields of the
 * returned object are filled in by that `before`. Call it at the top level of
 * the file (`const app = pageSession();`, then `app.page`, `app.server.origin`).
 * `privateBuildCache`: the server compiles into a fresh folder of its own (no object from an earlier
 * file is reused), removed after the file.
 */
export function pageSession(
  opts: { env?: Record<string, string>; context?: BrowserContextOptions; privateBuildCache?: boolean } = {},
): PageSession {
  const s = {} as PageSession;
  if (opts.privateBuildCache) s.cacheDir = mkdtempSync(join(tmpdir(), 'taller-cache-test-'));
  let started: Promise<void> | undefined;
  s.ready = () =>
    (started ??= (async () => {
      s.server = await startServer({ ...opts.env, ...(s.cacheDir ? { TALLER_BUILD_CACHE: s.cacheDir } : {}) });
      s.browser = await launchBrowser();
      s.ctx = await s.browser.newContext(opts.context);
      ({ page: s.page, errors: s.errors } = await openPage(s.ctx));
      await s.page.goto(s.server.url);
    })());
  before(() => s.ready());
  after(async () => {
    await s.browser?.close();
    await s.server?.stop();
    if (s.cacheDir) rmSync(s.cacheDir, { recursive: true, force: true });
  });
  return s;
}

/** Everything an xterm.js terminal holds (scrollback included), as text. */
export async function terminalText(page: Page, hostSelector: string): Promise<string> {
  return page.evaluate((sel) => {
    const host = document.querySelector(sel) as (HTMLElement & { xterm?: any }) | null;
    const buf = host?.xterm?.buffer.active;
    if (!buf) return '';
    const out: string[] = [];
    for (let i = 0; i < buf.length; i++) {
      const l = buf.getLine(i);
      out.push(l.isWrapped && out.length ? (out.pop() as string) + l.translateToString(true) : l.translateToString(true));
    }
    return out.join('\n');
  }, hostSelector);
}

/** Waits until the terminal's text matches. */
export async function waitForTerminal(page: Page, hostSelector: string, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  // Re-check on every animation frame in the page rather than sleeping.
  await page
    .waitForFunction(
      ({ sel, src, flags }) => {
        const host = document.querySelector(sel) as (HTMLElement & { xterm?: any }) | null;
        const buf = host?.xterm?.buffer.active;
        if (!buf) return false;
        const lines: string[] = [];
        for (let i = 0; i < buf.length; i++) lines.push(buf.getLine(i).translateToString(true));
        return new RegExp(src, flags).test(lines.join('\n'));
      },
      { sel: hostSelector, src: pattern.source, flags: pattern.flags },
      { timeout: Math.max(1, deadline - Date.now()), polling: 'raf' },
    )
    .catch(async (e) => {
      text = await terminalText(page, hostSelector);
      throw new Error(`terminal ${hostSelector} never matched ${pattern}; it shows:\n${text}\n${e}`);
    });
  return terminalText(page, hostSelector);
}
