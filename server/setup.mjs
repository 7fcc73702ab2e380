#!/usr/bin/env node
// One-command setup, shared by `npm start` and `npm test`. Plain JavaScript with
// Node built-ins only, because it runs before `npm ci` has installed anything.
//
//   node server/setup.mjs            deps + system tools + mounts + bpf/ + site build
//   node server/setup.mjs --for-tests   also requires Chromium (for the browser tests)
//
// Each step is skipped when already done, so a second run costs well under a second.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const forTests = process.argv.includes('--for-tests');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

const say = (msg) => console.log(`[taller] ${msg}`);
const fail = (msg) => {
  console.error(`[taller] ERROR: ${msg}`);
  process.exit(1);
};

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
  return r.status === 0;
}

function which(cmd) {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin'])) {
    if (dir && existsSync(join(dir, cmd))) return join(dir, cmd);
  }
  return null;
}

// ---- 1. npm dependencies -------------------------------------------------
function ensureNodeModules() {
  const marker = join(ROOT, 'node_modules', '.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  say('Instalando dependencias de npm (npm ci)…');
  if (!run('npm', ['ci', '--no-audit', '--no-fund'])) fail('npm ci ha fallado; revisa la salida anterior.');
}

// ---- 2. system packages --------------------------------------------------
// [what to look for, Debian package that provides it]
const SYSTEM_NEEDS = [
  { check: () => which('clang'), pkg: 'clang', what: 'clang' },
  { check: () => which('llvm-strip') || which('llvm-strip-14'), pkg: 'llvm', what: 'llvm-strip' },
  { check: () => which('bpftool'), pkg: 'bpftool', what: 'bpftool' },
  { check: () => which('bpftrace'), pkg: 'bpftrace', what: 'bpftrace' },
  { check: () => existsSync('/usr/include/bpf/bpf_helpers.h'), pkg: 'libbpf-dev', what: 'cabeceras de libbpf' },
  { check: () => existsSync('/usr/include/linux/bpf.h'), pkg: 'linux-libc-dev', what: 'cabeceras uapi de Linux' },
  { check: () => which('make'), pkg: 'make', what: 'make' },
  { check: () => which('cc') || which('gcc'), pkg: 'gcc', what: 'compilador de C' },
  ...(forTests ? [{ check: () => existsSync('/usr/bin/chromium'), pkg: 'chromium', what: 'Chromium (pruebas)' }] : []),
];

function ensureSystemPackages() {
  const missing = SYSTEM_NEEDS.filter((n) => !n.check());
  if (missing.length === 0) return;
  const pkgs = [...new Set(missing.map((n) => n.pkg))];
  const cmd = `apt-get install -y ${pkgs.join(' ')}`;
  say(`Faltan: ${missing.map((n) => n.what).join(', ')}.`);
  if (isRoot && which('apt-get')) {
    say(`Instalando con apt-get: ${pkgs.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update'], { env });
    if (!run('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs], { env })) {
      fail(`apt-get no pudo instalar los paquetes. Prueba a mano: ${cmd}`);
    }
    return;
  }
  const hint = which('apt-get') ? `sudo apt-get update && sudo ${cmd}` : `instala con tu gestor de paquetes: ${pkgs.join(', ')}`;
  if (forTests) fail(`Las pruebas necesitan estos paquetes. Ejecuta: ${hint}`);
  say(`Los ejemplos que los usan no funcionarán hasta que ejecutes: ${hint}`);
}

// ---- 3. bpffs and tracefs ------------------------------------------------
function mounted(fsType, path) {
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

function ensureMounts() {
  const wanted = [
    ['bpf', '/sys/fs/bpf'],
    ['tracefs', '/sys/kernel/tracing'],
    ['securityfs', '/sys/kernel/security'], // to read the lockdown mode
  ];
  for (const [type, path] of wanted) {
    if (mounted(type, path)) continue;
    if (!isRoot) {
      say(`${path} (${type}) no está montado. Para montarlo: sudo mount -t ${type} ${type} ${path}`);
      continue;
    }
    if (run('mount', ['-t', type, type, path], { stdio: 'pipe' })) say(`Montado ${type} en ${path}.`);
    else say(`No se pudo montar ${type} en ${path}; los ejemplos que lo usan fallarán.`);
  }
}

// ---- 4. the C runner in bpf/ ---------------------------------------------
function ensureBpfBuild() {
  if (!existsSync(join(ROOT, 'bpf', 'Makefile'))) return;
  if (!which('clang') || !which('make')) return;
  if (!run('make', ['-s', '-C', 'bpf'])) fail('make -C bpf ha fallado; revisa la salida anterior.');
}

// ---- 5. the site ----------------------------------------------------------
function hashTree(hash, path) {
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
  for (const p of ['astro.config.mjs', 'package-lock.json', 'src', 'content', 'public', 'bpf']) {
    if (existsSync(join(ROOT, p))) hashTree(hash, join(ROOT, p));
  }
  return hash.digest('hex');
}

function ensureSiteBuild() {
  const stamp = join(ROOT, 'dist', '.build-hash');
  const want = siteInputsHash();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  say('Construyendo el sitio (astro build)…');
  const t0 = Date.now();
  const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
  if (!run(process.execPath, [join(ROOT, 'node_modules', 'astro', 'astro.js'), 'build', '--silent'], { env })) {
    fail('La construcción del sitio ha fallado; revisa la salida anterior.');
  }
  writeFileSync(stamp, want);
  say(`Sitio construido en ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureNodeModules();
  ensureSystemPackages();
  ensureMounts();
  ensureBpfBuild();
  ensureSiteBuild();
}
