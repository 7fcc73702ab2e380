// How the running system is set up: bpffs and tracefs mounts, the JIT and
// unprivileged-BPF sysctls, and lockdown.
import type { SystemView } from '../system.ts';
import type { Check, CheckContext } from './context.ts';
import { fill } from '../../../lib/messages/fill.mjs';
import { requirements as t } from '../../../lib/messages/es/requirements.mjs';

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
          title: t['bpffs.mounted.title'],
          detail: t['bpffs.mounted'],
          fix: '',
        }
      : {
          id: 'bpffs',
          status: 'warn',
          title: t['bpffs.unmounted.title'],
          detail: t['bpffs.unmounted'],
          fix: `${root ? '' : 'sudo '}mount -t bpf bpf /sys/fs/bpf`,
        },
    tracefs
      ? {
          id: 'tracefs',
          status: 'ok',
          title: t['tracefs.mounted.title'],
          detail: t['tracefs.mounted'],
          fix: '',
        }
      : {
          id: 'tracefs',
          status: 'fail',
          title: t['tracefs.unmounted.title'],
          detail: t['tracefs.unmounted'],
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
          title: t['jit.title'],
          detail: t['jit.unreadable'],
          fix: t['jit.unreadable.fix'],
        }
      : jit !== '0'
        ? {
            id: 'jit',
            status: 'ok',
            title: t['jit.title'],
            detail: fill(t['jit.on'], { value: jit }),
            fix: '',
          }
        : {
            id: 'jit',
            status: 'warn',
            title: t['jit.title'],
            detail: t['jit.off'],
            fix: `${root ? '' : 'sudo '}sysctl -w net.core.bpf_jit_enable=1`,
          },
    {
      id: 'unprivileged-bpf',
      status: unpriv === '0' || root ? 'ok' : 'warn',
      title: t['unprivileged.title'],
      detail:
        unpriv === '0'
          ? t['unprivileged.allowed']
          : fill(t[root ? 'unprivileged.restrictedRoot' : 'unprivileged.restricted'], { value: unpriv ?? '?' }),
      fix: unpriv === '0' || root ? '' : t['unprivileged.fix'],
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
    source = t['lockdown.sourceConfig'];
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
      title: t['lockdown.title'],
      detail: t['lockdown.unknown'],
      fix: '',
    };
  if (mode === 'confidentiality') {
    return {
      id: 'lockdown',
      status: 'fail',
      title: t['lockdown.confidentiality.title'],
      detail: fill(t['lockdown.confidentiality'], { source }),
      fix: t['lockdown.confidentiality.fix'],
    };
  }
  if (mode === 'integrity') {
    return {
      id: 'lockdown',
      status: 'ok',
      title: t['lockdown.integrity.title'],
      detail: fill(t['lockdown.integrity'], { source }),
      fix: '',
    };
  }
  return { id: 'lockdown', status: 'ok', title: t['lockdown.none.title'], detail: t['lockdown.none'], fix: '' };
}
