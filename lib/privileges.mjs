// Can this account become root for the workshop, and what to tell the learner
// when it cannot. Shared by the launcher (start-up message) and the
// requirements checks (page and `npm run doctor`), so both say the same words.
// Plain JavaScript: the launcher runs it before `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fill } from './messages/fill.mjs';
import { setup as t } from './messages/es/setup.mjs';

/** Groups whose members may use sudo on the usual distributions. */
export const ADMIN_GROUPS = ['sudo', 'wheel', 'admin'];

/**
 * @typedef {'root' | 'sudo-ready' | 'sudo-password' | 'sudo-no-tty' | 'no-sudo' | 'not-sudoer'} SudoStatus
 *  root:          already root
 *  sudo-ready:    `sudo -n true` works (passwordless, or credentials cached by `sudo -v`)
 *  sudo-password: member of an admin group, in a terminal: sudo will ask once
 *  sudo-no-tty:   member of an admin group, but no terminal to ask the password in
 *  no-sudo:       the sudo binary is not installed
 *  not-sudoer:    sudo exists, but this account is in no admin group and has no cached rights
 */

/**
 * Decides from plain facts (unit-tested with fixtures).
 * @param {{ root: boolean, sudoPath: string | null, sudoNonInteractive: boolean, groups: string[], tty: boolean }} f
 * @returns {SudoStatus}
 */
export function sudoStatusFrom(f) {
  if (f.root) return 'root';
  if (!f.sudoPath) return 'no-sudo';
  if (f.sudoNonInteractive) return 'sudo-ready';
  if (!f.groups.some((g) => ADMIN_GROUPS.includes(g))) return 'not-sudoer';
  return f.tty ? 'sudo-password' : 'sudo-no-tty';
}

/** Group names of gids, from an /etc/group text. @param {string} groupFile @param {number[]} gids */
export function groupNames(groupFile, gids) {
  const byGid = new Map();
  for (const line of groupFile.split('\n')) {
    const [name, , gid] = line.split(':');
    if (name && gid) byGid.set(Number(gid), name);
  }
  return gids.map((g) => byGid.get(g)).filter(Boolean);
}

/** The supplementary and primary gids of this process, from /proc/self/status. @param {string} status */
export function gidsFromStatus(status) {
  const groups = /^Groups:\s*(.*)$/m.exec(status)?.[1].trim().split(/\s+/).filter(Boolean).map(Number) ?? [];
  const gid = Number(/^Gid:\s*(\d+)/m.exec(status)?.[1] ?? NaN);
  return Number.isInteger(gid) ? [gid, ...groups] : groups;
}

/** The real machine's facts (the launcher). @returns {SudoStatus} */
export function probeSudo() {
  const root = process.getuid?.() === 0;
  const sudoPath = ['/usr/bin/sudo', '/bin/sudo', '/usr/local/bin/sudo'].find((p) => existsSync(p)) ?? null;
  const sudoNonInteractive = !root && sudoPath !== null && spawnSync(sudoPath, ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  let groups = [];
  try {
    groups = groupNames(readFileSync('/etc/group', 'utf8'), gidsFromStatus(readFileSync('/proc/self/status', 'utf8')));
  } catch {
    /* no /proc or /etc/group: no groups */
  }
  return sudoStatusFrom({ root, sudoPath, sudoNonInteractive, groups, tty: Boolean(process.stdin.isTTY) });
}

/**
 * What to do, in Spanish, when the workshop cannot become root. Empty when it can.
 * @param {SudoStatus} status @param {string} user
 */
export function privilegeFix(status, user) {
  switch (status) {
    case 'root':
    case 'sudo-ready':
    case 'sudo-password':
      return '';
    case 'sudo-no-tty':
      return t['privileges.sudoNoTty'];
    case 'no-sudo':
      return fill(t['privileges.noSudo'], { user });
    case 'not-sudoer':
      return fill(t['privileges.notSudoer'], { user });
  }
}

/** The one sentence every refusal starts with. */
export const NEED_ADMIN = t['privileges.needAdmin'];
