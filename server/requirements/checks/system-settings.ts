// How the running system is set up: bpffs and tracefs mounts, the JIT and
// unprivileged-BPF sysctls, and lockdown.
import type { SystemView } from '../system.ts';
import type { Check, CheckContext } from './context.ts';

function mountedAt(view: SystemView, type: string, path: string): boolean {
  const mounts = view.read('/proc/mounts') ?? view.read('/proc/self/mounts') ?? '';
  return mounts.split('\n').some((l) => {
    const [, mnt, fstype] = l.split(' ');
    return mnt === path && fstype === type;
  });
}

export function mountChecks({ view, root }: CheckContext): Check[] {
  const tracefs = mountedAt(view, 'tracefs', '/sys/kernel/tracing') || mountedAt(view, 'tracefs', '/sys/kernel/debug/tracing');
  return [
    mountedAt(view, 'bpf', '/sys/fs/bpf')
      ? {
          id: 'bpffs',
          status: 'ok',
          title: 'bpffs montado',
          detail: '/sys/fs/bpf está montado: se pueden fijar (pin) programas y mapas.',
          fix: '',
        }
      : {
          id: 'bpffs',
          status: 'warn',
          title: 'bpffs no montado',
          detail: 'Sin /sys/fs/bpf, «bpftool prog load … /sys/fs/bpf/trace» falla. npm start lo monta si es root.',
          fix: `${root ? '' : 'sudo '}mount -t bpf bpf /sys/fs/bpf`,
        },
    tracefs
      ? {
          id: 'tracefs',
          status: 'ok',
          title: 'tracefs montado',
          detail: 'tracefs está montado: tracepoints y bpf_printk funcionan.',
          fix: '',
        }
      : {
          id: 'tracefs',
          status: 'fail',
          title: 'tracefs no montado',
          detail: 'Sin tracefs no se pueden enganchar tracepoints ni leer bpf_printk. npm start lo monta si es root.',
          fix: `${root ? '' : 'sudo '}mount -t tracefs tracefs /sys/kernel/tracing`,
        },
  ];
}

export function sysctlChecks({ view, root }: CheckContext): Check[] {
  const jit = view.read('/proc/sys/net/core/bpf_jit_enable')?.trim();
  const unpriv = view.read('/proc/sys/kernel/unprivileged_bpf_disabled')?.trim();
  return [
    jit === undefined
      ? {
          id: 'jit',
          status: 'warn',
          title: 'JIT de BPF',
          detail: 'No se pudo leer /proc/sys/net/core/bpf_jit_enable.',
          fix: 'Comprueba que /proc está montado y que el kernel tiene CONFIG_BPF_JIT.',
        }
      : jit !== '0'
        ? {
            id: 'jit',
            status: 'ok',
            title: 'JIT de BPF',
            detail: `Activado (bpf_jit_enable=${jit}): los programas se compilan a código máquina.`,
            fix: '',
          }
        : {
            id: 'jit',
            status: 'warn',
            title: 'JIT de BPF',
            detail: 'Desactivado: los programas se interpretan, más despacio.',
            fix: `${root ? '' : 'sudo '}sysctl -w net.core.bpf_jit_enable=1`,
          },
    {
      id: 'unprivileged-bpf',
      status: unpriv === '0' || root ? 'ok' : 'warn',
      title: 'eBPF sin privilegios',
      detail:
        unpriv === '0'
          ? 'kernel.unprivileged_bpf_disabled=0: cualquier usuario puede cargar algunos programas (filtros de socket). Es cómodo, pero las distribuciones lo desactivan por seguridad.'
          : `kernel.unprivileged_bpf_disabled=${unpriv ?? '?'}: solo root o quien tenga CAP_BPF puede cargar programas${root ? ' (eres root: no te afecta)' : ''}.`,
      fix: unpriv === '0' || root ? '' : 'Usa root o CAP_BPF (ver Privilegios).',
    },
  ];
}

export function lockdownChecks({ view, config }: CheckContext): Check[] {
  return [lockdownCheck(view, config)];
}

function lockdownCheck(view: SystemView, config: Map<string, string> | null): Check {
  const file = view.read('/sys/kernel/security/lockdown');
  let mode = file ? (/\[(\w+)\]/.exec(file)?.[1] ?? null) : null;
  let source = '/sys/kernel/security/lockdown';
  if (!mode && config) {
    source = 'la configuración del kernel';
    mode =
      config.get('LOCK_DOWN_KERNEL_FORCE_CONFIDENTIALITY') === 'y'
        ? 'confidentiality'
        : config.get('LOCK_DOWN_KERNEL_FORCE_INTEGRITY') === 'y'
          ? 'integrity'
          : config.get('SECURITY_LOCKDOWN_LSM') === 'y'
            ? null
            : 'none';
  }
  if (!mode)
    return {
      id: 'lockdown',
      status: 'ok',
      title: 'Lockdown',
      detail: 'No se pudo determinar el modo de lockdown (securityfs no montado); probablemente none.',
      fix: '',
    };
  if (mode === 'confidentiality') {
    return {
      id: 'lockdown',
      status: 'fail',
      title: 'Lockdown: confidentiality',
      detail: `Según ${source}, el kernel está en lockdown=confidentiality: bloquea leer memoria del kernel desde eBPF (bpf_probe_read_kernel, bpf_probe_read_str sobre punteros del kernel) y con ello casi todo bpftrace y el tracing.`,
      fix: 'Arranca sin lockdown=confidentiality (parámetro lockdown=integrity o none, o desactiva Secure Boot si lo impone).',
    };
  }
  if (mode === 'integrity') {
    return {
      id: 'lockdown',
      status: 'ok',
      title: 'Lockdown: integrity',
      detail: `Según ${source}, lockdown=integrity: bloquea modificar el kernel en marcha (bpf_probe_write_user, módulos sin firmar), pero no el tracing de las lecciones.`,
      fix: '',
    };
  }
  return { id: 'lockdown', status: 'ok', title: 'Lockdown: none', detail: 'Sin lockdown: nada bloquea eBPF.', fix: '' };
}
