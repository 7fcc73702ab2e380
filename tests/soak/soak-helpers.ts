// What the soak suites check after many cycles: nothing left in the kernel, the
// filesystems or the process table, and the server's fds and memory as before.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import WebSocket from 'ws';
import { bpfLinks, bpffsEntries, pidsMatching, tracefsInstances, tracingProgIds, until } from '../helpers/system.ts';
import type { RunningServer } from '../helpers/server.ts';
import { TerminalClient } from '../helpers/terminal-client.ts';

/** Processes started by this server's sessions (each carries the marker `<server pid>-<n>`). */
export function sessionProcesses(server: RunningServer): number[] {
  const needle = `TALLER_EBPF_SESSION=${server.proc.pid}-`;
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (
        readFileSync(`/proc/${name}/environ`, 'latin1')
          .split('\0')
          .some((e) => e.startsWith(needle))
      )
        out.push(Number(name));
    } catch {
      /* gone */
    }
  }
  return out;
}

/** Where each open fd of the server points (sockets, pipes and anon inodes by kind). */
export function serverFds(server: RunningServer): string[] {
  const pid = server.proc.pid!;
  const out: string[] = [];
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      out.push(readlinkSync(`/proc/${pid}/fd/${fd}`).replace(/:\[\d+\]$/, ''));
    } catch {
      /* closed meanwhile */
    }
  }
  return out.sort();
}

/** Everything a run could leave behind, as one comparable value. */
export function snapshot(server: RunningServer) {
  return JSON.stringify({
    progs: tracingProgIds().join(),
    links: bpfLinks()
      .map((l) => l.id)
      .sort()
      .join(),
    pins: bpffsEntries().join(),
    instances: tracefsInstances()
      .filter((i) => i.startsWith('taller-ebpf'))
      .join(),
    runners: pidsMatching(/^\S*\/runner --json/).length,
    bpftrace: pidsMatching(/^bpftrace /).length,
    sessionProcesses: sessionProcesses(server).length,
  });
}

/** The server's fds, counted by kind (`socket`, `pipe`, `/dev/ptmx`, …). */
export function fdKinds(server: RunningServer): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of serverFds(server)) out[k] = (out[k] ?? 0) + 1;
  return out;
}

/**
 * Kinds of fd the server holds more of than in `before` (a leak grows; a connection of an earlier
 * client that finished closing since `before` makes a count smaller, which is fine).
 */
export function fdsGrown(server: RunningServer, before: Record<string, number>): string[] {
  const now = fdKinds(server);
  return Object.keys(now)
    .filter((k) => now[k] > (before[k] ?? 0))
    .map((k) => `${k}: ${before[k] ?? 0} → ${now[k]}`);
}

/** Has this bpftrace process finished attaching (a perf event with the program on it)? */
export function bpftraceAttached(): boolean {
  const [pid] = pidsMatching(/^bpftrace /);
  if (!pid) return false;
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === 'anon_inode:[perf_event]';
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

/** One run of a block, stopped with Detener once `ready` holds; resolves after the socket closed. */
export async function runAndStop(
  server: RunningServer,
  id: string,
  ready: (c: TerminalClient) => boolean | Promise<boolean>,
  what: string,
): Promise<TerminalClient> {
  const c = new TerminalClient(server);
  await c.opened;
  c.send({ type: 'run', id, cols: 100, rows: 30 });
  await c.waitFor((x) => x.messages.some((m) => m.type === 'started'), `${what}: started`);
  // `ready` may read the system (no event to wait for), so it is polled.
  await until(() => ready(c), `${what}: ready`, 20_000);
  c.send({ type: 'stop' });
  await c.waitFor((x) => !!x.exitMessage(), `${what}: exit`);
  await c.closed;
  return c;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The server's V8 inspector (start it with NODE_OPTIONS=--inspect=127.0.0.1:0): forces full garbage
 * collections, so that memory can be compared without depending on when V8 chose to collect.
 */
export class ServerInspector {
  private ws!: WebSocket;
  private id = 0;

  static async connect(server: RunningServer): Promise<ServerInspector> {
    const m = /Debugger listening on (ws:\/\/\S+)/.exec(server.output());
    if (!m) throw new Error(`the server has no inspector (NODE_OPTIONS=--inspect=127.0.0.1:0):\n${server.output()}`);
    const i = new ServerInspector();
    i.ws = new WebSocket(m[1]);
    await new Promise((resolve, reject) => {
      i.ws.once('open', resolve);
      i.ws.once('error', reject);
    });
    await i.call('HeapProfiler.enable');
    return i;
  }

  call(method: string, params: object = {}): Promise<any> {
    const id = ++this.id;
    return new Promise((resolve, reject) => {
      const onMessage = (d: WebSocket.RawData) => {
        const msg = JSON.parse(d.toString());
        if (msg.id !== id) return;
        this.ws.off('message', onMessage);
        msg.error ? reject(new Error(`${method}: ${msg.error.message}`)) : resolve(msg.result);
      };
      this.ws.on('message', onMessage);
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /** A full GC, then the server's RSS and V8 heap in use, in KiB. */
  async settled(server: RunningServer, rss: (pid: number) => number): Promise<{ rssKiB: number; heapKiB: number }> {
    await this.call('HeapProfiler.collectGarbage');
    const h = await this.call('Runtime.getHeapUsage');
    return { rssKiB: rss(server.proc.pid!), heapKiB: Math.round(h.usedSize / 1024) };
  }

  close() {
    this.ws.close();
  }
}
