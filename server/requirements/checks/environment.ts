// Where the workshop runs: Linux, macOS, another system, WSL2 or a container.
// Shown first: it explains everything else.
import type { SystemView } from '../system.ts';
import type { Check } from './context.ts';
import { fill } from '../../../lib/messages/fill.mjs';
import { requirements as t } from '../../../lib/messages/es/requirements.mjs';

export function environmentCheck(view: SystemView): Check {
  if (view.platform === 'darwin') {
    return {
      id: 'environment',
      status: 'fail',
      title: t['environment.macos.title'],
      detail: t['environment.macos.detail'],
      fix: t['environment.macos.fix'],
    };
  }
  if (view.platform !== 'linux') {
    return {
      id: 'environment',
      status: 'fail',
      title: view.platform,
      detail: t['environment.other.detail'],
      fix: t['environment.other.fix'],
    };
  }
  const release = view.read('/proc/sys/kernel/osrelease') ?? '';
  if (/microsoft|WSL/i.test(release) || view.exists('/proc/sys/fs/binfmt_misc/WSLInterop')) {
    return {
      id: 'environment',
      status: 'warn',
      title: t['environment.wsl.title'],
      detail: t['environment.wsl.detail'],
      fix: t['environment.wsl.fix'],
    };
  }
  const cgroup = view.read('/proc/1/cgroup') ?? '';
  if (
    view.exists('/.dockerenv') ||
    view.exists('/run/.containerenv') ||
    /docker|kubepods|containerd|lxc/.test(cgroup) ||
    view.env.container
  ) {
    // Provisional: runChecks settles it with containerCheck() once the rest is known.
    return containerCheck([]);
  }
  return { id: 'environment', status: 'ok', title: t['environment.linux.title'], detail: t['environment.linux.detail'], fix: '' };
}

export const CONTAINER = t['environment.container.title'];
/** What a container's options decide: its privileges and the tracefs and bpffs mounts. */
const CONTAINER_CONTROLLED = ['privileges', 'tracefs', 'bpffs'];

/** Inside a container: ok while everything it controls works; otherwise a warning naming what is missing. */
export function containerCheck(others: Check[]): Check {
  const missing = others.filter((c) => CONTAINER_CONTROLLED.includes(c.id) && c.status !== 'ok');
  if (missing.length === 0) {
    return {
      id: 'environment',
      status: 'ok',
      title: CONTAINER,
      detail: t['environment.container.ready'],
      fix: '',
    };
  }
  return {
    id: 'environment',
    status: 'warn',
    title: CONTAINER,
    detail: fill(t[missing.length === 1 ? 'environment.container.missingOne' : 'environment.container.missingMany'], {
      checks: missing.map((c) => c.title).join(', '),
    }),
    fix: t['environment.container.fix'],
  };
}
