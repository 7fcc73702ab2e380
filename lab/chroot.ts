// Runs a command in a userland on the host kernel (environment B): a plain
// chroot, as a learner would make one, inside a private mount namespace (every
// mount it makes goes away with it) and a cgroup of its own (every process it
// starts is killed with it, even when the lab itself is interrupted).
// No PID namespace: BPF programs see the host's PIDs, and so must the workloads.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { LabError } from './apt.ts';
import { cgroup2Root } from '../server/processes/cgroup.ts';

const GUEST_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The cgroups of the chroots now running. */
export const chroots = new Set<string>();

/**
 * The mounts, in order: the userland read-only, the project copy at /taller, proc, the host's /sys
 * and /dev (rslave: nothing mounted inside propagates back), tmpfs where the workshop writes.
 */
function mountScript(root: string, mnt: string, project: string): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return [
    'set -e',
    `mount --bind ${q(root)} ${q(mnt)}`,
    `mount -o remount,bind,ro ${q(mnt)}`,
    `mount --bind ${q(project)} ${q(mnt)}/taller`,
    `mount -t proc proc ${q(mnt)}/proc`,
    `mount --rbind /sys ${q(mnt)}/sys`,
    `mount --make-rslave ${q(mnt)}/sys`,
    `mount --rbind /dev ${q(mnt)}/dev`,
    `mount --make-rslave ${q(mnt)}/dev`,
    ...['run', 'tmp', 'root', 'var/tmp', 'var/cache'].map(
      (d) => `mount -t tmpfs -o mode=${d.endsWith('tmp') ? '1777' : '0755'} tmpfs ${q(mnt)}/${d}`,
    ),
    `exec chroot ${q(mnt)} /usr/bin/env -i PATH=${GUEST_PATH} HOME=/root LANG=C.UTF-8 TERM=dumb TSX_DISABLE_CACHE=1 /bin/sh -c "cd /taller && $0"`,
  ].join('\n');
}

/** Kills everything in a chroot's cgroup and removes it. */
export async function killChroot(cgroup: string): Promise<void> {
  if (!existsSync(cgroup)) return;
  try {
    writeFileSync(join(cgroup, 'cgroup.kill'), '1');
  } catch {
    /* already empty */
  }
  // cgroup.events says when the last process is gone (no event to wait for from here: re-read it).
  for (let i = 0; i < 200 && /populated 1/.test(readFileSync(join(cgroup, 'cgroup.events'), 'utf8')); i++) await delay(25);
  try {
    rmdirSync(cgroup);
  } catch (err) {
    throw new LabError(`could not remove the chroot's cgroup ${cgroup}: ${(err as Error).message}`);
  }
  chroots.delete(cgroup);
}

let count = 0;

/** Runs `command` (a shell line, in /taller) in the userland at `root`; resolves with its exit status. */
export async function runChroot(
  root: string,
  project: string,
  runDir: string,
  command: string,
  onLine: (l: string) => void,
): Promise<number> {
  const n = count++;
  const mnt = join(runDir, `mnt-${n}`);
  mkdirSync(mnt, { recursive: true });
  const base = cgroup2Root();
  if (!base) throw new LabError('no cgroup2 hierarchy mounted: the lab needs one to stop a chroot and everything it started');
  const cgroup = join(base, `taller-lab-${process.pid}-${n}`);
  mkdirSync(cgroup);
  chroots.add(cgroup);
  // The shell joins the cgroup before it starts anything, so no process can escape it.
  const p: ChildProcess = spawn(
    '/bin/sh',
    [
      '-c',
      'echo $$ > "$1/cgroup.procs" && exec unshare --mount --propagation private -- /bin/sh -c "$2" "$3"',
      'lab-chroot',
      cgroup,
      mountScript(root, mnt, project),
      command,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let pending = '';
  const take = (d: Buffer) => {
    pending += d.toString('utf8');
    let nl;
    while ((nl = pending.indexOf('\n')) >= 0) {
      onLine(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
    }
  };
  p.stdout!.on('data', take);
  p.stderr!.on('data', take);
  const status = await new Promise<number>((resolve, reject) => {
    p.on('error', (err) => reject(new LabError(`could not start the chroot: ${err.message}`)));
    p.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  if (pending) onLine(pending);
  await killChroot(cgroup);
  return status;
}
