// Boots a Debian kernel under qemu (TCG: the nested KVM here cannot run these
// guests) over a 9p root, runs one command in it and powers off. No network,
// no disk: the userland is shared read-only, the project copy read-write.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { KernelImage, UserlandImage } from './images.ts';
import { LabError } from './apt.ts';

export interface GuestRun {
  /** Seconds from qemu's start to the guest init's first line. */
  bootSeconds: number | null;
  /** The command's exit status, or null when it never reported one (crash, timeout). */
  status: number | null;
  console: string;
}

/** Every qemu this process started, so that an interruption can stop them. */
export const running = new Set<ChildProcess>();

export function qemuArgs(kernel: KernelImage, userland: UserlandImage, work: string): string[] {
  const share = (path: string, tag: string, ro: boolean) => [
    '-virtfs',
    `local,path=${path},mount_tag=${tag},security_model=none,multidevs=remap${ro ? ',readonly=on' : ''}`,
  ];
  return [
    '-accel',
    // One TCG thread: with multi-threaded TCG, Node's loader thread (tsx) on Debian 12's kernel reads
    // corrupted modules now and then (parse errors at random offsets, segfaults: 3 runs in 12); with
    // one thread, none in 6, and the suite is no slower on 2 host cores.
    'tcg,thread=single',
    '-cpu',
    // Without protection keys (V8 uses them for WebAssembly when present): the combination measured
    // stable above; the lessons do not depend on them.
    'max,pku=off',
    '-m',
    '3G',
    '-smp',
    '2',
    '-nic',
    'none',
    '-no-reboot',
    '-display',
    'none',
    '-monitor',
    'none',
    '-serial',
    'stdio',
    '-kernel',
    kernel.vmlinuz,
    '-initrd',
    kernel.initrd,
    '-append',
    'console=ttyS0 panic=-1 rdinit=/init quiet loglevel=3',
    ...share(userland.root, 'root', true),
    ...share(work, 'work', false),
    ...share(kernel.modules, 'modules', true),
    ...share(kernel.boot, 'boot', true),
  ];
}

/**
 * Runs `command` (a shell script, in /taller = `work`) in a guest; `onLine` sees the console as it
 * comes. Kills the guest after `timeoutMs`.
 */
export function runGuest(
  kernel: KernelImage,
  userland: UserlandImage,
  work: string,
  command: string,
  timeoutMs: number,
  onLine: (line: string) => void = () => {},
): Promise<GuestRun> {
  const lab = join(work, '.lab');
  rmSync(lab, { recursive: true, force: true });
  mkdirSync(lab);
  writeFileSync(join(lab, 'command'), command);
  const started = Date.now();
  const q = spawn('qemu-system-x86_64', qemuArgs(kernel, userland, work), { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(q);
  let out = '';
  let pending = '';
  let bootSeconds: number | null = null;
  const take = (d: Buffer) => {
    const s = d.toString('utf8');
    out += s;
    pending += s;
    let nl;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl).replace(/\r$/, '');
      pending = pending.slice(nl + 1);
      if (bootSeconds === null && line.startsWith('lab-guest: up')) bootSeconds = (Date.now() - started) / 1000;
      onLine(line);
    }
  };
  q.stdout!.on('data', take);
  q.stderr!.on('data', take);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => q.kill('SIGKILL'), timeoutMs);
    q.on('error', (err) => {
      clearTimeout(timer);
      running.delete(q);
      reject(new LabError(`qemu-system-x86_64 could not start: ${err.message}`));
    });
    q.on('exit', () => {
      clearTimeout(timer);
      running.delete(q);
      const statusFile = join(lab, 'status');
      const status = existsSync(statusFile) ? Number(readFileSync(statusFile, 'utf8').trim()) : null;
      resolve({ bootSeconds, status, console: out });
    });
  });
}
