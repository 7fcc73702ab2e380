// Which distribution this is, and the exact command that installs what is
// missing there. The package table lives in lib/install-plan.mjs, shared with
// the installer, so the doctor's fixes and `npm start` never disagree.
import type { SystemView } from './system.ts';
import {
  installCommandText,
  packageManager,
  parseOsRelease,
  type Need as PlanNeed,
  type OsRelease,
  type PackageManager,
} from '../../lib/install-plan.mjs';

export type { PackageManager };
export type Need = Extract<
  PlanNeed,
  'clang' | 'llvm-strip' | 'bpftool' | 'bpftrace' | 'libbpf' | 'uapi-headers' | 'kernel-headers' | 'sudo'
>;

export interface Distro {
  id: string;
  name: string;
  pm: PackageManager | null;
  os: OsRelease;
  /** The running kernel's release (packages such as linux-tools-<release> depend on it). */
  kernelRelease: string;
}

export function detectDistro(view: SystemView): Distro {
  const os = parseOsRelease(view.read('/etc/os-release') ?? view.read('/usr/lib/os-release') ?? '');
  const kernelRelease = (view.read('/proc/sys/kernel/osrelease') ?? '').trim() || '$(uname -r)';
  return { id: os.id, name: os.name, pm: packageManager(os), os, kernelRelease };
}

export function installCommand(distro: Distro, need: Need, root: boolean): string {
  return installCommandText(distro.os, need, distro.kernelRelease, root);
}
