// What every group of checks gets: the machine, its distribution (for the
// fixes), and the facts several groups share, read once.
import type { SystemView } from '../system.ts';
import { detectDistro, installCommand, type Distro, type Need } from '../distro.ts';
import { parseKernelRelease, readKernelConfig, type KernelVersion } from './kernel-facts.ts';

import type { Check, CheckStatus as Status } from '../../../lib/protocol.ts';

export type { Check, Status };

export interface CheckContext {
  view: SystemView;
  distro: Distro;
  root: boolean;
  /** The install command for what is missing, fitted to the distribution and the account. */
  fix: (need: Need) => string;
  /** The kernel release (uname -r), '' if unreadable. */
  release: string;
  kernel: KernelVersion | null;
  /** The kernel configuration, null if unreadable. */
  config: Map<string, string> | null;
  /** /sys/kernel/btf/vmlinux exists. */
  btf: boolean;
}

/** One group of checks, in the order they are shown. */
export type CheckGroup = (ctx: CheckContext) => Check[] | Promise<Check[]>;

export function checkContext(view: SystemView): CheckContext {
  const distro = detectDistro(view);
  const root = view.euid === 0;
  const release = (view.read('/proc/sys/kernel/osrelease') ?? '').trim();
  return {
    view,
    distro,
    root,
    fix: (need) => installCommand(distro, need, root),
    release,
    kernel: parseKernelRelease(release),
    config: readKernelConfig(view, release),
    btf: view.exists('/sys/kernel/btf/vmlinux'),
  };
}
