// HTTP: the API routes and the built site. Every request passes the Host check
// first; API routes also need the token as `Authorization: Bearer …` (and, for
// writes, our Origin). Pages need no token: the lessons are readable without it,
// and the page itself takes the token from the start URL (src/client/session.ts).
// No cookie is ever set or read.
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';
import { readFileSync } from 'node:fs';
import { fill } from '../../lib/messages/fill.mjs';
import { terminal } from '../../lib/messages/es/terminal.mjs';
import { TOKEN_PARAM } from '../../lib/protocol.ts';
import { checkHost, checkOrigin, checkToken, type Gate } from '../auth.ts';

export type ApiHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

export interface ApiRoute {
  method: 'GET' | 'POST';
  path: string;
  handler: ApiHandler;
}

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "frame-ancestors 'none'",
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Reads a JSON body of at most `limit` bytes; null (and a Spanish reply already sent) when it cannot. */
export function readJsonBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<unknown | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (v: unknown | null) => {
      if (!done) {
        done = true;
        resolve(v);
      }
    };
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        sendJson(res, 413, { error: fill(terminal['http.tooLarge'], { max: Math.round(limit / 1024) }) });
        req.destroy();
        finish(null);
      } else chunks.push(c);
    });
    req.on('end', () => {
      try {
        finish(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        sendJson(res, 400, { error: terminal['http.notJson'] });
        finish(null);
      }
    });
    req.on('error', () => finish(null));
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

export function createSiteHandler(getGate: () => Gate, distDir: string, routes: ApiRoute[] = []) {
  const serveStatic = sirv(distDir, { dev: false, etag: true, gzip: false, brotli: false, extensions: ['html'] });
  let notFoundHtml: string | null = null;
  const notFound = () => {
    try {
      return (notFoundHtml ??= readFileSync(`${distDir}/404.html`, 'utf8'));
    } catch {
      return `<!doctype html><html lang="es"><meta charset="utf-8"><title>${terminal['http.notFoundTitle']}</title><p>${terminal['http.notFoundPage']}</p></html>`;
    }
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const gate = getGate();
    const host = checkHost(gate, req);
    if (!host.ok) return sendText(res, host.status, host.reason);

    const url = new URL(req.url ?? '/', 'http://127.0.0.1');

    if (url.pathname.startsWith('/api/')) {
      // Reads need the token; writes also need our exact Origin.
      for (const v of [checkOrigin(gate, req, req.method !== 'GET'), checkToken(gate, req)]) {
        if (!v.ok) return sendJson(res, v.status, { error: v.reason });
      }
      const route = routes.find((r) => r.path === url.pathname);
      if (!route) return sendJson(res, 404, { error: terminal['http.unknownRoute'] });
      if (route.method !== req.method) return sendJson(res, 405, { error: terminal['http.method'] });
      Promise.resolve(route.handler(req, res, url)).catch((err: unknown) => {
        console.error(fill(terminal['http.internalLog'], { path: url.pathname }), err);
        if (!res.headersSent) sendJson(res, 500, { error: terminal['http.internal'] });
        else res.end();
      });
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, terminal['http.method']);

    // The start-up URL carries ?token=…: the page stores it and drops it from the address bar.
    // A stale one (an earlier start's) gets a Spanish answer here rather than a page that cannot
    // run anything; a page with the token in its URL is never cached.
    if (url.searchParams.has(TOKEN_PARAM)) {
      if (!gate.tokenMatches(url.searchParams.get(TOKEN_PARAM))) return sendText(res, 401, terminal['gate.tokenInUrl']);
      res.setHeader('Cache-Control', 'no-store');
    }
    serveStatic(req, res, () => {
      res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(notFound());
    });
  };
}
