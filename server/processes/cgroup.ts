// A cgroup v2 per terminal session, so that Detener and a closed tab can kill
// everything a session started — `setsid sleep 1000 &` included — with one
// write to `cgroup.kill`. All our cgroups live under one parent we own.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CGROUP_PARENT = 'taller-ebpf';

/** The cgroup2 mount point (unified hierarchy), or null when there is none. */
export function cgroup2Root(mountsFile = '/proc/self/mounts'): string | null {
  try {
    for (const line of readFileSync(mountsFile, 'utf8').split('\n')) {
      const [, mnt, type] = line.split(' ');
      if (type === 'cgroup2') return mnt;
    }
  } catch {
    /* no /proc: no cgroups */
  }
  return null;
}

export interface SessionCgroup {
  /** The group's folder. */
  path: string;
  /** File to write a pid into to move it into the group. */
  procsFile: string;
  /** Kills every process in the group (best effort). */
  kill(): void;
  /** Pids still in the group. */
  pids(): number[];
  /** Removes the (empty) group. */
  remove(): void;
}

export class CgroupPool {
  private readonly parent: string | null;

  constructor(root = cgroup2Root()) {
    let parent: string | null = null;
    if (root) {
      const p = join(root, CGROUP_PARENT);
      try {
        mkdirSync(p, { recursive: true });
        if (existsSync(join(p, 'cgroup.kill'))) parent = p;
      } catch {
        parent = null; // not privileged: the environment marker is the fallback
      }
    }
    this.parent = parent;
  }

  get available(): boolean {
    return this.parent !== null;
  }

  /**
   * Kills the processes of groups left by servers that are no longer running
   * (crashed or killed), and removes the groups that are empty. Groups are named
   * `<server pid>-<n>`. Returns the pids it killed.
   */
  cleanStale(isServerAlive: (pid: number) => boolean): number[] {
    if (!this.parent) return [];
    const killed: number[] = [];
    for (const name of readdirSync(this.parent)) {
      const owner = Number(name.split('-')[0]);
      if (owner === process.pid || isServerAlive(owner)) continue;
      const dir = join(this.parent, name);
      if (!existsSync(join(dir, 'cgroup.procs'))) continue;
      killed.push(...readPids(dir));
      killDir(dir);
      removeDir(dir); // fails while processes are still exiting; called again later
    }
    return killed;
  }

  create(name: string): SessionCgroup | null {
    if (!this.parent) return null;
    const dir = join(this.parent, name);
    try {
      mkdirSync(dir);
    } catch {
      return null;
    }
    return {
      path: dir,
      procsFile: join(dir, 'cgroup.procs'),
      kill: () => killDir(dir),
      pids: () => readPids(dir),
      remove: () => void removeDir(dir),
    };
  }
}

function readPids(dir: string): number[] {
  try {
    return readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function killDir(dir: string): void {
  try {
    writeFileSync(join(dir, 'cgroup.kill'), '1');
  } catch {
    for (const pid of readPids(dir)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
}

function removeDir(dir: string): boolean {
  try {
    rmdirSync(dir);
    return true;
  } catch {
    return false; // still has processes exiting; retried later
  }
}
