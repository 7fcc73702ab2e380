// What each environment boots or enters: a Debian userland made by mmdebstrap
// and a Debian kernel with a small busybox initramfs, both from the package
// archives and cached under the versions they were made from.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LabError, type SuiteApt } from './apt.ts';
import { cacheDir, cached, keyOf } from './cache.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
/** Bump when the way an image is made changes (not what it is made of): old images are then rebuilt. */
const RECIPE = '2';

function sh(cmd: string, args: string[], opts: { cwd?: string; input?: Buffer } = {}): Buffer {
  try {
    return execFileSync(cmd, args, { cwd: opts.cwd, input: opts.input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 256 << 20 });
  } catch (err) {
    const e = err as { stderr?: Buffer; message: string };
    throw new LabError(`${cmd} ${args.join(' ')}: ${(e.stderr?.toString() || e.message).trim().slice(-2000)}`);
  }
}

export interface UserlandImage {
  name: string;
  root: string;
  /** `package=version` of what was asked for, as installed. */
  versions: string[];
  hit: boolean;
}

/** The userland's root filesystem (read-only from then on: environments write only to tmpfs and their project copy). */
export async function userlandImage(apt: SuiteApt): Promise<UserlandImage> {
  const u = apt.userland;
  const versions = apt.candidates(u.packages);
  const node = u.node === 'host' ? [`node(host)=${process.version}`] : [];
  const name = `${u.name}-${keyOf(RECIPE, ...u.sources, ...versions, ...node)}`;
  const { path, hit } = await cached(cacheDir('userland'), name, (tmp) => {
    const root = join(tmp, 'root');
    sh('mmdebstrap', ['--quiet', '--variant=apt', '--components=main', `--include=${u.packages.join(',')}`, u.name, root, ...u.sources]);
    if (u.node === 'host') copyFileSync(process.execPath, join(root, 'usr/local/bin/node'));
    chmodSync(join(root, 'usr/local/bin'), 0o755);
    // Mount points of the guest's shares.
    mkdirSync(join(root, 'taller'), { recursive: true });
    mkdirSync(join(root, 'usr/lib/modules'), { recursive: true });
    writeFileSync(join(tmp, 'versions.txt'), [...versions, ...node].join('\n') + '\n');
  });
  return { name: u.name, root: join(path, 'root'), versions: readFileSync(join(path, 'versions.txt'), 'utf8').trim().split('\n'), hit };
}

export interface KernelImage {
  /** e.g. linux-image-6.1.0-57-amd64=6.1.192-3 */
  package: string;
  release: string;
  vmlinuz: string;
  /** The kernel package's /boot (config-<release> is what `zgrep … /boot/config-$(uname -r)` reads). */
  boot: string;
  initrd: string;
  /** `<dir>/<release>/…`, shared with the guest as /usr/lib/modules. */
  modules: string;
  hit: boolean;
}

/** Modules a 9p root over virtio needs, in load order (dependencies first), skipping built-in ones. */
function loadOrder(modulesDir: string, release: string, wanted: string[]): string[] {
  const dir = join(modulesDir, release);
  const dep = new Map<string, string[]>();
  for (const line of readFileSync(join(dir, 'modules.dep'), 'utf8').split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) dep.set(m[1], m[2].split(/\s+/).filter(Boolean));
  }
  const byName = new Map(
    [...dep.keys()].map((p) => [
      p
        .split('/')
        .pop()!
        .replace(/\.ko(\.\w+)?$/, ''),
      p,
    ]),
  );
  const order: string[] = [];
  const visit = (path: string) => {
    if (order.includes(path)) return;
    for (const d of [...(dep.get(path) ?? [])].reverse()) visit(d);
    order.push(path);
  };
  for (const w of wanted) {
    const p = byName.get(w);
    if (p) visit(p);
    else if (!readFileSync(join(dir, 'modules.builtin'), 'utf8').includes(`/${w}.ko`)) {
      throw new LabError(`kernel ${release} has neither a module nor a built-in ${w}`);
    }
  }
  return order;
}

function decompress(src: string, dest: string): void {
  if (src.endsWith('.xz')) writeFileSync(dest, sh('xz', ['-dc', src]));
  else if (src.endsWith('.zst')) writeFileSync(dest, sh('zstd', ['-qdc', src]));
  else copyFileSync(src, dest);
}

/** The initramfs: a static busybox (from the userland), the init script, the 9p modules. */
function buildInitramfs(out: string, modulesDir: string, release: string, busybox: string): void {
  const dir = `${out}.d`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'bin'), { recursive: true });
  mkdirSync(join(dir, 'modules'));
  copyFileSync(busybox, join(dir, 'bin/busybox'));
  copyFileSync(join(HERE, 'guest/initramfs-init'), join(dir, 'init'));
  chmodSync(join(dir, 'init'), 0o755);
  chmodSync(join(dir, 'bin/busybox'), 0o755);
  const names: string[] = [];
  for (const rel of loadOrder(modulesDir, release, ['virtio_pci', '9pnet_virtio', '9p'])) {
    const name = rel
      .split('/')
      .pop()!
      .replace(/\.(xz|zst)$/, '');
    decompress(join(modulesDir, release, rel), join(dir, 'modules', name));
    names.push(name);
  }
  writeFileSync(join(dir, 'modules/order'), names.join('\n') + '\n');
  const list = sh('find', ['.', '-print0'], { cwd: dir });
  const archive = sh('cpio', ['--null', '-o', '-H', 'newc', '--quiet'], { cwd: dir, input: list });
  writeFileSync(out, sh('gzip', ['-9n'], { input: archive }));
  rmSync(dir, { recursive: true, force: true });
}

/** The userland suite's own kernel of `series`, unpacked, with its initramfs. */
export async function kernelImage(apt: SuiteApt, series: string, userland: UserlandImage): Promise<KernelImage> {
  const pkg = apt.kernelPackage(series);
  const busybox = join(userland.root, 'bin/busybox');
  const recipe = keyOf(RECIPE, readFileSync(join(HERE, 'guest/initramfs-init'), 'utf8'), readFileSync(busybox).length.toString());
  const name = `${pkg.name}_${pkg.version}-${recipe}`;
  const { path, hit } = await cached(cacheDir('kernel'), name, (tmp) => {
    const deb = apt.download(pkg.name, pkg.version, tmp);
    const x = join(tmp, 'x');
    sh('dpkg-deb', ['-x', deb, x]);
    rmSync(deb);
    const release = readdirSync(join(x, 'boot'))
      .find((f) => f.startsWith('vmlinuz-'))
      ?.slice('vmlinuz-'.length);
    if (!release) throw new LabError(`${pkg.name} has no /boot/vmlinuz-*`);
    // /boot as Debian has it (vmlinuz, config, System.map): the guest mounts it read-only.
    renameSync(join(x, 'boot'), join(tmp, 'boot'));
    const mods = existsSync(join(x, 'usr/lib/modules')) ? join(x, 'usr/lib/modules') : join(x, 'lib/modules');
    mkdirSync(join(tmp, 'modules/lib'), { recursive: true });
    renameSync(mods, join(tmp, 'modules/lib/modules'));
    sh('depmod', ['-b', join(tmp, 'modules'), release]);
    rmSync(x, { recursive: true, force: true });
    buildInitramfs(join(tmp, 'initrd.img'), join(tmp, 'modules/lib/modules'), release, busybox);
    writeFileSync(join(tmp, 'release'), release + '\n');
  });
  const release = readFileSync(join(path, 'release'), 'utf8').trim();
  return {
    package: `${pkg.name}=${pkg.version}`,
    release,
    vmlinuz: join(path, 'boot', `vmlinuz-${release}`),
    boot: join(path, 'boot'),
    initrd: join(path, 'initrd.img'),
    modules: join(path, 'modules/lib/modules'),
    hit,
  };
}
