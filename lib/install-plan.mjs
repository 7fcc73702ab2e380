// Which packages give each tool on each distribution, and the install plan for
// what is missing. One table for the installer (setup/steps.mjs) and the doctor's
// fixes (requirements/distro.ts). Plain JavaScript: it runs before `npm ci`.
//
// A need can have several alternatives (Ubuntu 22.04/24.04 ship bpftool only
// through linux-tools-common + linux-tools-$(uname -r)); the plan takes the first
// alternative whose packages all exist in the configured repositories, so one
// missing package never makes the whole install fail.
import { fill } from './messages/fill.mjs';
import { setup as t } from './messages/es/setup.mjs';

/** @typedef {'apt' | 'dnf' | 'pacman' | 'zypper' | 'apk'} PackageManager */
/** @typedef {'clang' | 'llvm-strip' | 'bpftool' | 'bpftrace' | 'libbpf' | 'uapi-headers' | 'kernel-headers' | 'make' | 'cc' | 'sudo' | 'chromium' | 'ip' | 'ping' | 'tcpdump'} Need */
/** @typedef {{ id: string, like: string[], versionId: string, name: string }} OsRelease */

/** @type {Record<string, PackageManager>} */
const BY_ID = {
  debian: 'apt',
  ubuntu: 'apt',
  linuxmint: 'apt',
  pop: 'apt',
  raspbian: 'apt',
  fedora: 'dnf',
  rhel: 'dnf',
  centos: 'dnf',
  rocky: 'dnf',
  almalinux: 'dnf',
  amzn: 'dnf',
  arch: 'pacman',
  manjaro: 'pacman',
  endeavouros: 'pacman',
  opensuse: 'zypper',
  'opensuse-leap': 'zypper',
  'opensuse-tumbleweed': 'zypper',
  sles: 'zypper',
  suse: 'zypper',
  alpine: 'apk',
};

/** Packages per need and manager; `$KREL` is the running kernel's release. */
/** @type {Record<PackageManager, Record<Need, string>>} */
const PACKAGES = {
  apt: {
    clang: 'clang',
    'llvm-strip': 'llvm',
    bpftool: 'bpftool',
    bpftrace: 'bpftrace',
    libbpf: 'libbpf-dev',
    'uapi-headers': 'linux-libc-dev',
    'kernel-headers': 'linux-headers-$KREL',
    make: 'make',
    cc: 'gcc',
    sudo: 'sudo',
    chromium: 'chromium',
    ip: 'iproute2',
    ping: 'iputils-ping',
    tcpdump: 'tcpdump',
  },
  dnf: {
    clang: 'clang',
    'llvm-strip': 'llvm',
    bpftool: 'bpftool',
    bpftrace: 'bpftrace',
    libbpf: 'libbpf-devel',
    'uapi-headers': 'kernel-headers',
    'kernel-headers': 'kernel-devel-$KREL',
    make: 'make',
    cc: 'gcc',
    sudo: 'sudo',
    chromium: 'chromium',
    ip: 'iproute',
    ping: 'iputils',
    tcpdump: 'tcpdump',
  },
  pacman: {
    clang: 'clang',
    'llvm-strip': 'llvm',
    bpftool: 'bpf',
    bpftrace: 'bpftrace',
    libbpf: 'libbpf',
    'uapi-headers': 'linux-api-headers',
    'kernel-headers': 'linux-headers',
    make: 'make',
    cc: 'gcc',
    sudo: 'sudo',
    chromium: 'chromium',
    ip: 'iproute2',
    ping: 'iputils',
    tcpdump: 'tcpdump',
  },
  zypper: {
    clang: 'clang',
    'llvm-strip': 'llvm',
    bpftool: 'bpftool',
    bpftrace: 'bpftrace',
    libbpf: 'libbpf-devel',
    'uapi-headers': 'linux-glibc-devel',
    'kernel-headers': 'kernel-default-devel',
    make: 'make',
    cc: 'gcc',
    sudo: 'sudo',
    chromium: 'chromium',
    ip: 'iproute2',
    ping: 'iputils',
    tcpdump: 'tcpdump',
  },
  apk: {
    clang: 'clang',
    'llvm-strip': 'llvm',
    bpftool: 'bpftool',
    bpftrace: 'bpftrace',
    libbpf: 'libbpf-dev',
    'uapi-headers': 'linux-headers',
    'kernel-headers': 'linux-lts-dev',
    make: 'make',
    cc: 'gcc',
    sudo: 'sudo',
    chromium: 'chromium',
    ip: 'iproute2',
    ping: 'iputils',
    tcpdump: 'tcpdump',
  },
};

/** The install command per manager (argv, without packages). */
/** @type {Record<PackageManager, string[]>} */
export const INSTALL_ARGV = {
  apt: ['apt-get', 'install', '-y', '--no-install-recommends'],
  dnf: ['dnf', 'install', '-y'],
  pacman: ['pacman', '-S', '--needed', '--noconfirm'],
  zypper: ['zypper', '--non-interactive', 'install'],
  apk: ['apk', 'add'],
};

/** How to ask the manager whether a package exists in the configured repositories (exit 0 = yes). */
/** @type {Record<PackageManager, (pkg: string) => string[]>} */
export const AVAILABLE_ARGV = {
  apt: (pkg) => ['apt-cache', 'show', '--no-all-versions', pkg],
  dnf: (pkg) => ['dnf', 'info', '-q', pkg],
  pacman: (pkg) => ['pacman', '-Si', pkg],
  zypper: (pkg) => ['zypper', '--non-interactive', '-q', 'search', '-x', pkg],
  apk: (pkg) => ['apk', 'search', '-x', pkg],
};

/** @param {string} text contents of /etc/os-release @returns {OsRelease} */
export function parseOsRelease(text) {
  /** @param {string} k */
  const field = (k) => new RegExp(`^${k}=("?)(.*)\\1$`, 'm').exec(text)?.[2] ?? '';
  const id = field('ID').toLowerCase();
  return {
    id: id || 'desconocida',
    like: field('ID_LIKE').toLowerCase().split(/\s+/).filter(Boolean),
    versionId: field('VERSION_ID'),
    name: field('PRETTY_NAME') || id || t['plan.unknownDistro'],
  };
}

/** @param {OsRelease} os @returns {PackageManager | null} */
export function packageManager(os) {
  return BY_ID[os.id] ?? os.like.map((l) => BY_ID[l]).find(Boolean) ?? null;
}

/** @param {string} v @returns {number} */
const versionNumber = (v) => {
  const [a, b] = v.split('.').map(Number);
  return (a || 0) * 100 + (b || 0);
};

/**
 * The alternatives for one need, best first; each alternative is a list of packages.
 * @param {OsRelease} os @param {Need} need @param {string} kernelRelease @returns {string[][]}
 */
export function alternatives(os, need, kernelRelease) {
  const pm = packageManager(os);
  if (!pm) return [];
  const krel = (/** @type {string} */ p) => p.replace('$KREL', kernelRelease);
  if (need === 'bpftool' && (os.id === 'ubuntu' || os.like.includes('ubuntu'))) {
    const tools = ['linux-tools-common', `linux-tools-${kernelRelease}`];
    // Ubuntu added a bpftool package after 24.04; older releases only have linux-tools.
    return os.id === 'ubuntu' && versionNumber(os.versionId) > 2404 ? [['bpftool'], tools] : [tools, ['bpftool']];
  }
  return [[krel(PACKAGES[pm][need])]];
}

/**
 * What to install for the missing needs, given what the repositories have.
 * @param {OsRelease} os
 * @param {Need[]} needs
 * @param {string} kernelRelease
 * @param {(pkg: string) => boolean} available
 * @returns {{ pm: PackageManager | null, packages: string[], argv: string[] | null, missing: Array<{ need: Need, packages: string[], why: string }> }}
 */
export function installPlan(os, needs, kernelRelease, available) {
  const pm = packageManager(os);
  /** @type {Array<{ need: Need, packages: string[], why: string }>} */
  const missing = [];
  if (!pm) {
    for (const need of needs) missing.push({ need, packages: [], why: fill(t['plan.noManager'], { distro: os.name }) });
    return { pm, packages: [], argv: null, missing };
  }
  /** @type {string[]} */
  const packages = [];
  for (const need of needs) {
    const alts = alternatives(os, need, kernelRelease);
    const found = alts.find((alt) => alt.every(available));
    if (found) {
      for (const p of found) if (!packages.includes(p)) packages.push(p);
      continue;
    }
    const first = alts[0] ?? [];
    const absent = first.filter((p) => !available(p));
    missing.push({
      need,
      packages: first,
      why:
        need === 'bpftool' && first.some((p) => p.startsWith('linux-tools-'))
          ? fill(t[absent.length > 1 ? 'plan.kernelNotPackagedMany' : 'plan.kernelNotPackaged'], {
              packages: absent.join(t['plan.and']),
              kernel: kernelRelease,
              distro: os.name,
            })
          : fill(t[absent.length > 1 ? 'plan.notInReposMany' : 'plan.notInRepos'], {
              packages: absent.join(t['plan.and']),
              distro: os.name,
              manager: pm,
            }),
    });
  }
  return { pm, packages, argv: packages.length ? [...INSTALL_ARGV[pm], ...packages] : null, missing };
}

/** The install command a person types, for a fix text. @param {OsRelease} os @param {Need} need @param {string} kernelRelease @param {boolean} root */
export function installCommandText(os, need, kernelRelease, root) {
  const pm = packageManager(os);
  const alt = alternatives(os, need, kernelRelease)[0];
  if (!pm || !alt) return fill(t['plan.installYourself'], { need });
  return `${root ? '' : 'sudo '}${INSTALL_ARGV[pm].filter((a) => a !== '--no-install-recommends').join(' ')} ${alt.join(' ')}`;
}
