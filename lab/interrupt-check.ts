// Proves that an interrupted lab leaves nothing behind: runs the lab on one
// environment, sends it SIGINT once the environment is really up (the suite
// started in the chroot, or the guest booted), and compares what the machine
// holds before and after: cgroups, mounts, qemu and suite processes, run
// folders, the kernel's BPF programs, links and pins, and sandbox namespaces.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cgroup2Root } from '../server/processes/cgroup.ts';
import { bpfLinks, bpffsEntries, pidsMatching, tracingProgIds } from '../tests/helpers/system.ts';
import { cacheDir } from './cache.ts';
import { ourNamespaces } from '../server/processes/sandbox.ts';

const ROOT = join(import.meta.dirname, '..');

/** What an interrupted run could leave on the machine. */
export function machineState(): string[] {
  const cg = cgroup2Root();
  const runs = cacheDir('runs');
  return [
    ...(cg ? readdirSync(cg).filter((d) => d.startsWith('taller-lab-')) : []).map((d) => `cgroup ${d}`),
    ...readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[4])
      .filter((m) => m?.includes('/taller-ebpf/lab/'))
      .map((m) => `mount ${m}`),
    ...readdirSync(runs).map((d) => `run folder ${d}`),
    ...pidsMatching(/qemu-system|lab\/suite\.ts|server\/main\.ts|runner --json|^bpftrace /).map((p) => `process ${p}`),
    ...tracingProgIds().map((id) => `prog ${id}`),
    ...bpfLinks().map((l) => `link ${l.id}`),
    ...bpffsEntries().map((p) => `pin ${p}`),
    ...ourNamespaces().map((n) => `netns ${n}`),
  ].sort();
}

/** Interrupts `lab/run.ts <env>` when a console line matches `ready`; resolves with what was left. */
export async function interruptAt(
  env: string,
  ready: RegExp,
  timeoutMs = 300_000,
): Promise<{ left: string[]; code: number | null; saw: boolean }> {
  const before = new Set(machineState());
  const p = spawn(process.execPath, ['--import', 'tsx', 'lab/run.ts', env, '--no-report'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let saw = false;
  const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
  const onData = (d: Buffer) => {
    out += d.toString();
    if (!saw && ready.test(out)) {
      saw = true;
      p.kill('SIGINT');
    }
  };
  p.stdout!.on('data', onData);
  p.stderr!.on('data', onData);
  const code = await new Promise<number | null>((resolve) => p.on('exit', (c) => resolve(c)));
  clearTimeout(timer);
  const left = machineState().filter((s) => !before.has(s));
  if (!saw) left.push(`(never reached ${ready}; output: ${out.slice(-1500)})`);
  return { left, code, saw };
}

/** The two kinds of environment that make things on the host: a chroot and a guest. */
export async function interruptChecks(say: (s: string) => void): Promise<number> {
  let failures = 0;
  for (const [env, ready] of [
    ['B', /\| \[lab B\] doctor:/],
    ['D', /lab-guest: up/],
  ] as const) {
    const r = await interruptAt(env, ready);
    const ok = r.saw && r.code === 130 && r.left.length === 0;
    if (!ok) failures++;
    say(`interrupt check ${env}: ${ok ? 'nothing left behind' : `FAILED (exit ${r.code}): ${r.left.join(', ')}`}`);
  }
  return failures;
}
