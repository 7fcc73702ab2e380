// The gate in front of everything that can run a command: a per-start token
// (traded for an HttpOnly cookie), and exact Host and Origin allow-lists.
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { COOKIE_NAME, HINT_COOKIE } from '../lib/protocol.ts';
import { terminal } from '../lib/messages/es/terminal.mjs';

export { COOKIE_NAME, HINT_COOKIE };

export interface Gate {
  /** The token, for the start-up URL only. Never log it, never serve it. */
  readonly token: string;
  /** Host header values accepted (DNS-rebinding defence). */
  readonly hosts: ReadonlySet<string>;
  /** Origin header values accepted. */
  readonly origins: ReadonlySet<string>;
  tokenMatches(candidate: string | undefined | null): boolean;
}

/** 256 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function createGate(port: number, token = newToken(), extraHosts: string[] = []): Gate {
  const names = ['127.0.0.1', 'localhost', '[::1]', ...extraHosts];
  const hosts = new Set(names.map((h) => `${h}:${port}`));
  const origins = new Set(names.map((h) => `http://${h}:${port}`));
  const digest = (s: string) => createHash('sha256').update(s).digest();
  const want = digest(token);
  return {
    token,
    hosts,
    origins,
    tokenMatches(candidate) {
      if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 256) return false;
      // Compare fixed-length digests so that neither content nor length leaks through timing.
      return timingSafeEqual(digest(candidate), want);
    },
  };
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const k = part.slice(0, i).trim();
    const v = part.slice(i + 1).trim();
    if (!out.has(k)) out.set(k, v);
  }
  return out;
}

export function cookieHeader(token: string): string[] {
  return [`${COOKIE_NAME}=${token}; HttpOnly; SameSite=Strict; Path=/`, `${HINT_COOKIE}=1; SameSite=Strict; Path=/`];
}

export type Verdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

const OK: Verdict = { ok: true };

/** Host must be one of ours, on every request. */
export function checkHost(gate: Gate, req: IncomingMessage): Verdict {
  const host = req.headers.host;
  if (!host || !gate.hosts.has(host.toLowerCase())) {
    return { ok: false, status: 403, reason: terminal['gate.host'] };
  }
  return OK;
}

/**
 * Origin, when present, must be exactly ours. When `required` (WebSocket
 * upgrades, state-changing routes) it must also be present: `null`, other
 * ports and other hosts are refused.
 */
export function checkOrigin(gate: Gate, req: IncomingMessage, required: boolean): Verdict {
  const origin = req.headers.origin;
  if (origin === undefined) {
    return required ? { ok: false, status: 403, reason: terminal['gate.originMissing'] } : OK;
  }
  if (!gate.origins.has(origin.toLowerCase())) {
    return { ok: false, status: 403, reason: terminal['gate.origin'] };
  }
  return OK;
}

/** The session cookie must carry the token. */
export function checkToken(gate: Gate, req: IncomingMessage): Verdict {
  const value = parseCookies(req.headers.cookie).get(COOKIE_NAME);
  if (!gate.tokenMatches(value)) {
    return { ok: false, status: 401, reason: terminal['gate.token'] };
  }
  return OK;
}

/** Everything a privileged request must pass, in order. */
export function checkPrivileged(gate: Gate, req: IncomingMessage): Verdict {
  for (const v of [checkHost(gate, req), checkOrigin(gate, req, true), checkToken(gate, req)]) {
    if (!v.ok) return v;
  }
  return OK;
}
