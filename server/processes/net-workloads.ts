// The network workloads: known traffic inside a run's sandbox (processes/sandbox.ts), from the
// client namespace to the server one, and what came of it (outcomes the terminal shows and the
// judges read). The server side's listeners (net-peer.mjs) start with the first workload that
// needs them and end with the sandbox.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from './sandbox.ts';
import { runShort, SYSTEM_PATH } from './short-run.ts';
import { SANDBOX } from '../limits.ts';

/** One thing a workload tried, and how it went (`detail`: a count, an errno name, an answer). */
export interface WorkloadOutcome {
  action: string;
  ok: boolean;
  detail: string;
}

const PEER = fileURLToPath(new URL('./net-peer.mjs', import.meta.url));

interface Peer {
  ready: Promise<boolean>;
  udpReceived: number;
  /** Resolves the next time udpReceived reaches n (or false after the timeout). */
  waitForUdp(n: number, timeoutMs: number): Promise<boolean>;
}

const peers = new WeakMap<Sandbox, Peer>();

function startPeer(sb: Sandbox): Peer {
  const { file, args } = sb.inServerGroup(process.execPath, [
    PEER,
    'serve',
    SANDBOX.srvAddress,
    SANDBOX.tcpPorts.join(','),
    String(SANDBOX.udpPort),
  ]);
  const child: ChildProcess = spawn(file, args, { stdio: ['ignore', 'pipe', 'ignore'], env: { PATH: SYSTEM_PATH, LANG: 'C' } });
  sb.onDestroy(() => child.kill('SIGKILL'));
  const waiters: Array<{ n: number; resolve: (ok: boolean) => void }> = [];
  let resolveReady: (ok: boolean) => void = () => undefined;
  const peer: Peer = {
    ready: new Promise((r) => (resolveReady = r)),
    udpReceived: 0,
    waitForUdp(n, timeoutMs) {
      if (peer.udpReceived >= n) return Promise.resolve(true);
      return new Promise((resolve) => {
        const w = { n, resolve };
        waiters.push(w);
        setTimeout(() => {
          waiters.splice(waiters.indexOf(w) >>> 0, 1);
          resolve(false);
        }, timeoutMs);
      });
    },
  };
  const readyTimer = setTimeout(() => resolveReady(false), SANDBOX.workloadMs);
  let buf = '';
  child.stdout?.on('data', (d: Buffer) => {
    buf += d.toString();
    const lines = buf.split('\n');
    buf = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'ready') {
        clearTimeout(readyTimer);
        resolveReady(true);
      }
      const m = /^udp (\d+)$/.exec(line);
      if (m) peer.udpReceived = Number(m[1]);
    }
    for (const w of [...waiters]) if (peer.udpReceived >= w.n) (waiters.splice(waiters.indexOf(w), 1), w.resolve(true));
  });
  child.on('exit', () => {
    clearTimeout(readyTimer);
    resolveReady(false);
  });
  return peer;
}

function peerOf(sb: Sandbox): Peer {
  let p = peers.get(sb);
  if (!p) peers.set(sb, (p = startPeer(sb)));
  return p;
}

const short = (sb: Sandbox, file: string, args: string[], timeoutMs: number = SANDBOX.workloadMs) => {
  const c = sb.inClient(file, args);
  return runShort(c.file, c.args, { timeoutMs });
};

export async function pingWorkload(sb: Sandbox): Promise<WorkloadOutcome[]> {
  const r = await short(sb, 'ping', ['-n', '-c', String(SANDBOX.pings), '-i', '0.2', '-W', '1', SANDBOX.srvAddress]);
  const m = /(\d+) packets transmitted, (\d+) received/.exec(r.stdout);
  const received = m ? Number(m[2]) : 0;
  return [{ action: 'ping', ok: received > 0, detail: `${received}/${SANDBOX.pings}` }];
}

export async function tcpWorkload(sb: Sandbox): Promise<WorkloadOutcome[]> {
  await peerOf(sb).ready;
  const r = await short(sb, process.execPath, [PEER, 'tcp', SANDBOX.srvAddress, SANDBOX.tcpPorts.join(','), String(SANDBOX.netTimeoutMs)]);
  const out: WorkloadOutcome[] = [];
  for (const line of r.stdout.split('\n')) {
    try {
      const { port, ok, detail } = JSON.parse(line) as { port: number; ok: boolean; detail: string };
      out.push({ action: `tcp:${port}`, ok, detail });
    } catch {
      /* not a result line */
    }
  }
  return out.length ? out : SANDBOX.tcpPorts.map((p) => ({ action: `tcp:${p}`, ok: false, detail: r.stderr.trim() || 'ERROR' }));
}

export async function udpWorkload(sb: Sandbox): Promise<WorkloadOutcome[]> {
  const peer = peerOf(sb);
  await peer.ready;
  const before = peer.udpReceived;
  await short(sb, process.execPath, [
    PEER,
    'udp',
    SANDBOX.srvAddress,
    String(SANDBOX.udpPort),
    String(SANDBOX.udpDatagrams),
    String(SANDBOX.udpBytes),
  ]);
  await peer.waitForUdp(before + SANDBOX.udpDatagrams, SANDBOX.netTimeoutMs);
  const got = peer.udpReceived - before;
  return [{ action: `udp:${SANDBOX.udpPort}`, ok: got === SANDBOX.udpDatagrams, detail: `${got}/${SANDBOX.udpDatagrams}` }];
}
