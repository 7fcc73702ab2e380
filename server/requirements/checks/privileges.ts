// Can this account load BPF programs (root, capabilities, or not at all), and is there sudo.
import type { SystemView } from '../system.ts';
import type { Check, CheckContext } from './context.ts';
import { atLeast } from './kernel-facts.ts';
import { privilegeFixFor, sudoStatusOf } from '../privilege-words.ts';
import { fill } from '../../../lib/messages/fill.mjs';
import { requirements as t } from '../../../lib/messages/es/requirements.mjs';

const CAP = { SYS_ADMIN: 21, PERFMON: 38, BPF: 39, DAC_READ_SEARCH: 2 };

function effectiveCaps(view: SystemView): bigint {
  const status = view.read('/proc/self/status') ?? '';
  const m = /^CapEff:\s*([0-9a-f]+)/m.exec(status);
  return m ? BigInt(`0x${m[1]}`) : 0n;
}

const has = (caps: bigint, bit: number) => (caps & (1n << BigInt(bit))) !== 0n;
const canBecomeRoot = (status: string) => status === 'sudo-ready' || status === 'sudo-password';

export async function privilegeChecks({ view, root, kernel: kv, fix }: CheckContext): Promise<Check[]> {
  const caps = effectiveCaps(view);
  const sudo = await view.tool('sudo');
  let privileges: Check;
  if (root) {
    privileges = {
      id: 'privileges',
      status: 'ok',
      title: t['privileges.title'],
      detail: t['privileges.root'],
      fix: '',
    };
  } else if (has(caps, CAP.SYS_ADMIN) || (has(caps, CAP.BPF) && has(caps, CAP.PERFMON) && kv && atLeast(kv, 5, 8))) {
    privileges = {
      id: 'privileges',
      status: 'warn',
      title: t['privileges.title'],
      detail: fill(t['privileges.caps'], { caps: has(caps, CAP.SYS_ADMIN) ? 'CAP_SYS_ADMIN' : t['privileges.caps.bpfPerfmon'] }),
      fix: t['privileges.caps.fix'],
    };
  } else if (canBecomeRoot(sudoStatusOf(view, Boolean(sudo)))) {
    // The doctor, run by an account that can use sudo: `npm start` will become root.
    privileges = { id: 'privileges', status: 'warn', title: t['privileges.title'], detail: t['privileges.viaSudo'], fix: '' };
  } else {
    const status = sudoStatusOf(view, Boolean(sudo));
    privileges = {
      id: 'privileges',
      status: 'fail',
      title: t['privileges.title'],
      detail: t['privileges.none'],
      fix: privilegeFixFor(status, view.env.USER ?? t['privileges.unknownUser']),
    };
  }
  const sudoCheck: Check = sudo
    ? { id: 'sudo', status: 'ok', title: t['sudo.title'], detail: fill(t['sudo.found'], { path: sudo.path }), fix: '' }
    : {
        id: 'sudo',
        status: root ? 'ok' : 'warn',
        title: t['sudo.title'],
        detail: root ? t['sudo.missingRoot'] : t['sudo.missing'],
        fix: root ? '' : fix('sudo'),
      };
  return [privileges, sudoCheck];
}
