// The kernel's release and configuration, as the checks and block readiness read them.
import type { SystemView } from '../system.ts';

export interface KernelVersion {
  major: number;
  minor: number;
  release: string;
}

export function parseKernelRelease(release: string): KernelVersion | null {
  const m = /^(\d+)\.(\d+)/.exec(release.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]), release: release.trim() } : null;
}

export const atLeast = (v: KernelVersion, major: number, minor: number) => v.major > major || (v.major === major && v.minor >= minor);

/** Kernel configuration from /proc/config.gz or /boot/config-<release>; null if unreadable. */
export function readKernelConfig(view: SystemView, release: string): Map<string, string> | null {
  const text = view.read('/proc/config.gz') ?? view.read(`/boot/config-${release}`);
  if (!text) return null;
  const config = new Map<string, string>();
  for (const line of text.split('\n')) {
    const set = /^CONFIG_(\w+)=(.*)$/.exec(line);
    if (set) config.set(set[1], set[2]);
    const unset = /^# CONFIG_(\w+) is not set/.exec(line);
    if (unset) config.set(unset[1], 'n');
  }
  return config;
}
