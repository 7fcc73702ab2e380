// The gate in front of everything that can run a command: a per-start token,
// and exact Host and Origin allow-lists.
//
// The token is never an ambient credential. Browsers send cookies to every port
// of a host, so a cookie set by 127.0.0.1:4321 would reach any other local
// user's server on 127.0.0.1:<other port>. The page keeps the token in its own
// origin's storage and sends it explicitly: `Authorization: Bearer <token>` on
// API requests, and the offered WebSocket subprotocol `token.<token>` beside
// `taller.v1` on terminal upgrades (a browser cannot set headers there). The
// server reads no cookie and sets none.
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TERMINAL_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../lib/protocol.ts';
import { terminal } from '../lib/messages/es/terminal.mjs';

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

/** The token of an `Authorization: Bearer <token>` header; null when there is none or it has another form. */
export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return m ? m[1] : null;
}

/** The subprotocols offered in a `Sec-WebSocket-Protocol` header, in order. */
export function offeredProtocols(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/**
 * The token offered in a terminal upgrade: the one `token.<token>` subprotocol, offered beside
 * {@link TERMINAL_PROTOCOL} (the one the server echoes). Null when either is missing or the
 * token is offered more than once.
 */
export function protocolToken(header: string | undefined): string | null {
  const offered = offeredProtocols(header);
  if (!offered.includes(TERMINAL_PROTOCOL)) return null;
  const tokens = offered.filter((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX));
  return tokens.length === 1 ? tokens[0].slice(TOKEN_PROTOCOL_PREFIX.length) : null;
}

/** What the server answers to the offered subprotocols: only ever the fixed one, never the token. */
export function chooseProtocol(offered: Iterable<string>): string | false {
  return [...offered].includes(TERMINAL_PROTOCOL) ? TERMINAL_PROTOCOL : false;
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

function tokenVerdict(gate: Gate, candidate: string | null): Verdict {
  return gate.tokenMatches(candidate) ? OK : { ok: false, status: 401, reason: terminal['gate.token'] };
}

/** API requests: `Authorization: Bearer <token>`. Cookies are never read. */
export function checkToken(gate: Gate, req: IncomingMessage): Verdict {
  return tokenVerdict(gate, bearerToken(req.headers.authorization));
}

/** Terminal upgrades: the token offered as the subprotocol `token.<token>` beside `taller.v1`. */
export function checkSocketToken(gate: Gate, req: IncomingMessage): Verdict {
  return tokenVerdict(gate, protocolToken(req.headers['sec-websocket-protocol']));
}

/** Everything a terminal upgrade must pass, in order. */
export function checkUpgrade(gate: Gate, req: IncomingMessage): Verdict {
  for (const v of [checkHost(gate, req), checkOrigin(gate, req, true), checkSocketToken(gate, req)]) {
    if (!v.ok) return v;
  }
  return OK;
}
