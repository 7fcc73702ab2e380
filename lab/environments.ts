// The environments the lab runs the workshop in: the host itself, another
// userland on the host kernel (chroot), and Debian kernels with their own
// userland under qemu. Adding one is a line here (see docs/kernel-lab.md).

/** A Debian userland: its suites (apt sources) and what the workshop needs in it. */
export interface Userland {
  name: 'bookworm' | 'trixie';
  /** apt source lines (Debian's archives only). */
  sources: string[];
  packages: string[];
  /**
   * Node.js: the suite's own package (trixie has Node 20), or the host's binary when the suite's
   * Node is too old for the workshop (bookworm ships 18; learners there install Node 20 from outside
   * Debian, as the host did).
   */
  node: 'package' | 'host';
}

const DEBIAN = 'http://deb.debian.org/debian';
const SECURITY = 'http://deb.debian.org/debian-security';

/** What the workshop needs in a userland, plus what the lab's guest init and workloads use. */
const COMMON = [
  'clang',
  'llvm',
  'bpftool',
  'bpftrace',
  'libbpf-dev',
  'linux-libc-dev',
  'make',
  'gcc',
  'libc6-dev',
  'pkg-config',
  'libelf-dev',
  'zlib1g-dev',
  'iproute2',
  'iputils-ping',
  'tcpdump',
  'procps',
  'kmod',
  'util-linux',
  'mount',
  'busybox-static',
  'ca-certificates',
  'libcap2-bin',
  'gzip',
];

export const USERLANDS: Record<Userland['name'], Userland> = {
  bookworm: {
    name: 'bookworm',
    sources: [`deb ${DEBIAN} bookworm main`, `deb ${DEBIAN} bookworm-updates main`, `deb ${SECURITY} bookworm-security main`],
    packages: COMMON,
    node: 'host',
  },
  trixie: {
    name: 'trixie',
    sources: [`deb ${DEBIAN} trixie main`, `deb ${SECURITY} trixie-security main`],
    packages: [...COMMON, 'nodejs'],
    node: 'package',
  },
};

export type EnvironmentKind = 'host' | 'chroot' | 'qemu';

export interface Environment {
  /** A, B, C…: the column of docs/compatibility.md. */
  id: string;
  kind: EnvironmentKind;
  /** chroot and qemu: the userland. */
  userland?: Userland['name'];
  /** qemu: the kernel series, taken from the userland's own `linux-image-amd64` (e.g. '6.1'). */
  kernel?: string;
  /** Run only this part of the suite (keeps CI inside its time budget); all when absent. */
  subset?: 'targeted';
}

export const ENVIRONMENTS: Environment[] = [
  { id: 'A', kind: 'host' },
  { id: 'B', kind: 'chroot', userland: 'trixie' },
  { id: 'C', kind: 'qemu', userland: 'bookworm', kernel: '6.1' },
  { id: 'D', kind: 'qemu', userland: 'trixie', kernel: '6.12' },
];
