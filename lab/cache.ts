// The lab's cache: userlands, kernels and initramfs images, kept between runs
// under root's private cache folder, each in a folder named by what it was built
// from (package versions), so that a second run finds everything and downloads nothing.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir } from '../server/workspace/private-dir.mjs';

/** Root-owned, 0700, checked like the server's private folder (no symlink, no other owner). */
export const CACHE_ROOT = '/var/cache/taller-ebpf';

export function cacheDir(...parts: string[]): string {
  let dir = ensurePrivateDir(CACHE_ROOT);
  for (const p of ['lab', ...parts]) dir = ensurePrivateDir(join(dir, p));
  return dir;
}

/** A short, stable key for what an artefact was built from. */
export function keyOf(...inputs: string[]): string {
  return createHash('sha256').update(inputs.join('\n')).digest('hex').slice(0, 16);
}

/**
 * Returns `<parent>/<name>`, building it first if missing: `build` fills a
 * temporary sibling that is renamed into place only when it succeeded, so an
 * interrupted build never leaves a half-made artefact that a later run trusts.
 */
export async function cached(
  parent: string,
  name: string,
  build: (tmp: string) => Promise<void> | void,
): Promise<{ path: string; hit: boolean }> {
  const path = join(parent, name);
  if (existsSync(path)) return { path, hit: true };
  const tmp = join(parent, `.${name}.partial-${process.pid}`);
  sweepDeadPartials(parent);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { mode: 0o700 });
  try {
    await build(tmp);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  return { path, hit: false };
}

const PARTIAL = /^\..+\.partial-(\d+)$/;

/** Whether a process is alive (signal 0: no signal is sent, only the check). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the temporary siblings of builds whose lab process died before finishing (killed outright). */
export function sweepDeadPartials(parent: string): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(parent)) {
    const m = PARTIAL.exec(name);
    if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
