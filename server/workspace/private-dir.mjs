// The one private folder the workshop writes in, outside every shared folder.
// As root: /run/taller-ebpf, created 0700 and checked (a real directory, not a
// symlink, owned by root) before each use; /run is writable only by root, so no
// other local user can create or plant anything there. Without root:
// $XDG_RUNTIME_DIR/taller-ebpf under the same checks, or null (callers then use
// mkdtemp in the temporary folder: a fresh, random, 0700 folder).
// Plain JavaScript: the launcher uses it before `npm ci` (for the kernel lock).
import { chmodSync, lstatSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fill } from '../../lib/messages/fill.mjs';
import { setup as t } from '../../lib/messages/es/setup.mjs';

export const ROOT_BASE = '/run/taller-ebpf';

export class PrivateDirError extends Error {}

/**
 * Creates `path` (0700) if missing and checks it. Throws a Spanish PrivateDirError
 * when it exists but cannot be trusted.
 * @param {string} path
 * @param {number} [euid]
 */
export function ensurePrivateDir(path, euid = process.geteuid?.() ?? 0) {
  try {
    mkdirSync(path, { mode: 0o700 });
  } catch (err) {
    if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'EEXIST') throw err;
  }
  const st = lstatSync(path);
  const refuse = (/** @type {string} */ why) => {
    throw new PrivateDirError(fill(t['privateDir.untrusted'], { path, why, sudo: euid === 0 ? 'sudo ' : '' }));
  };
  if (st.isSymbolicLink()) refuse(t['privateDir.symlink']);
  if (!st.isDirectory()) refuse(t['privateDir.notDir']);
  if (st.uid !== euid) refuse(fill(t['privateDir.otherOwner'], { uid: st.uid }));
  // Ours: a looser mode can only be our own doing; tighten it.
  if ((st.mode & 0o077) !== 0) chmodSync(path, 0o700);
  return path;
}

/** The private base folder for this process, or null when there is none (use mkdtemp). */
export function privateBase(env = process.env) {
  const euid = process.geteuid?.() ?? 0;
  if (euid === 0) return ensurePrivateDir(ROOT_BASE, 0);
  const xdg = env.XDG_RUNTIME_DIR;
  if (!xdg) return null;
  try {
    const st = lstatSync(xdg);
    if (!st.isDirectory() || st.isSymbolicLink() || st.uid !== euid || (st.mode & 0o077) !== 0) return null;
    return ensurePrivateDir(join(xdg, 'taller-ebpf'), euid);
  } catch {
    return null;
  }
}
