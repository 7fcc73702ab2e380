// A raw WebSocket terminal client for tests: the legitimate one (the token
// offered as a subprotocol, Origin and Host right, like the page) or a hostile
// one (any of them wrong).
import WebSocket from 'ws';
import type { ServerMessage } from '../../lib/protocol.ts';
import { terminalProtocols, type RunningServer } from './server.ts';

export interface ClientOptions {
  /** The token offered as the subprotocol `token.…` beside `taller.v1`; null offers no subprotocol. */
  token?: string | null;
  /** The offered subprotocols exactly, instead of those made from `token`. */
  protocols?: string[];
  /** More request headers (a cookie, an Authorization header…). */
  headers?: Record<string, string>;
  origin?: string | null;
  host?: string;
  path?: string;
  /** Acknowledge output automatically (like xterm's write callback). */
  autoAck?: boolean;
}

export class TerminalClient {
  readonly ws: WebSocket;
  output = '';
  outputBytes = 0;
  messages: ServerMessage[] = [];
  closed: Promise<{ code: number; reason: string }>;
  opened: Promise<void>;
  private waiters: Array<() => void> = [];

  constructor(server: RunningServer, opts: ClientOptions = {}) {
    const headers: Record<string, string> = { ...opts.headers };
    const token = opts.token === undefined ? server.token : opts.token;
    const protocols = opts.protocols ?? (token === null ? [] : terminalProtocols(token));
    const origin = opts.origin === undefined ? server.origin : opts.origin;
    if (origin !== null) headers.origin = origin;
    if (opts.host) headers.host = opts.host;
    this.ws = new WebSocket(`ws://127.0.0.1:${server.port}${opts.path ?? '/api/terminal'}`, protocols, { headers });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('unexpected-response', (_req, res) =>
        reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })),
      );
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) => this.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    const autoAck = opts.autoAck ?? true;
    this.ws.on('message', (data, isBinary) => {
      if (isBinary) {
        const buf = data as Buffer;
        this.outputBytes += buf.length;
        this.output += buf.toString('utf8');
        if (autoAck) this.send({ type: 'ack', bytes: buf.length });
      } else {
        this.messages.push(JSON.parse(data.toString()));
      }
      for (const w of this.waiters.splice(0)) w();
    });
    this.ws.on('close', () => {
      for (const w of this.waiters.splice(0)) w();
    });
  }

  send(m: unknown): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(typeof m === 'string' ? m : JSON.stringify(m));
  }

  /** Resolves when `pred` holds, re-checked on every message; rejects after `timeoutMs`. */
  waitFor(pred: (c: this) => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `timed out waiting for ${what}; output so far:\n${this.output.slice(-2000)}\nmessages: ${JSON.stringify(this.messages)}`,
            ),
          ),
        timeoutMs,
      );
      const check = () => {
        if (pred(this)) {
          clearTimeout(timer);
          resolve();
        } else if (this.ws.readyState === WebSocket.CLOSED) {
          clearTimeout(timer);
          pred(this)
            ? resolve()
            : reject(
                new Error(`socket closed before ${what}; output:\n${this.output.slice(-2000)}\nmessages: ${JSON.stringify(this.messages)}`),
              );
        } else {
          this.waiters.push(check);
        }
      };
      check();
    });
  }

  exitMessage() {
    return this.messages.find((m) => m.type === 'exit');
  }
}

/**
 * A free shell whose output the test acknowledges by hand (flow-control tests): opened, its prompt seen and
 * acknowledged, closed when the test ends.
 */
export async function unacknowledgedShell(server: RunningServer, t: { after: (fn: () => void) => void }): Promise<TerminalClient> {
  const c = new TerminalClient(server, { autoAck: false });
  t.after(() => c.ws.close());
  await c.opened;
  c.send({ type: 'shell', cols: 80, rows: 24 });
  await c.waitFor((x) => x.output.includes('taller'), 'prompt');
  c.send({ type: 'ack', bytes: c.outputBytes });
  return c;
}
