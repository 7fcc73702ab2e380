// The session token in real Chromium. Browsers do not isolate cookies by port,
// so a token in a cookie would reach any server another local user runs on
// 127.0.0.1:<other port>. Here the learner opens the start URL, and then a page
// served by another HTTP server on another port of 127.0.0.1 must receive no
// request carrying the token, and must not be able to read it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright';
import { openPage, pageSession, waitForTerminal } from '../helpers/browser.ts';
import { TOKEN_KEY } from '../../lib/protocol.ts';
import { until } from '../helpers/system.ts';
import { ui } from '../../src/lib/ui-strings.ts';

const app = pageSession();

/** What the other server received, one entry per request. */
const received: Array<{ line: string; headers: Record<string, string>; raw: string }> = [];
/** What the other origin's page could find, as it reported it. */
const reports: Array<Record<string, unknown>> = [];
let other: Server;
let otherOrigin: string;

/**
 * The other origin's page: everything a script there can try to get the token,
 * reported back to its own server. `OURS` is the workshop's origin.
 */
function probePage(ours: string): string {
  const script = `
    const OURS = ${JSON.stringify(ours)};
    const found = {};
    const dump = (s) => { const o = {}; for (let i = 0; i < s.length; i++) o[s.key(i)] = s.getItem(s.key(i)); return o; };
    found.cookie = document.cookie;
    found.localStorage = dump(localStorage);
    found.sessionStorage = dump(sessionStorage);
    found.referrer = document.referrer;
    // A credentialed CORS read of the workshop's API: refused by the browser (no CORS headers) and by the server.
    try { const r = await fetch(OURS + '/api/session', { credentials: 'include' }); found.apiRead = r.status + ' ' + (await r.text()); }
    catch (e) { found.apiRead = 'blocked: ' + e.name; }
    // The same without CORS: not even an opaque answer (Cross-Origin-Resource-Policy: same-origin).
    try { const r = await fetch(OURS + '/api/readiness', { credentials: 'include', mode: 'no-cors' }); found.apiOpaque = r.type + ' ' + r.status + ' ' + (await r.text()); }
    catch (e) { found.apiOpaque = 'blocked: ' + e.name; }
    // A terminal from this origin: the Origin is wrong and it has no token to offer.
    found.socket = await new Promise((resolve) => {
      const ws = new WebSocket(OURS.replace('http', 'ws') + '/api/terminal', ['taller.v1']);
      ws.onopen = () => { ws.close(); resolve('open'); };
      ws.onerror = () => resolve('refused');
    });
    // A framed workshop page: framing is refused, and its storage is another origin's anyway.
    found.frame = await new Promise((resolve) => {
      const f = document.createElement('iframe');
      f.src = OURS + '/bpftrace/';
      f.onload = () => { try { resolve('read: ' + f.contentWindow.localStorage.getItem(${JSON.stringify(TOKEN_KEY)})); } catch (e) { resolve('blocked: ' + e.name); } };
      document.body.append(f);
      setTimeout(() => resolve('no load'), 5000);
    });
    await fetch('/report', { method: 'POST', body: JSON.stringify(found) });
  `;
  return `<!doctype html><html><head><meta charset="utf-8"><title>otro puerto</title></head><body><p>otro</p><script type="module">${script}</script></body></html>`;
}

before(async () => {
  await app.ready();
  other = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const line = `${req.method} ${req.url}`;
      received.push({ line, headers: req.headers as Record<string, string>, raw: `${line}\n${req.rawHeaders.join('\n')}\n\n${body}` });
      if (req.url === '/report') {
        reports.push(JSON.parse(body));
        res.writeHead(204).end();
      } else if (req.url === '/') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(probePage(app.server.origin));
      } else {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><title>otro</title>');
      }
    });
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  assert.notEqual(otherOrigin, app.server.origin);
});
after(() => {
  other?.closeAllConnections();
  other?.close();
});

const block = (id: string) => `.runnable[data-run-id="${id}"]`;

async function storedToken(page: Page): Promise<string | null> {
  return page.evaluate((key) => localStorage.getItem(key), TOKEN_KEY);
}

test('the start URL: the token goes into this origin’s localStorage, out of the address bar, and into no cookie', async () => {
  assert.equal(new URL(app.page.url()).search, '');
  assert.equal(await storedToken(app.page), app.server.token);
  assert.equal(await app.page.evaluate(() => document.cookie), '');
  assert.deepEqual(await app.ctx.cookies(), []);
  // replaceState: the history entry itself holds the clean URL, so Back and Forward never show the token.
  assert.equal(await app.page.evaluate(() => location.href), `${app.server.origin}/`);
});

test('the page sends the token only as Authorization to its own API, and offers it only as a subprotocol', async () => {
  const { page } = await openPage(app.ctx);
  const api: Array<Promise<Record<string, string>>> = [];
  page.on('request', (r) => {
    if (r.url().startsWith(`${app.server.origin}/api/`)) api.push(r.allHeaders());
  });
  const cdp = await app.ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  const handshakes: Array<{ request?: Record<string, string>; response?: Record<string, string>; raw?: string }> = [];
  cdp.on('Network.webSocketWillSendHandshakeRequest', (e) => handshakes.push({ request: e.request.headers }));
  cdp.on('Network.webSocketHandshakeResponseReceived', (e) =>
    handshakes.push({ response: e.response.headers, raw: `${e.response.headersText ?? ''}` }),
  );
  try {
    await page.goto(`${app.server.origin}/bpftrace/`);
    await page.waitForSelector(`${block('contar-syscalls')}[data-ready]`, { state: 'attached' });
    await page.goto(`${app.server.origin}/terminal/`);
    await waitForTerminal(page, '.run-terminal', /taller.*[#$] $/m);
    assert.ok(api.length >= 2, `API requests: ${api.length}`);
    for (const h of await Promise.all(api)) {
      assert.equal(h.authorization, `Bearer ${app.server.token}`);
      assert.equal(h.cookie, undefined);
    }
    const req = handshakes.find((h) => h.request)?.request ?? {};
    const res = handshakes.find((h) => h.response);
    const header = (o: Record<string, string>, name: string) =>
      Object.entries(o).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    assert.equal(header(req, 'Sec-WebSocket-Protocol'), `taller.v1, token.${app.server.token}`);
    assert.equal(header(req, 'Cookie'), undefined);
    assert.ok(res?.response, 'the handshake response was seen');
    assert.equal(header(res.response, 'Sec-WebSocket-Protocol'), 'taller.v1');
    assert.ok(!JSON.stringify(res).includes(app.server.token), `the handshake response carries the token: ${JSON.stringify(res)}`);
    assert.equal(await page.evaluate(() => document.cookie), '');
  } finally {
    await page.close();
  }
});

test('control: a cookie of the workshop’s origin does reach another port (why the token is never a cookie)', async () => {
  // In a throwaway context: the learner's own holds no cookie at all.
  const ctx = await app.browser.newContext();
  try {
    const { page } = await openPage(ctx);
    await page.goto(`${app.server.origin}/bpftrace/`);
    await page.evaluate(() => (document.cookie = 'sonda=puerto; SameSite=Strict; Path=/'));
    await page.goto(`${otherOrigin}/control`);
    // If Chromium one day binds cookies to their port, this control fails: the hole it shows is then closed.
    assert.equal(received.find((r) => r.line === 'GET /control')?.headers.cookie, 'sonda=puerto');
  } finally {
    await ctx.close();
  }
});

test('a page on another port of 127.0.0.1 receives no request carrying the token, and cannot read it', async () => {
  const { page } = await openPage(app.ctx);
  try {
    // The learner's browser holds the session, then talks to the other port in every way a cookie
    // would have followed: sub-requests from the workshop's page, a navigation from the start URL
    // itself (Referer), and the other origin's own page in another tab of the same browser.
    await page.goto(app.server.url);
    assert.equal(await storedToken(page), app.server.token);
    await page.evaluate(async (o) => {
      await fetch(`${o}/desde-el-taller`, { credentials: 'include', mode: 'no-cors' });
      await new Promise((resolve) => {
        const img = new Image();
        img.onload = img.onerror = resolve;
        img.src = `${o}/imagen`;
      });
    }, otherOrigin);
    await page.goto(app.server.url);
    await Promise.all([page.waitForURL(`${otherOrigin}/`), page.evaluate((o) => (location.href = `${o}/`), otherOrigin)]);
    await until(() => reports.length >= 1, 'the other page’s report (same tab)', 20_000);
    const { page: second } = await openPage(app.ctx);
    await second.goto(`${otherOrigin}/`);
    await until(() => reports.length >= 2, 'the other page’s report (a new tab)', 20_000);
    await second.close();

    // The other server heard from the learner's browser, and none of it carried the token.
    const lines = received.map((r) => r.line);
    for (const want of ['GET /desde-el-taller', 'GET /imagen', 'GET /', 'POST /report']) {
      assert.ok(lines.includes(want), `the other server saw ${want}: ${lines.join(', ')}`);
    }
    for (const r of received) {
      assert.ok(!r.raw.includes(app.server.token), `a request to the other port carries the token:\n${r.raw}`);
      assert.doesNotMatch(r.raw, /taller_token|taller_sesion/);
      assert.equal(r.headers.authorization, undefined);
      // The workshop's pages send no Referer: not even where the learner came from.
      assert.ok(!(r.headers.referer ?? '').startsWith(app.server.origin), `${r.line}: Referer ${r.headers.referer}`);
    }
    // And what the other origin's script could find: nothing.
    for (const found of reports) {
      assert.ok(!JSON.stringify(found).includes(app.server.token), `the other origin read the token: ${JSON.stringify(found)}`);
      assert.equal(found.cookie, '');
      assert.deepEqual(found.localStorage, {});
      assert.deepEqual(found.sessionStorage, {});
      assert.equal(found.referrer, '');
      assert.equal(found.apiRead, 'blocked: TypeError');
      assert.equal(found.apiOpaque, 'blocked: TypeError');
      assert.equal(found.socket, 'refused');
      assert.match(String(found.frame), /^(blocked: SecurityError|no load)$/);
    }
  } finally {
    await page.close();
  }
});

test('a page with a stale token (a bookmark after a restart) says in Spanish what to do, and forgets that token', async () => {
  const stale = 'x'.repeat(43);
  const ctx = await app.browser.newContext({
    storageState: { cookies: [], origins: [{ origin: app.server.origin, localStorage: [{ name: TOKEN_KEY, value: stale }] }] },
  });
  try {
    const { page, errors } = await openPage(ctx);
    await page.goto(`${app.server.origin}/bpftrace/`);
    await page.locator(`${block('contar-syscalls')} .run-btn`).click();
    await waitForTerminal(page, `${block('contar-syscalls')} .run-terminal`, /no tiene el token/);
    await page.waitForSelector(`${block('contar-syscalls')}[data-run-state="idle"]`);
    assert.equal(await storedToken(page), null, 'the refused token is forgotten');
    // The system check says the same, without asking the server.
    await page.goto(`${app.server.origin}/requisitos/`);
    await page.locator('[data-system-check-button]').click();
    await page.waitForFunction((text) => document.querySelector('[data-system-check-status]')?.textContent === text, ui['term.noToken']);
    // Opening the start URL again brings the session back, in the same tab.
    await page.goto(app.server.url);
    assert.equal(await storedToken(page), app.server.token);
    await page.goto(`${app.server.origin}/terminal/`);
    await waitForTerminal(page, '.run-terminal', /taller.*[#$] $/m);
    // The 401 of the stale token is the one expected console error.
    assert.ok(
      errors.every((e) => /401/.test(e)),
      errors.join('\n'),
    );
  } finally {
    await ctx.close();
  }
});

test('no console errors on the learner’s page', () => {
  assert.deepEqual(app.errors, []);
});
