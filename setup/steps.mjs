// The setup steps shared by `npm start` and `npm test` (run by launch.mjs).
// Plain JavaScript with Node built-ins only: it runs before `npm ci`.
//
// Steps that only build (npm ci, make -C bpf, astro build) run as the owner of
// the checkout even when the launcher is root, so that no root-owned file is
// ever left in the checkout or the learner's home. Steps that need root
// (system packages, mounts) run only when root. Each step is skipped when
// already done, so a second run costs well under a second.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lchownSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { release } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AVAILABLE_ARGV, installPlan, parseOsRelease } from '../lib/install-plan.mjs';
import { fill } from '../lib/messages/fill.mjs';
import { setup as t } from '../lib/messages/es/setup.mjs';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const say = (/** @type {string} */ msg) => console.log(`[taller] ${msg}`);
export class SetupError extends Error {}
const fail = (/** @type {string} */ msg) => {
  throw new SetupError(msg);
};

/**
 * Who the unprivileged steps run as: the checkout's owner. When that is the
 * current user, commands run as they are.
 * @typedef {{ uid: number, gid: number, name: string, home: string }} Learner
 */

/** The passwd entry of a uid. @param {number} uid @returns {Learner | null} */
export function passwdEntry(uid) {
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [name, , u, g, , home] = line.split(':');
      if (Number(u) === uid && name) return { uid, gid: Number(g), name, home: home || '/' };
    }
  } catch {
    /* no /etc/passwd */
  }
  return null;
}

/** @returns {Learner} */
export function checkoutOwner() {
  const st = statSync(ROOT);
  return passwdEntry(st.uid) ?? { uid: st.uid, gid: st.gid, name: String(st.uid), home: '/' };
}

const BASE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * Runs a command; as `learner` (uid, gid, supplementary groups dropped, their
 * HOME) when the current process is root and the learner is not.
 * @param {string} cmd @param {string[]} args @param {{ learner?: Learner, env?: Record<string, string>, stdio?: any }} [opts]
 */
export function run(cmd, args, opts = {}) {
  const me = process.getuid?.() ?? 0;
  const drop = opts.learner && me === 0 && opts.learner.uid !== 0;
  /** @type {Record<string, string | undefined>} */
  let env = { ...process.env, ...opts.env };
  if (drop && opts.learner) {
    const l = opts.learner;
    // Only what a build needs, with the learner's own home (npm's cache, logs).
    env = {
      PATH: `${join(process.execPath, '..')}:${process.env.PATH ?? BASE_PATH}`,
      HOME: l.home,
      USER: l.name,
      LOGNAME: l.name,
      LANG: process.env.LANG ?? 'C.UTF-8',
      TERM: process.env.TERM ?? 'dumb',
      ...(process.env.CI ? { CI: process.env.CI } : {}),
      ...opts.env,
    };
  }
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    stdio: opts.stdio ?? 'inherit',
    env,
    ...(drop && opts.learner ? { uid: opts.learner.uid, gid: opts.learner.gid } : {}),
  });
  return r.status === 0;
}

export function which(/** @type {string} */ cmd) {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin'])) {
    if (dir && existsSync(join(dir, cmd))) return join(dir, cmd);
  }
  return null;
}

// ---- 1. npm dependencies -------------------------------------------------
/** @param {Learner} learner */
export function ensureNodeModules(learner) {
  const marker = join(ROOT, 'node_modules', '.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  say(t['steps.npmCi']);
  if (!run('npm', ['ci', '--no-audit', '--no-fund'], { learner })) fail(t['steps.npmCiFailed']);
}

// ---- 2. system packages --------------------------------------------------
/** @typedef {import('../lib/install-plan.mjs').Need} Need */
/** @type {Array<{ check: () => unknown, need: Need, what: string, tests?: boolean }>} */
const SYSTEM_NEEDS = [
  { check: () => which('clang'), need: 'clang', what: 'clang' },
  { check: () => which('llvm-strip') || which('llvm-strip-14'), need: 'llvm-strip', what: 'llvm-strip' },
  { check: () => which('bpftool'), need: 'bpftool', what: 'bpftool' },
  { check: () => which('bpftrace'), need: 'bpftrace', what: 'bpftrace' },
  // bpf_helpers.h for the BPF programs, libbpf.h for the runner and the lessons' own loaders (both in libbpf-dev).
  {
    check: () => existsSync('/usr/include/bpf/bpf_helpers.h') && existsSync('/usr/include/bpf/libbpf.h'),
    need: 'libbpf',
    what: t['need.libbpf'],
  },
  { check: () => existsSync('/usr/include/linux/bpf.h'), need: 'uapi-headers', what: t['need.uapi'] },
  { check: () => which('make'), need: 'make', what: 'make' },
  { check: () => which('cc') || which('gcc'), need: 'cc', what: t['need.cc'] },
  // The networking lessons' sandbox (two namespaces and a veth pair per run), its ping, and tcpdump -d.
  { check: () => which('ip'), need: 'ip', what: t['need.ip'] },
  { check: () => which('ping'), need: 'ping', what: 'ping' },
  { check: () => which('tcpdump'), need: 'tcpdump', what: 'tcpdump' },
  { check: () => existsSync('/usr/bin/chromium'), need: 'chromium', what: t['need.chromium'], tests: true },
  { check: () => which('sudo'), need: 'sudo', what: t['need.sudo'], tests: true },
];

function osRelease() {
  for (const p of ['/etc/os-release', '/usr/lib/os-release']) {
    try {
      return parseOsRelease(readFileSync(p, 'utf8'));
    } catch {
      /* try the next */
    }
  }
  return parseOsRelease('');
}

/** @param {{ forTests: boolean, root: boolean, sudo: boolean }} o */
export function ensureSystemPackages({ forTests, root, sudo }) {
  const missing = SYSTEM_NEEDS.filter((n) => (forTests || !n.tests) && !n.check());
  if (missing.length === 0) return;
  say(fill(t['steps.missing'], { what: missing.map((n) => n.what).join(', ') }));
  const os = osRelease();
  const pm = installPlan(os, [], release(), () => true).pm;
  const probe = (/** @type {string} */ pkg) => {
    if (!pm) return false;
    const [cmd, ...args] = AVAILABLE_ARGV[pm](pkg);
    return run(cmd, args, { stdio: 'ignore' });
  };
  if (root && pm === 'apt') run('apt-get', ['update', '-qq'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  const plan = installPlan(
    os,
    missing.map((n) => n.need),
    release(),
    probe,
  );
  if (plan.argv && root) {
    say(fill(t['steps.installing'], { distro: os.name, packages: plan.packages.join(' ') }));
    const [cmd, ...args] = plan.argv;
    if (!run(cmd, args, { env: { DEBIAN_FRONTEND: 'noninteractive' } })) {
      fail(fill(t['steps.installFailed'], { cmd, command: plan.argv.join(' ') }));
    }
  } else if (plan.argv) {
    const hint = `${sudo ? 'sudo ' : ''}${plan.argv.join(' ')}`;
    if (forTests) fail(fill(t['steps.testsNeedPackages'], { command: hint }));
    say(fill(t['steps.examplesNeedPackages'], { command: hint }));
  }
  for (const m of plan.missing) say(fill(t['steps.cannotInstall'], { need: m.need, why: m.why }));
  if (forTests && plan.missing.length > 0) fail(t['steps.testsMissingTools']);
}

// ---- 3. bpffs and tracefs ------------------------------------------------
function mounted(/** @type {string} */ fsType, /** @type {string} */ path) {
  try {
    return readFileSync('/proc/self/mounts', 'utf8')
      .split('\n')
      .some((l) => {
        const [, mnt, type] = l.split(' ');
        return mnt === path && type === fsType;
      });
  } catch {
    return false;
  }
}

/** @param {{ root: boolean }} o */
export function ensureMounts({ root }) {
  const wanted = [
    ['bpf', '/sys/fs/bpf'],
    ['tracefs', '/sys/kernel/tracing'],
    ['securityfs', '/sys/kernel/security'], // to read the lockdown mode
  ];
  for (const [type, path] of wanted) {
    if (mounted(type, path)) continue;
    if (!root) {
      say(fill(t['steps.notMounted'], { path, type }));
      continue;
    }
    if (run('mount', ['-t', type, type, path], { stdio: 'pipe' })) say(fill(t['steps.mounted'], { path, type }));
    else say(fill(t['steps.mountFailed'], { path, type }));
  }
}

// ---- 4. the C runner in bpf/ ---------------------------------------------
/** @param {Learner} learner */
export function ensureBpfBuild(learner) {
  if (!existsSync(join(ROOT, 'bpf', 'Makefile'))) return;
  if (!which('clang') || !which('make')) return;
  if (!run('make', ['-s', '-C', 'bpf'], { learner })) fail(t['steps.makeFailed']);
}

// ---- 5. the site ----------------------------------------------------------
function hashTree(/** @type {import('node:crypto').Hash} */ hash, /** @type {string} */ path) {
  const st = statSync(path);
  if (st.isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      if (name === 'node_modules' || name === '.output' || name.startsWith('.')) continue;
      hashTree(hash, join(path, name));
    }
  } else {
    hash.update(path.slice(ROOT.length));
    hash.update(readFileSync(path));
  }
}

export function siteInputsHash() {
  const hash = createHash('sha256');
  for (const p of ['astro.config.mjs', 'package-lock.json', 'src', 'lib', 'content', 'public', 'bpf']) {
    if (existsSync(join(ROOT, p))) hashTree(hash, join(ROOT, p));
  }
  return hash.digest('hex');
}

/** @param {Learner} learner */
export function ensureSiteBuild(learner) {
  const stamp = join(ROOT, 'dist', '.build-hash');
  const want = siteInputsHash();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  say(t['steps.building']);
  const t0 = Date.now();
  const astro = join(ROOT, 'node_modules', 'astro', 'astro.js');
  // Astro's content cache remembers the lesson files of the last build: after a pull that renames or
  // removes a lesson, the next build fails on the old name. A rebuild starts without it.
  for (const cache of [join(ROOT, '.astro'), join(ROOT, 'node_modules', '.astro')]) rmSync(cache, { recursive: true, force: true });
  if (!run(process.execPath, [astro, 'build', '--silent'], { learner, env: { ASTRO_TELEMETRY_DISABLED: '1' } })) {
    fail(t['steps.buildFailed']);
  }
  // Written by the learner too, so that the stamp is theirs (never by root: it would be root's file).
  run(process.execPath, ['-e', 'require("fs").writeFileSync(process.argv[1], process.argv[2])', stamp, want], { learner });
  say(fill(t['steps.built'], { seconds: ((Date.now() - t0) / 1000).toFixed(1) }));
}

// ---- 6. the server, compiled ------------------------------------------------
/** Where compiled servers live: inside the checkout (its owner's), one folder per hash of their inputs. */
export const SERVER_BUILDS = join(ROOT, '.server-build');
/** What the compiled server is made of: its code, the lessons it reads, the dependencies and the build itself. */
const SERVER_INPUTS = ['package-lock.json', 'setup/build-server.mjs', 'server', 'lib', 'content'];

export function serverInputsHash() {
  const hash = createHash('sha256');
  for (const p of SERVER_INPUTS) {
    if (existsSync(join(ROOT, p))) hashTree(hash, join(ROOT, p));
  }
  return hash.digest('hex');
}

/** The compiled server's folder for the current sources (built or not). */
export function serverBuildDir(hash = serverInputsHash()) {
  return join(SERVER_BUILDS, hash.slice(0, 20));
}

/**
 * Compiles the server and its run table when any input changed (setup/build-server.mjs), as the
 * checkout's owner. Returns the compiled server's entry (main.mjs). Older builds are removed.
 * `quiet`: only the build's errors are shown (tests).
 * @param {Learner} learner @param {{ quiet?: boolean }} [o]
 */
export function ensureServerBuild(learner, { quiet = false } = {}) {
  const dir = serverBuildDir();
  const main = join(dir, 'main.mjs');
  if (existsSync(main)) return main;
  if (!quiet) say(t['steps.buildingServer']);
  const t0 = Date.now();
  const stdio = quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit';
  if (!run(process.execPath, [join(ROOT, 'setup', 'build-server.mjs'), dir], { learner, stdio })) fail(t['steps.serverBuildFailed']);
  for (const old of readdirSync(SERVER_BUILDS)) {
    const path = join(SERVER_BUILDS, old);
    // Not a build another process is writing right now (…tmp-<pid>, renamed when done).
    if (path !== dir && !(old.includes('.tmp-') && Date.now() - statSync(path).mtimeMs < 10 * 60_000)) {
      rmSync(path, { recursive: true, force: true });
    }
  }
  if (!quiet) say(fill(t['steps.serverBuilt'], { seconds: ((Date.now() - t0) / 1000).toFixed(1) }));
  return main;
}

/**
 * After a run as root in a checkout that belongs to someone else (tests,
 * benchmarks: `astro sync` and the like write into the project), gives back to
 * the owner whatever root created there, without following symlinks. Returns
 * how many paths it changed.
 * @param {Learner} learner
 */
export function reclaimCheckout(learner) {
  if ((process.getuid?.() ?? 0) !== 0 || learner.uid === 0) return 0;
  const r = spawnSync('find', [ROOT, '-uid', '0', '-print0'], { encoding: 'utf8' });
  const paths = (r.stdout ?? '').split('\0').filter(Boolean);
  for (const p of paths) {
    try {
      lchownSync(p, learner.uid, learner.gid);
    } catch {
      /* gone meanwhile */
    }
  }
  return paths.length;
}

/**
 * Every step, in order. Packages come before `make` (it needs clang and libbpf);
 * npm ci needs no toolchain (node-pty comes with Linux prebuilds). Returns the compiled server's entry.
 * @param {{ forTests: boolean, root: boolean, sudo: boolean, learner: Learner }} o
 */
export function setupAll(o) {
  ensureNodeModules(o.learner);
  ensureSystemPackages(o);
  ensureMounts(o);
  ensureBpfBuild(o.learner);
  ensureSiteBuild(o.learner);
  return { server: ensureServerBuild(o.learner) };
}

// `node setup/steps.mjs [--for-tests]`: the setup alone, without starting anything.
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.getuid?.() === 0;
  try {
    setupAll({
      forTests: process.argv.includes('--for-tests'),
      root,
      sudo: Boolean(which('sudo')),
      learner: root ? checkoutOwner() : (passwdEntry(process.getuid?.() ?? 0) ?? checkoutOwner()),
    });
  } catch (err) {
    if (!(err instanceof SetupError)) throw err;
    console.error(`[taller] ${fill(t['launch.error'], { message: err.message })}`);
    process.exit(1);
  }
}
