// Can this account load BPF programs (root, capabilities, or not at all), and is there sudo.
import type { SystemView } from '../system.ts';
import type { Check, CheckContext } from './context.ts';
import { atLeast } from './kernel-facts.ts';
import { privilegeFixFor, sudoStatusOf } from '../privilege-words.ts';

const CAP = { SYS_ADMIN: 21, PERFMON: 38, BPF: 39, DAC_READ_SEARCH: 2 };

function effectiveCaps(view: SystemView): bigint {
  const status = view.read('/proc/self/status') ?? '';
  const m = /^CapEff:\s*([0-9a-f]+)/m.exec(status);
  return m ? BigInt(`0x${m[1]}`) : 0n;
}

const has = (caps: bigint, bit: number) => (caps & (1n << BigInt(bit))) !== 0n;

export async function privilegeChecks({ view, root, kernel: kv, fix }: CheckContext): Promise<Check[]> {
  const caps = effectiveCaps(view);
  const sudo = await view.tool('sudo');
  let privileges: Check;
  if (root) {
    privileges = {
      id: 'privileges',
      status: 'ok',
      title: 'Privilegios',
      detail: 'Eres root: puedes cargar cualquier programa eBPF.',
      fix: '',
    };
  } else if (has(caps, CAP.SYS_ADMIN) || (has(caps, CAP.BPF) && has(caps, CAP.PERFMON) && kv && atLeast(kv, 5, 8))) {
    privileges = {
      id: 'privileges',
      status: 'warn',
      title: 'Privilegios',
      detail:
        'Tienes ' +
        (has(caps, CAP.SYS_ADMIN) ? 'CAP_SYS_ADMIN' : 'CAP_BPF y CAP_PERFMON') +
        ': basta para cargar programas y mapas, pero bpftrace exige ser root y los tracepoints clásicos necesitan leer tracefs (CAP_DAC_READ_SEARCH).',
      fix: 'Arranca el taller con «npm start»: pide tu contraseña de sudo una vez y lo ejecuta como root.',
    };
  } else {
    const status = sudoStatusOf(view, Boolean(sudo));
    privileges = {
      id: 'privileges',
      status: 'fail',
      title: 'Privilegios',
      detail:
        'Necesitas privilegios de administrador: cargar programas eBPF exige root (o CAP_BPF + CAP_PERFMON), y el taller no se está ejecutando como root; el kernel rechazaría la carga con EPERM.',
      fix: privilegeFixFor(status, view.env.USER ?? 'tu_usuario'),
    };
  }
  const sudoCheck: Check = sudo
    ? { id: 'sudo', status: 'ok', title: 'sudo', detail: `sudo está disponible (${sudo.path}).`, fix: '' }
    : {
        id: 'sudo',
        status: root ? 'ok' : 'warn',
        title: 'sudo',
        detail: root
          ? 'sudo no está instalado, pero el taller se ejecuta como root: «sudo orden» funciona igual en los terminales de la página.'
          : 'sudo no está instalado y no eres root.',
        fix: root ? '' : fix('sudo'),
      };
  return [privileges, sudoCheck];
}
