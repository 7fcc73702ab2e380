// The workshop's privilege words, for the check, the blocks and the `sudo` shim:
// one sentence that starts "necesitas privilegios de administrador" and ends
// with the exact fix for this account (see lib/privileges.mjs).
import { userInfo } from 'node:os';
import { NEED_ADMIN, gidsFromStatus, groupNames, privilegeFix, probeSudo, sudoStatusFrom, type SudoStatus } from '../../lib/privileges.mjs';
import type { SystemView } from './system.ts';
import { fill } from '../../lib/messages/fill.mjs';
import { requirements as t } from '../../lib/messages/es/requirements.mjs';

const STATUSES: SudoStatus[] = ['root', 'sudo-ready', 'sudo-password', 'sudo-no-tty', 'no-sudo', 'not-sudoer'];

/** How this account could become root: the launcher's finding when it started us, else read from the view. */
export function sudoStatusOf(view: SystemView, sudoInstalled: boolean): SudoStatus {
  if (view.euid === 0) return 'root';
  const launcher = view.env.TALLER_SUDO_STATUS as SudoStatus | undefined;
  if (launcher && STATUSES.includes(launcher) && launcher !== 'root') return launcher;
  const groups = groupNames(view.read('/etc/group') ?? '', gidsFromStatus(view.read('/proc/self/status') ?? ''));
  // Not started by the launcher (the doctor, in the learner's terminal): `npm start` would ask there.
  return sudoStatusFrom({ root: false, sudoPath: sudoInstalled ? 'sudo' : null, sudoNonInteractive: false, groups, tty: true });
}

/** What to do, for an account that is not root: never empty. */
export function privilegeFixFor(status: SudoStatus, user: string): string {
  // sudo would work, but this server was started without it (e.g. `node server/main.ts`).
  return privilegeFix(status, user) || t['privileges.startWithNpm'];
}

/** "Necesitas privilegios de administrador: <fix>" */
export function privilegeSentence(status: SudoStatus, user: string): string {
  const needAdmin = `${NEED_ADMIN.charAt(0).toUpperCase()}${NEED_ADMIN.slice(1)}`;
  return fill(t['privileges.sentence'], { needAdmin, fix: privilegeFixFor(status, user) });
}

/** What `sudo` answers in the page's terminals when the server is not root. */
export function privilegeRefusal(): string {
  const status = (process.env.TALLER_SUDO_STATUS as SudoStatus | undefined) ?? probeSudo();
  return fill(t['privileges.sudoRefusal'], {
    sentence: privilegeSentence(status === 'root' ? 'sudo-ready' : status, userInfo().username),
  });
}
