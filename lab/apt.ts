// A private apt for one userland's suites (its own sources, lists and
// archives under the lab cache): it says which package versions the userland
// would get today and downloads kernel packages, without touching the host's apt.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Userland } from './environments.ts';
import { cacheDir } from './cache.ts';

const KEYRING = '/usr/share/keyrings/debian-archive-keyring.gpg';
/** Package lists younger than this are used as they are: a second run within it makes no request at all. */
const LISTS_MAX_AGE_MS = 7 * 24 * 3600_000;

export class LabError extends Error {}

export class SuiteApt {
  readonly dir: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(readonly userland: Userland) {
    this.dir = cacheDir('apt', userland.name);
    for (const d of ['state/lists/partial', 'cache/archives/partial', 'etc']) mkdirSync(join(this.dir, d), { recursive: true });
    const sources = userland.sources.map((s) => s.replace(/^deb /, `deb [signed-by=${KEYRING}] `)).join('\n') + '\n';
    writeFileSync(join(this.dir, 'etc/sources.list'), sources);
    if (!existsSync(join(this.dir, 'state/status'))) writeFileSync(join(this.dir, 'state/status'), '');
    writeFileSync(
      join(this.dir, 'etc/apt.conf'),
      [
        `Dir::Etc::SourceList "${this.dir}/etc/sources.list";`,
        'Dir::Etc::SourceParts "/nonexistent";',
        `Dir::Etc::Preferences "/nonexistent";`,
        'Dir::Etc::PreferencesParts "/nonexistent";',
        `Dir::State "${this.dir}/state";`,
        `Dir::State::status "${this.dir}/state/status";`,
        `Dir::Cache "${this.dir}/cache";`,
        'APT::Architecture "amd64";',
        'APT::Sandbox::User "root";',
        '',
      ].join('\n'),
    );
    this.env = { ...process.env, APT_CONFIG: join(this.dir, 'etc/apt.conf'), LC_ALL: 'C' };
  }

  private apt(cmd: string, args: string[], cwd?: string): string {
    try {
      return execFileSync(cmd, args, { env: this.env, cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new LabError(`${cmd} ${args.join(' ')} failed for ${this.userland.name}: ${(e.stderr || e.message).trim()}`);
    }
  }

  /** Fetches the package lists unless recent ones are there. */
  refresh(force = false): 'cached' | 'fetched' {
    const stamp = join(this.dir, 'state/lists/.fetched');
    if (!force && existsSync(stamp) && Date.now() - statSync(stamp).mtimeMs < LISTS_MAX_AGE_MS) return 'cached';
    this.apt('apt-get', ['update', '-qq']);
    writeFileSync(stamp, new Date().toISOString() + '\n');
    return 'fetched';
  }

  /** `name=version` of each package's candidate; fails naming every package the suites lack. */
  candidates(packages: string[]): string[] {
    const out = this.apt('apt-cache', ['policy', ...packages]);
    const found = new Map<string, string>();
    for (const m of out.matchAll(/^(\S+):\n(?:\s+Installed:.*\n)?\s+Candidate: (\S+)/gm)) found.set(m[1], m[2]);
    const missing = packages.filter((p) => !found.get(p) || found.get(p) === '(none)');
    if (missing.length) throw new LabError(`${this.userland.name} has no candidate for: ${missing.join(', ')}`);
    return packages.map((p) => `${p}=${found.get(p)}`);
  }

  /** The suite's own kernel of a series ('6.1'): the newest `linux-image-amd64` of that series and the image it depends on. */
  kernelPackage(series: string): { name: string; version: string } {
    const out = this.apt('apt-cache', ['show', 'linux-image-amd64']);
    const entries = out
      .split(/\n\n+/)
      .map((b) => ({ version: /^Version: (\S+)/m.exec(b)?.[1], depends: /^Depends: (linux-image-\S+) \(= ([^)]+)\)/m.exec(b) }))
      .filter((e) => e.version?.startsWith(`${series}.`) && e.depends);
    const newer = (a: string, b: string) => spawnSync('dpkg', ['--compare-versions', a, 'gt', b]).status === 0;
    let best = entries[0];
    for (const e of entries.slice(1)) if (newer(e.version!, best.version!)) best = e;
    if (!best) throw new LabError(`${this.userland.name} has no linux-image-amd64 of series ${series}`);
    return { name: best.depends![1], version: best.depends![2] };
  }

  /** Downloads one package's .deb into `dir`; returns its path. */
  download(name: string, version: string, dir: string): string {
    this.apt('apt-get', ['download', '-qq', `${name}=${version}`], dir);
    const deb = execFileSync('sh', ['-c', 'ls *.deb'], { cwd: dir, encoding: 'utf8' }).trim().split('\n')[0];
    if (!deb) throw new LabError(`apt-get download ${name}=${version} left no .deb`);
    return join(dir, deb);
  }
}
