// Where the workshop runs: Linux, macOS, another system, WSL2 or a container.
// Shown first: it explains everything else.
import type { SystemView } from '../system.ts';
import type { Check } from './context.ts';

export function environmentCheck(view: SystemView): Check {
  if (view.platform === 'darwin') {
    return {
      id: 'environment',
      status: 'fail',
      title: 'macOS',
      detail: 'eBPF es una tecnología del kernel Linux: macOS no la tiene.',
      fix: 'Usa una máquina virtual Linux (Lima, multipass, UTM o Docker Desktop con un contenedor privilegiado) y ejecuta el taller dentro.',
    };
  }
  if (view.platform !== 'linux') {
    return {
      id: 'environment',
      status: 'fail',
      title: view.platform,
      detail: 'eBPF necesita Linux.',
      fix: 'Usa WSL2 (Windows) o una máquina virtual Linux.',
    };
  }
  const release = view.read('/proc/sys/kernel/osrelease') ?? '';
  if (/microsoft|WSL/i.test(release) || view.exists('/proc/sys/fs/binfmt_misc/WSLInterop')) {
    return {
      id: 'environment',
      status: 'warn',
      title: 'WSL2',
      detail:
        'Estás en WSL2: el kernel es el de Microsoft, con eBPF y BTF en las versiones recientes, pero sin cabeceras instalables ni algunos tipos de programa.',
      fix: 'Actualiza el kernel de WSL desde Windows con «wsl --update» y usa BTF (vmlinux.h) en lugar de las cabeceras del kernel.',
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
  return { id: 'environment', status: 'ok', title: 'Linux', detail: 'Linux nativo o máquina virtual.', fix: '' };
}

export const CONTAINER = 'Contenedor';
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
      detail:
        'Parece que estás dentro de un contenedor. eBPF usa el kernel del anfitrión, y el contenedor ya tiene lo que hace falta: privilegios y tracefs y bpffs montados.',
      fix: '',
    };
  }
  return {
    id: 'environment',
    status: 'warn',
    title: CONTAINER,
    detail:
      `Parece que estás dentro de un contenedor y ${missing.length === 1 ? 'esta comprobación no pasa' : 'estas comprobaciones no pasan'}: ${missing.map((c) => c.title).join(', ')}. ` +
      'eBPF usa el kernel del anfitrión, y el contenedor necesita privilegios (o CAP_BPF, CAP_PERFMON y CAP_SYS_ADMIN) y tener tracefs y bpffs montados.',
    fix: 'Arranca el contenedor con --privileged (o las capacidades anteriores) y -v /sys/kernel/tracing:/sys/kernel/tracing -v /sys/fs/bpf:/sys/fs/bpf.',
  };
}
