// Debian's Chromium driven by Playwright (browser downloads are impossible here).
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';

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
