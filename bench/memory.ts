// Server RSS idle and with open terminals (each an interactive shell), for our
// server and for wetty. RSS is sampled a few times, 200 ms apart, and the
// median kept: a single sample can fall just before or after a GC.
import { setTimeout as delay } from 'node:timers/promises';
import type { RunningServer } from '../tests/helpers/server.ts';
import { TallerTerminal } from './consumers.ts';
import { WettyTerminal, type Wetty } from './wetty.ts';
import { rssKiB } from './lib/proc.ts';
import { median } from './lib/stats.ts';

export async function settledRss(pid: number, samples = 7): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < samples; i++) {
    if (i) await delay(200);
    xs.push(rssKiB(pid));
  }
  return median(xs);
}

export interface MemoryResult {
  idleKiB: number;
  withTerminalsKiB: number;
  terminals: number;
  perTerminalKiB: number;
}

export async function memoryTaller(server: RunningServer, n: number): Promise<MemoryResult> {
  const pid = server.proc.pid!;
  const idleKiB = await settledRss(pid);
  const ts = Array.from({ length: n }, () => new TallerTerminal(server, { xterm: false }));
  try {
    await Promise.all(ts.map((t) => t.shell()));
    const withTerminalsKiB = await settledRss(pid);
    return { idleKiB, withTerminalsKiB, terminals: n, perTerminalKiB: (withTerminalsKiB - idleKiB) / n };
  } finally {
    await Promise.all(ts.map((t) => t.close()));
  }
}

export async function memoryWetty(w: Wetty, n: number): Promise<MemoryResult> {
  const pid = w.proc.pid!;
  const idleKiB = await settledRss(pid);
  const ts = Array.from({ length: n }, () => new WettyTerminal(w));
  try {
    await Promise.all(ts.map((t) => t.ready()));
    const withTerminalsKiB = await settledRss(pid);
    return { idleKiB, withTerminalsKiB, terminals: n, perTerminalKiB: (withTerminalsKiB - idleKiB) / n };
  } finally {
    ts.forEach((t) => t.close());
  }
}
