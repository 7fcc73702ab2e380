// Real local accounts for privilege and attack tests: created with useradd,
// optionally with passwordless sudo (a sudoers.d entry), removed with their home.
// A copy of this checkout, owned by the account, is where it runs the workshop.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface Account {
  name: string;
  uid: number;
  gid: number;
  home: string;
  /** Runs a command as the account, with a login-like environment (no supplementary groups). */
  spawn(cmd: string, args: string[], opts?: { cwd?: string; env?: Record<string, string>; detached?: boolean }): ChildProcess;
  /** Runs a command as the account and waits: its exit status and output. */
  run(cmd: string, args: string[], opts?: { cwd?: string; env?: Record<string, string> }): { status: number | null; out: string };
  remove(): void;
}

const NODE_BIN = dirname(process.execPath);

/**
 * `sudo: true`: passwordless sudo (a sudoers.d entry). `password`: the account gets this password and joins the
 * `sudo` group, so sudo asks for it (Debian's default rule for that group).
 */
export function createAccount(opts: { sudo: boolean; password?: string }): Account {
  const name = `tt${randomBytes(3).toString('hex')}`;
  execFileSync('useradd', ['--create-home', '--shell', '/bin/bash', '--user-group', ...(opts.password ? ['--groups', 'sudo'] : []), name]);
  if (opts.password) execFileSync('chpasswd', { input: `${name}:${opts.password}\n` });
  const sudoers = `/etc/sudoers.d/taller-test-${name}`;
  if (opts.sudo) writeFileSync(sudoers, `${name} ALL=(ALL:ALL) NOPASSWD: ALL\n`, { mode: 0o440 });
  const [uid, gid] = execFileSync('id', ['-u', name])
    .toString()
    .trim()
    .split('\n')
    .concat(execFileSync('id', ['-g', name]).toString().trim())
    .map(Number);
  const home = execFileSync('getent', ['passwd', name]).toString().split(':')[5];
  const baseEnv = (extra: Record<string, string> = {}) => ({
    HOME: home,
    USER: name,
    LOGNAME: name,
    PATH: `${NODE_BIN}:/usr/local/bin:/usr/bin:/bin`,
    LANG: 'C.UTF-8',
    ...extra,
  });
  return {
    name,
    uid,
    gid,
    home,
    spawn: (cmd, args, o = {}) =>
      spawn(cmd, args, { cwd: o.cwd ?? home, env: baseEnv(o.env), uid, gid, detached: o.detached, stdio: ['ignore', 'pipe', 'pipe'] }),
    run(cmd, args, o = {}) {
      const r = spawnSync(cmd, args, { cwd: o.cwd ?? home, env: baseEnv(o.env), uid, gid, encoding: 'utf8', timeout: 180_000 });
      return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
    },
    remove() {
      rmSync(sudoers, { force: true });
      spawnSync('pkill', ['-KILL', '-u', name]);
      spawnSync('userdel', ['--remove', name], { stdio: 'ignore' });
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/**
 * A copy of this checkout in the account's home, owned by it: the files git
 * knows (tracked and new), plus what `with` names (node_modules, dist, bpf/.output)
 * so that a test does not pay for steps it is not about.
 */
export function copyCheckout(account: Account, withDirs: string[] = []): string {
  const dest = join(account.home, 'taller-ebpf');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'])
    .toString()
    .split('\0')
    .filter(Boolean);
  for (const f of files) {
    if (!existsSync(f)) continue; // deleted, not yet committed
    mkdirSync(join(dest, dirname(f)), { recursive: true });
    cpSync(f, join(dest, f), { preserveTimestamps: true });
  }
  for (const d of withDirs)
    if (existsSync(d)) cpSync(d, join(dest, d), { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
  execFileSync('chown', ['-R', `${account.uid}:${account.gid}`, dest]);
  return dest;
}

/** Paths under `dir` owned by root (find -uid 0). */
export function rootOwned(dir: string): string[] {
  return execFileSync('find', [dir, '-uid', '0']).toString().split('\n').filter(Boolean);
}
