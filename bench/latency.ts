// Detener during `yes`, and keystroke echo during a flood, for our server, a
// plain pty and wetty. Every terminal is read by a headless xterm; times run
// from sending the message to the moment xterm has parsed the answer.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { RunningServer } from '../tests/helpers/server.ts';
import { PtyTerminal, TallerTerminal } from './consumers.ts';
import { WettyTerminal, type Wetty } from './wetty.ts';

interface Term {
  until(needle: string, timeoutMs?: number): Promise<number>;
  untilBytes(n: number): Promise<void>;
  input(s: string): void;
}

/** Starts `yes`, lets 1 MB through, then `interrupt()`; ms until `prompt` is parsed. */
async function interruptFlood(t: Term, prompt: string, interrupt: () => void): Promise<number> {
  t.input('yes\n');
  await t.untilBytes(1_000_000);
  const back = t.until(prompt, 10_000);
  const t0 = performance.now();
  interrupt();
  return (await back) - t0;
}

export async function detenerTaller(server: RunningServer, how: 'stop' | 'ctrl-c'): Promise<number> {
  const t = new TallerTerminal(server);
  try {
    await t.shell();
    return await interruptFlood(t, 'taller', () => (how === 'stop' ? t.send({ type: 'stop' }) : t.input('\x03')));
  } finally {
    await t.close();
  }
}

export async function ctrlCPlainPty(): Promise<number> {
  const t = new PtyTerminal('/bin/bash', ['--noprofile', '--norc', '-i'], { PS1: 'PLAIN> ' });
  try {
    await t.until('PLAIN>');
    return await interruptFlood(t, 'PLAIN>', () => t.input('\x03'));
  } finally {
    await t.close();
  }
}

export async function ctrlCWetty(w: Wetty): Promise<number> {
  const t = new WettyTerminal(w);
  try {
    await t.ready();
    const ok = t.until('WETTYP>');
    t.input("PS1='WETTY''P> '\n");
    await ok;
    return await interruptFlood(t, 'WETTYP>', () => t.input('\x03'));
  } finally {
    t.close();
  }
}

const KEYS = 'abcdefghijklmnopqrstuvwxyz';

/** `n` keystrokes into `cat >/dev/null` (echo by the tty): ms from sending each key to its echo being parsed. */
async function echoTimes(t: Term, n: number, warmup = 20): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < warmup + n; i++) {
    const key = KEYS[i % KEYS.length];
    const echoed = t.until(key, 10_000);
    const t0 = performance.now();
    t.input(key);
    const ms = (await echoed) - t0;
    if (i >= warmup) out.push(ms);
  }
  return out;
}

/** A flooding terminal in another process (bench/flood-client.ts); resolves once the flood runs. */
async function startFlood(args: string[]): Promise<{ stop: () => Promise<number> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./flood-client.ts', import.meta.url).pathname, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('flooding')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`flood client exited (${code}): ${out}`)));
  });
  return {
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      return Number(/bytes (\d+)/.exec(out)?.[1] ?? NaN);
    },
  };
}

export interface EchoResult {
  idle: number[];
  flood: number[];
  /** Bytes the flooding terminal received while the echo was measured. */
  floodBytes: number;
}

async function echoWithFlood(t: Term, floodArgs: string[], n: number): Promise<EchoResult> {
  const ready = t.until('CAT-4');
  t.input('echo CAT-$((2+2)); exec cat >/dev/null\n');
  await ready;
  const idle = await echoTimes(t, n);
  const flood = await startFlood(floodArgs);
  let flooded: number[] = [];
  let floodBytes = NaN;
  try {
    flooded = await echoTimes(t, n);
  } finally {
    floodBytes = await flood.stop();
  }
  return { idle, flood: flooded, floodBytes };
}

export async function echoTaller(server: RunningServer, n: number): Promise<EchoResult> {
  const t = new TallerTerminal(server);
  try {
    await t.shell();
    return await echoWithFlood(t, ['taller', String(server.port), server.token], n);
  } finally {
    await t.close();
  }
}

export async function echoPlainPty(n: number): Promise<EchoResult> {
  const t = new PtyTerminal('/bin/sh', []);
  try {
    return await echoWithFlood(t, ['pty'], n);
  } finally {
    await t.close();
  }
}

export async function echoWetty(w: Wetty, n: number): Promise<EchoResult> {
  const t = new WettyTerminal(w);
  try {
    await t.ready();
    return await echoWithFlood(t, ['wetty', String(w.port)], n);
  } finally {
    t.close();
  }
}
