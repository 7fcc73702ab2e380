// Which distribution this is, and the exact command that installs what is missing there.
import type { SystemView } from './system.ts';

export type PackageManager = 'apt' | 'dnf' | 'pacman' | 'zypper' | 'apk';

export interface Distro {
  id: string;
  name: string;
  pm: PackageManager | null;
}

export type Need = 'clang' | 'llvm-strip' | 'bpftool' | 'bpftrace' | 'libbpf' | 'uapi-headers' | 'kernel-headers' | 'sudo';

const PACKAGES: Record<PackageManager, Record<Need, string>> = {
  apt: { clang: 'clang', 'llvm-strip': 'llvm', bpftool: 'bpftool', bpftrace: 'bpftrace', libbpf: 'libbpf-dev', 'uapi-headers': 'linux-libc-dev', 'kernel-headers': 'linux-headers-$(uname -r)', sudo: 'sudo' },
  dnf: { clang: 'clang', 'llvm-strip': 'llvm', bpftool: 'bpftool', bpftrace: 'bpftrace', libbpf: 'libbpf-devel', 'uapi-headers': 'kernel-headers', 'kernel-headers': 'kernel-devel-$(uname -r)', sudo: 'sudo' },
  pacman: { clang: 'clang', 'llvm-strip': 'llvm', bpftool: 'bpf', bpftrace: 'bpftrace', libbpf: 'libbpf', 'uapi-headers': 'linux-api-headers', 'kernel-headers': 'linux-headers', sudo: 'sudo' },
  zypper: { clang: 'clang', 'llvm-strip': 'llvm', bpftool: 'bpftool', bpftrace: 'bpftrace', libbpf: 'libbpf-devel', 'uapi-headers': 'linux-glibc-devel', 'kernel-headers': 'kernel-default-devel', sudo: 'sudo' },
  apk: { clang: 'clang', 'llvm-strip': 'llvm', bpftool: 'bpftool', bpftrace: 'bpftrace', libbpf: 'libbpf-dev', 'uapi-headers': 'linux-headers', 'kernel-headers': 'linux-lts-dev', sudo: 'sudo' },
};

const INSTALL: Record<PackageManager, string> = {
  apt: 'apt-get install -y',
  dnf: 'dnf install -y',
  pacman: 'pacman -S --needed',
  zypper: 'zypper install -y',
  apk: 'apk add',
};

const BY_ID: Record<string, PackageManager> = {
  debian: 'apt', ubuntu: 'apt', linuxmint: 'apt', pop: 'apt', raspbian: 'apt',
  fedora: 'dnf', rhel: 'dnf', centos: 'dnf', rocky: 'dnf', almalinux: 'dnf', amzn: 'dnf',
  arch: 'pacman', manjaro: 'pacman', endeavouros: 'pacman',
  opensuse: 'zypper', 'opensuse-leap': 'zypper', 'opensuse-tumbleweed': 'zypper', sles: 'zypper',
  alpine: 'apk',
};

export function detectDistro(view: SystemView): Distro {
  const text = view.read('/etc/os-release') ?? view.read('/usr/lib/os-release') ?? '';
  const field = (k: string) => new RegExp(`^${k}=("?)(.*)\\1$`, 'm').exec(text)?.[2] ?? '';
  const id = field('ID').toLowerCase();
  const like = field('ID_LIKE').toLowerCase().split(/\s+/);
  const pm = BY_ID[id] ?? like.map((l) => BY_ID[l]).find(Boolean) ?? null;
  return { id: id || 'desconocida', name: field('PRETTY_NAME') || id || 'distribución desconocida', pm };
}

export function installCommand(distro: Distro, need: Need, root: boolean): string {
  if (!distro.pm) return `Instala ${need} con el gestor de paquetes de tu distribución.`;
  const pkg = distro.id === 'ubuntu' && need === 'bpftool' ? 'linux-tools-common linux-tools-$(uname -r)' : PACKAGES[distro.pm][need];
  return `${root ? '' : 'sudo '}${INSTALL[distro.pm]} ${pkg}`;
}
