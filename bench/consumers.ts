// Terminal consumers for the throughput, latency and memory measures: a
// headless xterm fed from our WebSocket (acknowledging from its write callback,
// exactly as the page does), the same fed from a plain node-pty (the ceiling),
// and a byte counter on a plain pty (the raw ceiling, no terminal emulation).
import WebSocket from 'ws';
import * as pty from '@lydell/node-pty';
import xtermHeadless from '@xterm/headless';
import { performance } from 'node:perf_hooks';
import { terminalProtocols, type RunningServer } from '../tests/helpers/server.ts';

const { Terminal } = xtermHeadless as unknown as typeof import('@xterm/headless');
export type HeadlessTerminal = InstanceType<typeof Terminal>;

export function headless(cols = 80, rows = 24): HeadlessTerminal {
  // The page's scrollback (src/client/terminal.ts).
  return new Terminal({ cols, rows, scrollback: 5000, allowProposedApi: true });
}

/** Finds `needle` in a stream without keeping it: the tail of the previous chunk is kept. */
export class Watch {
  private tail = '';
  constructor(private readonly needle: string) {}
  push(chunk: string): boolean {
    const s = this.tail + chunk;
    const hit = s.includes(this.needle);
    this.tail = s.slice(-this.needle.length);
    return hit;
  }
}

/** The stream every throughput measure uses, ended by a mark that its own echo does not contain. */
export const STREAM_BYTES = 80_000_000;
export const STREAM_CMD = `head -c ${STREAM_BYTES} /dev/zero | tr '\\0' x; echo; echo FIN-$((40+2))`;
export const STREAM_END = 'FIN-42';

/** A terminal session on our server, consumed by a headless xterm that acknowledges from its write callback. */
export class TallerTerminal {
  readonly ws: WebSocket;
  readonly term: HeadlessTerminal | null;
  bytes = 0;
  messages: Array<{ type: string; [k: string]: unknown }> = [];
  opened: Promise<void>;
  closed: Promise<number>;
  private listeners: Array<(chunk: string) => void> = [];

  constructor(server: RunningServer, opts: { xterm?: boolean } = {}) {
    this.term = opts.xterm === false ? null : headless();
    this.ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/terminal`, terminalProtocols(server.token), {
      headers: { origin: server.origin },
    });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) => this.ws.once('close', (code) => resolve(code)));
    this.ws.on('message', (data, isBinary) => {
      if (!isBinary) {
        this.messages.push(JSON.parse(data.toString()));
        return;
      }
      const buf = data as Buffer;
      this.bytes += buf.length;
      const text = buf.toString('latin1');
      const ack = () => this.ws.readyState === WebSocket.OPEN && this.ws.send(JSON.stringify({ type: 'ack', bytes: buf.length }));
      if (this.term) {
        // The listeners see a chunk once xterm has parsed it: what the learner would see.
        this.term.write(buf, () => {
          ack();
          for (const l of [...this.listeners]) l(text);
        });
      } else {
        ack();
        for (const l of [...this.listeners]) l(text);
      }
    });
  }

  send(m: unknown) {
    this.ws.send(JSON.stringify(m));
  }

  /** Resolves with performance.now() when `needle` has been parsed, searching only output after this call. */
  until(needle: string, timeoutMs = 120_000): Promise<number> {
    const w = new Watch(needle);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${JSON.stringify(needle)}`)), timeoutMs);
      const l = (chunk: string) => {
        if (w.push(chunk)) {
          clearTimeout(timer);
          this.listeners.splice(this.listeners.indexOf(l), 1);
          resolve(performance.now());
        }
      };
      this.listeners.push(l);
    });
  }

  /** Resolves once `n` more bytes have been parsed. */
  untilBytes(n: number, timeoutMs = 60_000): Promise<void> {
    const target = this.bytes + n;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${n} bytes`)), timeoutMs);
      const l = () => {
        if (this.bytes >= target) {
          clearTimeout(timer);
          this.listeners.splice(this.listeners.indexOf(l), 1);
          resolve();
        }
      };
      this.listeners.push(l);
    });
  }

  input(data: string) {
    this.send({ type: 'input', data });
  }

  async shell(): Promise<void> {
    await this.opened;
    const prompt = this.until('taller');
    this.send({ type: 'shell', cols: 80, rows: 24 });
    await prompt;
  }

  async close(): Promise<void> {
    if (this.ws.readyState !== WebSocket.CLOSED) {
      this.ws.close();
      await this.closed;
    }
    this.term?.dispose();
  }
}

/**
 * Flow control between a local pty and xterm, as the xterm.js guide describes it: pause the pty while
 * more than HIGH bytes wait to be parsed, resume below LOW. (Pausing on every chunk instead would measure
 * the pause/resume round trips, not the terminal.) wetty's values.
 */
class Watermarks {
  private pending = 0;
  private paused = false;
  constructor(
    private readonly p: { pause(): void; resume(): void },
    private readonly high = 2_097_152,
    private readonly low = 524_288,
  ) {}
  wrote(n: number) {
    this.pending += n;
    if (!this.paused && this.pending > this.high) {
      this.paused = true;
      this.p.pause();
    }
  }
  parsed(n: number) {
    this.pending -= n;
    if (this.paused && this.pending < this.low) {
      this.paused = false;
      this.p.resume();
    }
  }
}

/** A plain node-pty (80×24, binary output, the bench's environment): the baseline every comparison uses. */
export function plainPty(file: string, args: string[]): pty.IPty {
  return pty.spawn(file, args, {
    name: 'xterm-256color',
    cols: 80,
    rows: 24,
    cwd: '/',
    env: process.env as Record<string, string>,
    encoding: null,
  } as pty.IPtyForkOptions);
}

/** A plain node-pty running a shell command; output either counted (raw) or fed to a headless xterm. */
export async function plainPtyStream(cmd: string, end: string, withXterm: boolean): Promise<{ ms: number; bytes: number }> {
  const term = withXterm ? headless() : null;
  // `sleep` keeps the pty open until the end mark has been read (closing it early can drop output).
  const p = plainPty('/bin/sh', ['-c', `${cmd}; sleep 30`]);
  const w = new Watch(end);
  const flow = new Watermarks(p);
  let bytes = 0;
  const t0 = performance.now();
  const ms = await new Promise<number>((resolve, reject) => {
    let done = false;
    p.onData((d) => {
      const buf = d as unknown as Buffer;
      bytes += buf.length;
      if (term) {
        flow.wrote(buf.length);
        term.write(buf, () => {
          flow.parsed(buf.length);
          if (!done && w.push(buf.toString('latin1'))) {
            done = true;
            resolve(performance.now() - t0);
          }
        });
      } else if (!done && w.push(buf.toString('latin1'))) {
        done = true;
        resolve(performance.now() - t0);
      }
    });
    p.onExit(() => setImmediate(() => !done && reject(new Error(`pty exited before ${end} (${bytes} bytes)`))));
  });
  p.kill();
  term?.dispose();
  return { ms, bytes };
}

/** A plain node-pty (no server, no network) read by a headless xterm, with xterm.js's recommended flow control. */
export class PtyTerminal {
  readonly term = headless();
  readonly proc: pty.IPty;
  bytes = 0;
  private listeners: Array<(chunk: string) => void> = [];
  readonly exited: Promise<void>;
  private readonly flow: Watermarks;

  constructor(file: string, args: string[], env: Record<string, string> = {}) {
    this.proc = pty.spawn(file, args, {
      name: 'xterm-256color',
      cols: 80,
      rows: 24,
      cwd: '/',
      env: { ...(process.env as Record<string, string>), ...env },
      encoding: null,
    } as pty.IPtyForkOptions);
    this.exited = new Promise((resolve) => this.proc.onExit(() => resolve()));
    this.flow = new Watermarks(this.proc);
    this.proc.onData((d) => {
      const buf = d as unknown as Buffer;
      this.bytes += buf.length;
      const text = buf.toString('latin1');
      this.flow.wrote(buf.length);
      this.term.write(buf, () => {
        this.flow.parsed(buf.length);
        for (const l of [...this.listeners]) l(text);
      });
    });
  }

  until(needle: string, timeoutMs = 60_000): Promise<number> {
    const w = new Watch(needle);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`pty: timed out waiting for ${JSON.stringify(needle)}`)), timeoutMs);
      const l = (chunk: string) => {
        if (w.push(chunk)) {
          clearTimeout(timer);
          this.listeners.splice(this.listeners.indexOf(l), 1);
          resolve(performance.now());
        }
      };
      this.listeners.push(l);
    });
  }

  untilBytes(n: number): Promise<void> {
    const target = this.bytes + n;
    return new Promise((resolve) => {
      const l = () => {
        if (this.bytes >= target) {
          this.listeners.splice(this.listeners.indexOf(l), 1);
          resolve();
        }
      };
      this.listeners.push(l);
    });
  }

  input(data: string) {
    this.proc.write(data);
  }

  async close() {
    this.proc.kill('SIGKILL');
    await this.exited;
    this.term.dispose();
  }
}
