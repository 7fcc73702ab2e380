// wetty (npm), the baseline web terminal: installed at bench time into a folder
// under the OS temp dir (never into the project), started on a free loopback
// port, and consumed by the same headless xterm over socket.io, acknowledging
// ("commit") from xterm's write callback as wetty's own page does.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { privateBase } from '../server/workspace/private-dir.mjs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { headless, Watch, type HeadlessTerminal } from './consumers.ts';

/** 3.x is the line that supports Node 20 (2.x needs node-pty 0.10, which does not build on Node 20). */
export const WETTY_VERSION = '3.2.0';
// Kept between runs in root's private folder (never at a fixed name in the shared temporary folder,
// where another user could plant the code the bench then runs as root).
export const WETTY_DIR = join(privateBase() ?? mkdtempSync(join(tmpdir(), 'taller-bench-')), `wetty-${WETTY_VERSION}`);
const MAIN = join(WETTY_DIR, 'node_modules/wetty/build/main.js');

/** Installs wetty if missing. Returns null, or the error that prevents it. */
export function ensureWetty(): string | null {
  if (existsSync(MAIN)) return null;
  try {
    execFileSync('npm', ['install', '--prefix', WETTY_DIR, `wetty@${WETTY_VERSION}`, '--no-audit', '--no-fund', '--no-save'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 10 * 60_000,
    });
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    return (err.stderr?.toString() || err.message).trim().split('\n').slice(-8).join('\n');
  }
  return existsSync(MAIN) ? null : `npm install finished but ${MAIN} is missing`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface Wetty {
  proc: ChildProcess;
  port: number;
  stop(): Promise<void>;
}

export async function startWetty(): Promise<Wetty> {
  const port = await freePort();
  const proc = spawn(
    process.execPath,
    [MAIN, '--port', String(port), '--base', '/wetty/', '--host', '127.0.0.1', '--command', 'bash', '--log-level', 'warn'],
    {
      cwd: WETTY_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  // Ready when it answers HTTP.
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`wetty exited (${proc.exitCode}):\n${out}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/wetty`);
      if (r.status < 500) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`wetty did not answer within 30 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    proc,
    port,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    },
  };
}

interface IoSocket {
  on(ev: string, cb: (...a: any[]) => void): IoSocket;
  once(ev: string, cb: (...a: any[]) => void): IoSocket;
  emit(ev: string, ...a: unknown[]): void;
  disconnect(): void;
}

/** One wetty terminal consumed by a headless xterm. */
export class WettyTerminal {
  readonly socket: IoSocket;
  readonly term: HeadlessTerminal = headless();
  bytes = 0;
  private listeners: Array<(chunk: string) => void> = [];
  readonly connected: Promise<void>;

  constructor(w: Wetty) {
    const require = createRequire(join(WETTY_DIR, 'node_modules/'));
    const { io } = require('socket.io-client') as { io: (url: string, o: object) => IoSocket };
    this.socket = io(`http://127.0.0.1:${w.port}`, { path: '/wetty/socket.io', transports: ['websocket'], reconnection: false });
    // `login` comes once wetty has spawned the pty: input sent before it is lost.
    this.connected = new Promise((resolve, reject) => {
      this.socket.once('login', () => resolve());
      this.socket.once('connect_error', reject);
    });
    this.socket.on('data', (data: string) => {
      this.bytes += data.length;
      this.term.write(data, () => {
        this.socket.emit('commit', data.length);
        for (const l of [...this.listeners]) l(data);
      });
    });
  }

  until(needle: string, timeoutMs = 120_000): Promise<number> {
    const w = new Watch(needle);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`wetty: timed out waiting for ${JSON.stringify(needle)}`)), timeoutMs);
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

  input(s: string) {
    this.socket.emit('input', s);
  }

  /** Connected, with a shell that answers. */
  async ready(): Promise<void> {
    await this.connected;
    this.socket.emit('resize', { cols: 80, rows: 24 });
    const ok = this.until('WETTY-3');
    this.input('echo WETTY-$((1+2))\n');
    await ok;
  }

  close() {
    this.socket.disconnect();
    this.term.dispose();
  }
}
