// At start: what an earlier server (crashed, killed with SIGKILL) left behind —
// processes in its cgroups or carrying its marker, tracefs instances of its
// runners, the lessons' pins — is removed, and the count is reported.
import { setTimeout as delay } from 'node:timers/promises';
import type { CgroupPool } from './cgroup.ts';
import { isAlive } from '../proc.ts';
import { killOrphans } from './pty-process.ts';
import { cleanTracefsInstances, removePins } from './bpf-cleanup.ts';

export async function cleanLeftovers(cgroups: CgroupPool, pins: string[]): Promise<number> {
  const killed = [...new Set([...cgroups.cleanStale(isAlive), ...killOrphans()])];
  // SIGKILL is not instant: wait (at most 2 s) until the killed processes are gone,
  // so that their tracefs instances and cgroups can be removed.
  for (let i = 0; i < 80 && killed.some(isAlive); i++) await delay(25);
  cgroups.cleanStale(isAlive);
  return killed.length + cleanTracefsInstances() + removePins(pins);
}
