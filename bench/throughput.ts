// 80 MB through each path, read by a headless xterm that acknowledges from its
// write callback; server CPU (utime+stime from /proc) and peak RSS (VmHWM,
// reset through clear_refs before each run) of the server process.
import { performance } from 'node:perf_hooks';
import type { RunningServer } from '../tests/helpers/server.ts';
import { STREAM_BYTES, STREAM_CMD, STREAM_END, TallerTerminal, plainPtyStream } from './consumers.ts';
import { WettyTerminal, type Wetty } from './wetty.ts';
import { cpuMs, peakRssKiB, resetPeakRss, rssKiB } from './lib/proc.ts';

export interface StreamRun {
  /** MB/s (10^6 bytes) of the stream, from sending the command to the end mark parsed by the consumer. */
  mbps: number;
  ms: number;
  /** Server CPU time spent during the run. */
  cpuMs?: number;
  /** Server peak RSS during the run, and its RSS just before. */
  peakKiB?: number;
  startKiB?: number;
}

function serverSide(pid: number) {
  // After the reset, VmHWM is the RSS of that moment: the start of the run.
  const peakOk = resetPeakRss(pid);
  const startKiB = peakOk ? peakRssKiB(pid) : rssKiB(pid);
  const cpu0 = cpuMs(pid);
  return () => ({ cpuMs: cpuMs(pid) - cpu0, peakKiB: peakOk ? peakRssKiB(pid) : NaN, startKiB });
}

const mbps = (ms: number) => STREAM_BYTES / 1e6 / (ms / 1000);

export async function streamTaller(server: RunningServer, xterm: boolean): Promise<StreamRun> {
  const t = new TallerTerminal(server, { xterm });
  try {
    await t.shell();
    const done = t.until(STREAM_END);
    const side = serverSide(server.proc.pid!);
    const t0 = performance.now();
    t.input(`${STREAM_CMD}\n`);
    const ms = (await done) - t0;
    return { mbps: mbps(ms), ms, ...side() };
  } finally {
    await t.close();
  }
}

export async function streamWetty(w: Wetty): Promise<StreamRun> {
  const t = new WettyTerminal(w);
  try {
    await t.ready();
    const done = t.until(STREAM_END);
    const side = serverSide(w.proc.pid!);
    const t0 = performance.now();
    t.input(`${STREAM_CMD}\n`);
    const ms = (await done) - t0;
    return { mbps: mbps(ms), ms, ...side() };
  } finally {
    t.close();
  }
}

export async function streamPlainPty(xterm: boolean): Promise<StreamRun> {
  const { ms } = await plainPtyStream(STREAM_CMD, STREAM_END, xterm);
  return { mbps: mbps(ms), ms };
}
