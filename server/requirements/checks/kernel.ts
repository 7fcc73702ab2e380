// The kernel: its version, the eBPF options it was built with, whether
// function tracing (fentry/fexit) works on it, and whether the BPF LSM is active.
import type { Check, CheckContext } from './context.ts';
import { atLeast } from './kernel-facts.ts';
import { fill } from '../../../lib/messages/fill.mjs';
import { requirements as t } from '../../../lib/messages/es/requirements.mjs';

const KERNEL_STEPS: Array<[number, number, string]> = [
  [4, 18, t['kernel.step.btf']],
  [5, 2, t['kernel.step.globalData']],
  [5, 4, t['kernel.step.vmlinux']],
  [5, 5, t['kernel.step.fentry']],
  [5, 8, t['kernel.step.ringBuffer']],
  [5, 11, t['kernel.step.cgroupMemory']],
];

/** The oldest kernel the workshop runs on, and the one it recommends. */
const MINIMUM = [4, 15] as const;
const RECOMMENDED = [5, 8] as const;
const version = ([major, minor]: readonly [number, number]) => `${major}.${minor}`;

export function kernelVersionChecks({ kernel: kv, distro }: CheckContext): Check[] {
  if (!kv) {
    return [
      {
        id: 'kernel-version',
        status: 'fail',
        title: t['kernel.unreadable.title'],
        detail: t['kernel.unreadable.detail'],
        fix: t['kernel.unreadable.fix'],
      },
    ];
  }
  const missing = KERNEL_STEPS.filter(([a, b]) => !atLeast(kv, a, b)).map(([a, b, what]) => `${a}.${b}: ${what}`);
  const title = fill(t['kernel.title'], { release: kv.release });
  if (!atLeast(kv, ...MINIMUM)) {
    return [
      {
        id: 'kernel-version',
        status: 'fail',
        title,
        detail: fill(t['kernel.tooOld'], { min: version(MINIMUM), missing: missing.join('; ') }),
        fix: distro.pm ? fill(t['kernel.tooOld.fixDistro'], { distro: distro.name }) : t['kernel.tooOld.fix'],
      },
    ];
  }
  if (!atLeast(kv, ...RECOMMENDED)) {
    return [
      {
        id: 'kernel-version',
        status: 'warn',
        title,
        detail: fill(t['kernel.old'], { recommended: version(RECOMMENDED), missing: missing.join('; ') }),
        fix: fill(t['kernel.old.fix'], { recommended: version(RECOMMENDED) }),
      },
    ];
  }
  return [
    {
      id: 'kernel-version',
      status: 'ok',
      title,
      detail: fill(t['kernel.ok'], { recommended: version(RECOMMENDED) }),
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
  { name: 'BPF_SYSCALL', needed: true, what: t['config.bpfSyscall.what'], without: t['config.bpfSyscall.without'] },
  { name: 'BPF_JIT', needed: false, what: t['config.bpfJit.what'], without: t['config.bpfJit.without'] },
  { name: 'DEBUG_INFO_BTF', needed: false, what: t['config.debugInfoBtf.what'], without: t['config.debugInfoBtf.without'] },
  { name: 'BPF_EVENTS', needed: true, what: t['config.bpfEvents.what'], without: t['config.bpfEvents.without'] },
  { name: 'FTRACE_SYSCALLS', needed: true, what: t['config.ftraceSyscalls.what'], without: t['config.ftraceSyscalls.without'] },
  { name: 'KPROBES', needed: false, what: t['config.kprobes.what'], without: t['config.kprobes.without'] },
  { name: 'KPROBE_EVENTS', needed: false, what: t['config.kprobeEvents.what'], without: t['config.kprobeEvents.without'] },
  { name: 'UPROBE_EVENTS', needed: false, what: t['config.uprobeEvents.what'], without: t['config.uprobeEvents.without'] },
  { name: 'CGROUP_BPF', needed: false, what: t['config.cgroupBpf.what'] },
  { name: 'BPF_LSM', needed: false, what: t['config.bpfLsm.what'] },
  { name: 'XDP_SOCKETS', needed: false, what: t['config.xdpSockets.what'] },
];

export function kernelConfigChecks({ config, release, root }: CheckContext): Check[] {
  if (!config) {
    return [
      {
        id: 'kernel-config',
        status: 'warn',
        title: t['config.title'],
        detail: fill(t['config.unreadable'], { release }),
        fix: root ? t['config.unreadable.fixRoot'] : t['config.unreadable.fix'],
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
      detail: on
        ? fill(t['config.on'], { what: o.what })
        : o.without
          ? fill(t['config.offWithout'], { what: o.what, without: o.without })
          : fill(t['config.off'], { what: o.what }),
      fix: on ? '' : fill(t['config.fix'], { name: o.name }),
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
        title: t['fentry.title'],
        detail: t['fentry.ok'],
        fix: '',
      },
    ];
  return [
    {
      id: 'function-tracing',
      status: 'warn',
      title: t['fentry.title'],
      detail:
        fentry === 'blocked'
          ? t['fentry.blocked']
          : fentry === 'no-btf'
            ? t['fentry.noBtf']
            : fill(t['fentry.unknown'], { reason: fentry }),
      fix: fentry === 'blocked' ? t['fentry.blocked.fix'] : fentry === 'no-btf' ? t['fentry.noBtf.fix'] : t['fentry.unknown.fix'],
    },
  ];
}

/** The active LSMs, in order (/sys/kernel/security/lsm: «lockdown,capability,landlock,bpf»), null if unreadable. */
export function activeLsms(ctx: CheckContext): string[] | null {
  const text = ctx.view.read('/sys/kernel/security/lsm');
  return text === null ? null : text.trim().split(',').filter(Boolean);
}

/** How to regenerate GRUB's configuration on this distribution. */
function grubUpdate({ distro, root }: CheckContext): string {
  const sudo = root ? '' : 'sudo ';
  if (distro.pm === 'apt') return `${sudo}update-grub`;
  if (distro.pm === 'dnf' || distro.pm === 'zypper') return `${sudo}grub2-mkconfig -o /boot/grub2/grub.cfg`;
  return `${sudo}grub-mkconfig -o /boot/grub/grub.cfg`;
}

/**
 * CONFIG_BPF_LSM only builds the BPF LSM in: it acts only when it is in the list of LSMs the kernel started
 * (CONFIG_LSM, or the boot parameter lsm=). Without it, LSM programs have no effect. Shown only when the
 * option is on (otherwise config-BPF_LSM already says why there are no LSM programs).
 */
export function bpfLsmChecks(ctx: CheckContext): Check[] {
  if (ctx.config?.get('BPF_LSM') !== 'y') return [];
  const lsms = activeLsms(ctx);
  if (lsms === null)
    return [
      {
        id: 'lsm-bpf',
        status: 'warn',
        title: t['lsm.title'],
        detail: t['lsm.unreadable'],
        fix: `${ctx.root ? '' : 'sudo '}mount -t securityfs securityfs /sys/kernel/security`,
      },
    ];
  const list = lsms.join(',');
  if (lsms.includes('bpf')) return [{ id: 'lsm-bpf', status: 'ok', title: t['lsm.title'], detail: fill(t['lsm.ok'], { list }), fix: '' }];
  // capability is always first and cannot be listed in lsm=.
  const wanted = [...lsms.filter((l) => l !== 'capability'), 'bpf'].join(',');
  return [
    {
      id: 'lsm-bpf',
      status: 'warn',
      title: t['lsm.title'],
      detail: fill(t['lsm.missing'], { list }),
      fix: fill(t['lsm.missing.fix'], { wanted, update: grubUpdate(ctx) }),
    },
  ];
}
