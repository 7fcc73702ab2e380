// The sandbox of a networking or enforcement run: two network namespaces joined by a veth
// pair made inside them (the xdp-tutorial testenv shape; never an interface of the host's),
// and a cgroup of ours for the processes the run starts. Named after this server and the
// run, so that two runs never collide and a dead server's are recognised at the next start.
// Removed when the run ends (Detener, closed tab, timeout), at exit, and at the next start
// after a crash. The learner's interfaces, routes, firewall and cgroups are never touched.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CgroupPool, SessionCgroup } from './cgroup.ts';
import type { CommandSpec } from './pty-process.ts';
import { SYSTEM_PATH } from './short-run.ts';
import { SANDBOX } from '../limits.ts';

export { SANDBOX };

/** Where `ip netns add` keeps the named namespaces. */
export const NETNS_DIR = '/run/netns';
const NAME = /^taller-(\d+)-(\d+)-(cli|srv)$/;

/** The environment a sandboxed run gets (lessons and the free terminal use these names). */
export const SANDBOX_ENV = { cli: 'TALLER_NS_CLIENTE', srv: 'TALLER_NS_SERVIDOR', cgroup: 'TALLER_CGROUP' } as const;

export interface Sandbox {
  /** Namespace names (`ip netns exec NAME …`). */
  cliNs: string;
  srvNs: string;
  /** The run's own cgroup (null without cgroup v2): workloads run in it; cgroup programs attach to it. */
  cgroup: SessionCgroup | null;
  /** Its id, as `bpf_get_current_cgroup_id()` returns it for a process inside (decimal). */
  cgroupId: string | null;
  env: Record<string, string>;
  /** The same command, run inside the server-side namespace. */
  inServer(cmd: CommandSpec): CommandSpec;
  /** file + args that run a program inside the client-side namespace and the run's cgroup. */
  inClient(file: string, args: string[]): { file: string; args: string[] };
  /** file + args that run a program inside the server-side namespace and the run's cgroup. */
  inServerGroup(file: string, args: string[]): { file: string; args: string[] };
  /** file + args that run a program in the run's cgroup (host namespaces). */
  inGroup(file: string, args: string[]): { file: string; args: string[] };
  /** Something to undo before the namespaces go (a helper process the workloads started). */
  onDestroy(fn: () => void): void;
  /** Kills what runs in it and removes namespaces and cgroup. Idempotent. */
  destroy(): void;
}

const live = new Set<Sandbox>();
let counter = 0;

const run = (file: string, args: string[]) =>
  spawnSync(file, args, { encoding: 'utf8', timeout: SANDBOX.setupTimeoutMs, env: { PATH: SYSTEM_PATH, LANG: 'C' } });

/** The script that builds the pair; `set -e`: the first failure stops it (and `removeNamespaces` undoes it). */
const SETUP = [
  'set -e',
  'cli=$0 srv=$1',
  'ip netns add "$cli"',
  'ip netns add "$srv"',
  `ip -n "$cli" link add ${SANDBOX.cliInterface} type veth peer name ${SANDBOX.srvInterface} netns "$srv"`,
  `ip -n "$cli" addr add ${SANDBOX.cliAddress}/${SANDBOX.prefixLength} dev ${SANDBOX.cliInterface}`,
  `ip -n "$srv" addr add ${SANDBOX.srvAddress}/${SANDBOX.prefixLength} dev ${SANDBOX.srvInterface}`,
  'for ns in "$cli" "$srv"; do ip -n "$ns" link set lo up; done',
  `ip -n "$cli" link set ${SANDBOX.cliInterface} up`,
  `ip -n "$srv" link set ${SANDBOX.srvInterface} up`,
  // The carrier is up at once, but the operational state follows a moment later (linkwatch): wait for it
  // (at most about a second), so that the run's first `ip link` already shows UP.
  `for i in $(seq 50); do ip -n "$srv" -o link show ${SANDBOX.srvInterface} | grep -q 'state UP' && break; sleep 0.02; done`,
].join('\n');

/** Deleting a namespace removes its end of the veth pair, and with it the other end. */
function removeNamespaces(names: string[]): void {
  for (const name of names) run('ip', ['netns', 'delete', name]);
}

/** `sh -c` that joins a cgroup first (its pid, then the program's after exec), when there is one. */
function joinGroup(group: SessionCgroup | null, file: string, args: string[]): { file: string; args: string[] } {
  if (!group) return { file, args };
  return { file: '/bin/sh', args: ['-c', 'echo $$ > "$0" && exec "$@"', group.procsFile, file, ...args] };
}

export type SandboxResult = { ok: true; sandbox: Sandbox } | { ok: false; detail: string };

/** Builds a run's sandbox, or says why it could not (nothing is left behind then). */
export function createSandbox(cgroups: CgroupPool): SandboxResult {
  const n = ++counter;
  const cliNs = `taller-${process.pid}-${n}-cli`;
  const srvNs = `taller-${process.pid}-${n}-srv`;
  const r = run('/bin/sh', ['-c', SETUP, cliNs, srvNs]);
  if (r.error || r.status !== 0) {
    removeNamespaces([cliNs, srvNs]);
    return { ok: false, detail: (r.stderr || r.error?.message || '').trim().split('\n').pop() ?? '' };
  }
  const cgroup = cgroups.create(`${process.pid}-${n}-prueba`);
  let cgroupId: string | null = null;
  try {
    if (cgroup) cgroupId = statSync(cgroup.path, { bigint: true }).ino.toString();
  } catch {
    cgroupId = null;
  }
  const env: Record<string, string> = { [SANDBOX_ENV.cli]: cliNs, [SANDBOX_ENV.srv]: srvNs };
  if (cgroup) env[SANDBOX_ENV.cgroup] = cgroup.path;
  const netns = (ns: string) => `--net=${join(NETNS_DIR, ns)}`;
  let destroyed = false;
  const undo: Array<() => void> = [];
  const sandbox: Sandbox = {
    cliNs,
    srvNs,
    cgroup,
    cgroupId,
    env,
    inServer: (cmd) => ({
      ...cmd,
      file: 'nsenter',
      args: [netns(srvNs), '--', cmd.file, ...cmd.args],
      env: { ...cmd.env, ...env },
    }),
    inClient: (file, args) => joinGroup(cgroup, 'nsenter', [netns(cliNs), '--', file, ...args]),
    inServerGroup: (file, args) => joinGroup(cgroup, 'nsenter', [netns(srvNs), '--', file, ...args]),
    inGroup: (file, args) => joinGroup(cgroup, file, args),
    onDestroy: (fn) => void (destroyed ? fn() : undo.push(fn)),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      live.delete(sandbox);
      for (const fn of undo.splice(0)) fn();
      cgroup?.kill();
      removeNamespaces([cliNs, srvNs]);
      cgroup?.remove(); // fails while killed processes exit: the pool's stale sweep retries
    },
  };
  live.add(sandbox);
  return { ok: true, sandbox };
}

/** At exit: every sandbox still up. */
export function destroyAllSandboxes(): void {
  for (const s of [...live]) s.destroy();
}

/** Our namespaces whose server is gone (crashed, killed). */
export function staleNamespaces(isServerAlive: (pid: number) => boolean, dir = NETNS_DIR): string[] {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((name) => {
    const m = NAME.exec(name);
    return m !== null && Number(m[1]) !== process.pid && !isServerAlive(Number(m[1]));
  });
}

/** At start: removes the namespaces a dead server left. Returns how many. */
export function cleanStaleNamespaces(isServerAlive: (pid: number) => boolean): number {
  const stale = staleNamespaces(isServerAlive);
  removeNamespaces(stale);
  return stale.length;
}

/** Every namespace of ours, live or not (tests, the lab). */
export function ourNamespaces(dir = NETNS_DIR): string[] {
  try {
    return readdirSync(dir).filter((n) => NAME.test(n));
  } catch {
    return [];
  }
}
