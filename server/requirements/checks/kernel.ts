// The kernel: its version, the eBPF options it was built with, and whether
// function tracing (fentry/fexit) works on it.
import type { Check, CheckContext } from './context.ts';
import { atLeast } from './kernel-facts.ts';

const KERNEL_STEPS: Array<[number, number, string]> = [
  [4, 18, 'BTF'],
  [5, 2, 'datos globales (el texto de bpf_printk)'],
  [5, 4, '/sys/kernel/btf/vmlinux (CO-RE)'],
  [5, 5, 'fentry/fexit'],
  [5, 8, 'ring buffer y CAP_BPF/CAP_PERFMON'],
  [5, 11, 'memoria contada en el cgroup (adiós a ulimit -l)'],
];

export function kernelVersionChecks({ kernel: kv, distro }: CheckContext): Check[] {
  if (!kv) {
    return [
      {
        id: 'kernel-version',
        status: 'fail',
        title: 'Versión del kernel',
        detail: 'No se pudo leer /proc/sys/kernel/osrelease.',
        fix: 'Comprueba que /proc está montado.',
      },
    ];
  }
  const missing = KERNEL_STEPS.filter(([a, b]) => !atLeast(kv, a, b)).map(([a, b, what]) => `${a}.${b}: ${what}`);
  if (!atLeast(kv, 4, 15)) {
    return [
      {
        id: 'kernel-version',
        status: 'fail',
        title: `Kernel ${kv.release}`,
        detail: `El taller necesita Linux 4.15 o posterior. A este kernel le falta, entre otras cosas: ${missing.join('; ')}.`,
        fix: distro.pm
          ? `Actualiza el kernel de tu distribución (${distro.name}) a uno 5.x o posterior y reinicia.`
          : 'Instala un kernel 5.x o posterior y reinicia.',
      },
    ];
  }
  if (!atLeast(kv, 5, 8)) {
    return [
      {
        id: 'kernel-version',
        status: 'warn',
        title: `Kernel ${kv.release}`,
        detail: `Funciona, pero se recomienda 5.8 o posterior. Te falta: ${missing.join('; ')}.`,
        fix: 'Cuando puedas, actualiza a un kernel 5.8 o posterior.',
      },
    ];
  }
  return [
    {
      id: 'kernel-version',
      status: 'ok',
      title: `Kernel ${kv.release}`,
      detail: 'Versión 5.8 o posterior: BTF, ring buffer y CAP_BPF disponibles.',
      fix: '',
    },
  ];
}

interface ConfigOption {
  name: string;
  /** Without it, the lessons cannot run: fail. Otherwise warn. */
  needed: boolean;
  /** What the option gives (shown whether it is on or off). */
  what: string;
  /** What stops working without it (shown only when it is off). */
  without?: string;
}

const CONFIG_OPTIONS: ConfigOption[] = [
  { name: 'BPF_SYSCALL', needed: true, what: 'la llamada al sistema bpf()', without: 'Sin ella no hay eBPF' },
  { name: 'BPF_JIT', needed: false, what: 'el compilador JIT', without: 'Sin él los programas se interpretan, más despacio' },
  {
    name: 'DEBUG_INFO_BTF',
    needed: false,
    what: 'BTF del kernel (/sys/kernel/btf/vmlinux), la base de CO-RE',
    without: 'Los programas CO-RE (vmlinux.h) no funcionarán',
  },
  {
    name: 'BPF_EVENTS',
    needed: true,
    what: 'programas en tracepoints, kprobes y uprobes',
    without: 'Los programas de las lecciones no se pueden enganchar',
  },
  {
    name: 'FTRACE_SYSCALLS',
    needed: true,
    what: 'los tracepoints syscalls:sys_enter_* que usan las lecciones',
    without: 'Los ejemplos de las lecciones no tienen dónde engancharse',
  },
  {
    name: 'KPROBES',
    needed: false,
    what: 'kprobes, sondas en casi cualquier función del kernel',
    without: 'Los ejemplos con kprobe: no funcionarán',
  },
  {
    name: 'KPROBE_EVENTS',
    needed: false,
    what: 'eventos kprobe de tracefs, que usan bpftrace y libbpf para las kprobes',
    without: 'Las sondas kprobe: de bpftrace no funcionarán',
  },
  {
    name: 'UPROBE_EVENTS',
    needed: false,
    what: 'uprobes, sondas en funciones de programas de usuario',
    without: 'Los ejemplos con uprobe: no funcionarán',
  },
  { name: 'CGROUP_BPF', needed: false, what: 'programas enganchados a cgroups' },
  { name: 'BPF_LSM', needed: false, what: 'programas LSM (políticas de seguridad con eBPF)' },
  { name: 'XDP_SOCKETS', needed: false, what: 'sockets AF_XDP' },
];

export function kernelConfigChecks({ config, release, root }: CheckContext): Check[] {
  if (!config) {
    return [
      {
        id: 'kernel-config',
        status: 'warn',
        title: 'Configuración del kernel',
        detail: `No se pudo leer /proc/config.gz ni /boot/config-${release}: no se puede comprobar qué opciones de eBPF tiene el kernel.`,
        fix: root ? 'Prueba: modprobe configs (crea /proc/config.gz).' : 'Prueba: sudo modprobe configs',
      },
    ];
  }
  return CONFIG_OPTIONS.map((o): Check => {
    const v = config.get(o.name);
    const on = v === 'y' || v === 'm';
    return {
      id: `config-${o.name}`,
      status: on ? 'ok' : o.needed ? 'fail' : 'warn',
      title: `CONFIG_${o.name}`,
      detail: on ? `Activada: ${o.what}.` : `Desactivada: ${o.what}.${o.without ? ` ${o.without}.` : ''}`,
      fix: on ? '' : `Hace falta un kernel compilado con CONFIG_${o.name}=y.`,
    };
  });
}

export async function functionTracingChecks({ view, btf }: CheckContext): Promise<Check[]> {
  const fentry = btf ? await view.fentry() : 'no-btf';
  if (fentry === 'ok')
    return [
      {
        id: 'function-tracing',
        status: 'ok',
        title: 'fentry/fexit',
        detail: 'Se pudo cargar y enganchar un programa fentry de prueba.',
        fix: '',
      },
    ];
  return [
    {
      id: 'function-tracing',
      status: 'warn',
      title: 'fentry/fexit',
      detail:
        fentry === 'blocked'
          ? 'El kernel rechaza los programas fentry/fexit con EPERM aunque seas root: el trazado de funciones está bloqueado en esta máquina (política de la máquina virtual o lockdown). Los ejemplos fentry no funcionarán; los de tracepoints sí.'
          : fentry === 'no-btf'
            ? 'fentry/fexit necesitan BTF del kernel, y no lo hay.'
            : `No se pudo comprobar (${fentry}).`,
      fix:
        fentry === 'blocked'
          ? 'Usa tracepoints o raw_tp, o un kernel/VM que permita el trazado de funciones.'
          : fentry === 'no-btf'
            ? 'Usa un kernel 5.5 o posterior con CONFIG_DEBUG_INFO_BTF=y.'
            : 'Comprueba que bpf/.output/runner está compilado (make -C bpf) y vuelve a comprobar.',
    },
  ];
}
