// The requirements checks on fixture trees of other machines (tests/fixtures/systems,
// written by make-fixtures.py): every status, and the fix for everything not ok.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { fixtureSystem } from '../../server/requirements/system.ts';
import { runChecks, allNeededOk, type Check } from '../../server/requirements/checks.ts';
import { blockReadiness } from '../../server/requirements/readiness.ts';
import { formatReport, summary, wantColour } from '../../server/requirements/report.ts';

async function checksOf(name: string): Promise<Check[]> {
  return runChecks(fixtureSystem(`tests/fixtures/systems/${name}`));
}

/** Every check not listed must be ok; every listed one must have that status and a fix matching. */
function expectStatuses(checks: Check[], notOk: Record<string, ['warn' | 'fail', RegExp]>) {
  const got = Object.fromEntries(checks.map((c) => [c.id, c.status]));
  const want = Object.fromEntries(checks.map((c) => [c.id, notOk[c.id]?.[0] ?? 'ok']));
  assert.deepEqual(got, want);
  for (const id of Object.keys(notOk)) assert.ok(got[id], `check ${id} exists`);
  for (const c of checks) {
    assert.ok(c.title && c.detail, `${c.id} has a title and a detail`);
    if (c.status !== 'ok') {
      assert.ok(c.fix.length > 0, `${c.id} (${c.status}) has a fix`);
      assert.match(c.fix, notOk[c.id][1], `${c.id} fix: ${c.fix}`);
    }
  }
}

test('kernel 4.9 (Debian 9): the kernel fails, with what each later version brings', async () => {
  const checks = await checksOf('kernel-4.9');
  expectStatuses(checks, {
    tcx: ['warn', /Debian 13/],
    'kernel-version': ['fail', /Actualiza el kernel de tu distribución \(Debian GNU\/Linux 9/],
    btf: ['warn', /CONFIG_DEBUG_INFO_BTF=y/],
    libbpf: ['fail', /^apt-get install -y libbpf-dev$/],
    'config-DEBUG_INFO_BTF': ['warn', /CONFIG_DEBUG_INFO_BTF=y/],
    'config-BPF_LSM': ['warn', /CONFIG_BPF_LSM=y/],
    'config-XDP_SOCKETS': ['warn', /CONFIG_XDP_SOCKETS=y/],
    'function-tracing': ['warn', /5\.5 o posterior/],
    'tool-llvm-strip': ['warn', /^apt-get install -y llvm$/],
    'tool-bpftool': ['fail', /^apt-get install -y bpftool$/],
    'tool-bpftrace': ['fail', /^apt-get install -y bpftrace$/],
  });
  const kernel = checks.find((c) => c.id === 'kernel-version')!;
  assert.match(kernel.detail, /4\.15/);
  assert.match(kernel.detail, /5\.8: ring buffer y CAP_BPF/);
  assert.equal(allNeededOk(checks), false);
});

test('kernel 5.4 without BTF (Ubuntu 20.04): warnings, old bpftrace syntax, Ubuntu package names', async () => {
  const checks = await checksOf('kernel-5.4-no-btf');
  expectStatuses(checks, {
    tcx: ['warn', /Debian 13/],
    'kernel-version': ['warn', /5\.8 o posterior/],
    btf: ['warn', /CONFIG_DEBUG_INFO_BTF=y/],
    'config-DEBUG_INFO_BTF': ['warn', /CONFIG_DEBUG_INFO_BTF=y/],
    'config-BPF_LSM': ['warn', /CONFIG_BPF_LSM=y/],
    'function-tracing': ['warn', /CONFIG_DEBUG_INFO_BTF=y/],
    'tool-bpftool': ['fail', /^apt-get install -y linux-tools-common linux-tools-5\.4\.0-42-generic$/],
  });
  assert.match(checks.find((c) => c.id === 'tool-bpftrace')!.detail, /args->campo/);
  assert.match(checks.find((c) => c.id === 'kernel-version')!.detail, /5\.8: ring buffer/);
});

test('kernel 6.x with everything (Fedora 40): all ok, new bpftrace syntax, libbpf version read', async () => {
  const checks = await checksOf('kernel-6-full');
  expectStatuses(checks, {});
  assert.match(checks.find((c) => c.id === 'tool-bpftrace')!.detail, /args\.campo/);
  assert.match(checks.find((c) => c.id === 'libbpf')!.detail, /libbpf 1\.4/);
  assert.equal(allNeededOk(checks), true);
});

test('a normal user without capabilities: privileges fail, fixes use sudo', async () => {
  const checks = await checksOf('nonroot-no-caps');
  expectStatuses(checks, {
    tcx: ['warn', /Debian 13/],
    privileges: ['fail', /^tu cuenta \(\S+\) no puede usar sudo\. Pide a un administrador que ejecute «usermod -aG sudo \S+»/],
    'kernel-headers': ['warn', /^Opcional: sudo apt-get install -y linux-headers-6\.1\.0-21-amd64$/],
    bpffs: ['warn', /^sudo mount -t bpf bpf \/sys\/fs\/bpf$/],
    'unprivileged-bpf': ['warn', /CAP_BPF/],
    'function-tracing': ['warn', /tracepoints o raw_tp/],
  });
});

test('WSL2: recognised, with its advice; kprobes missing read from /proc/config.gz', async () => {
  const checks = await checksOf('wsl2');
  expectStatuses(checks, {
    tcx: ['warn', /Debian 13/],
    environment: ['warn', /wsl --update/],
    'kernel-headers': ['warn', /linux-headers/],
    'config-KPROBES': ['warn', /CONFIG_KPROBES=y/],
    'config-KPROBE_EVENTS': ['warn', /CONFIG_KPROBE_EVENTS=y/],
    'config-BPF_LSM': ['warn', /CONFIG_BPF_LSM=y/],
  });
  assert.equal(checks[0].title, 'WSL2');
});

test('lockdown=confidentiality fails and says what it blocks', async () => {
  const checks = await checksOf('lockdown-confidentiality');
  expectStatuses(checks, {
    tcx: ['warn', /Debian 13/],
    'kernel-headers': ['warn', /linux-headers/],
    lockdown: ['fail', /lockdown=integrity o none/],
  });
  assert.match(checks.find((c) => c.id === 'lockdown')!.detail, /bpf_probe_read_kernel/);
});

test('tracefs unmounted fails with the mount command', async () => {
  const checks = await checksOf('tracefs-unmounted');
  expectStatuses(checks, {
    tcx: ['warn', /Debian 13/],
    'kernel-headers': ['warn', /linux-headers/],
    tracefs: ['fail', /^mount -t tracefs tracefs \/sys\/kernel\/tracing$/],
  });
});

test('macOS is recognised and gets Linux VM advice', async () => {
  const view = { ...fixtureSystem('tests/fixtures/systems/kernel-6-full'), platform: 'darwin' as NodeJS.Platform };
  const checks = await runChecks(view);
  assert.deepEqual(
    checks.map((c) => [c.id, c.status]),
    [['environment', 'fail']],
  );
  assert.match(checks[0].fix, /máquina virtual Linux/);
});

test('block readiness: kprobe and fentry blocks need what the machine lacks; others are ready', async () => {
  const wsl = await checksOf('wsl2');
  const full = await checksOf('kernel-6-full');
  const kprobe = {
    id: 'k',
    kind: 'shell' as const,
    lang: 'bash',
    code: "sudo bpftrace -e 'kprobe:do_sys_openat2 { @[comm] = count(); }'",
    lesson: 'requisitos',
    fileName: 'x',
  };
  const fentry = {
    id: 'f',
    kind: 'c' as const,
    lang: 'c',
    code: 'SEC("fentry/do_unlinkat")\nint x(void *c) { return 0; }',
    lesson: 'requisitos',
    fileName: 'f.bpf.c',
  };
  const tp = {
    id: 't',
    kind: 'shell' as const,
    lang: 'bash',
    code: "sudo bpftrace -e 'tracepoint:raw_syscalls:sys_enter { @[comm] = count(); }'",
    lesson: 'bpftrace',
    fileName: 'x',
  };
  assert.deepEqual(blockReadiness(kprobe, undefined, wsl), {
    ready: false,
    reasons: ['No disponible en este kernel: no tiene kprobes (CONFIG_KPROBES desactivado)'],
    missing: ['kernel'],
    workloads: ['open'],
  });
  assert.equal(blockReadiness(kprobe, undefined, full).ready, true);
  assert.equal(blockReadiness(tp, undefined, wsl).ready, true);
  const blocked = await checksOf('nonroot-no-caps');
  const r = blockReadiness(fentry, undefined, blocked);
  assert.equal(r.ready, false);
  assert.ok(r.reasons.some((x) => /fentry\/fexit están bloqueados/.test(x)));
  assert.ok(r.reasons.some((x) => /^Necesitas privilegios de administrador: /.test(x)));
  assert.ok(r.missing.includes('privileges') && r.missing.includes('kernel'));
  const old = await checksOf('kernel-4.9');
  assert.match(blockReadiness(tp, { kernel: '5.2' }, old).reasons.join(), /necesita un kernel 5\.2 o posterior \(tienes 4\.9\.0-8-amd64\)/);
  // A C block that includes vmlinux.h needs the kernel's BTF (the server generates the header from it).
  const core = {
    ...fentry,
    id: 'core',
    code: '#include "vmlinux.h"\nSEC("tracepoint/syscalls/sys_enter_execve")\nint x(void *c) { return 0; }',
  };
  const noBtf = blockReadiness(core, undefined, old);
  assert.equal(noBtf.ready, false);
  assert.match(noBtf.reasons.join(), /no tiene BTF \(\/sys\/kernel\/btf\/vmlinux\)/);
});

const FIXTURES = readdirSync('tests/fixtures/systems').filter((n) => statSync(`tests/fixtures/systems/${n}`).isDirectory());

test('a kernel option that is on says what it gives, never what would stop working without it', async () => {
  for (const name of FIXTURES) {
    for (const c of (await checksOf(name)).filter((c) => c.id.startsWith('config-') && c.status === 'ok')) {
      assert.match(c.detail, /^Activada: /, `${name} ${c.id}`);
      assert.doesNotMatch(c.detail, /no funcionar|\bSin (ella|él)\b|no se pueden|no tienen dónde/i, `${name} ${c.id}: ${c.detail}`);
    }
  }
  const on = (await checksOf('kernel-6-full')).find((c) => c.id === 'config-KPROBES')!;
  assert.equal(on.detail, 'Activada: kprobes, sondas en casi cualquier función del kernel.');
  const off = (await checksOf('wsl2')).find((c) => c.id === 'config-KPROBES')!;
  assert.equal(off.detail, 'Desactivada: kprobes, sondas en casi cualquier función del kernel. Los ejemplos con kprobe: no funcionarán.');
});

test('bpftrace: args.campo is the newer spelling (0.19+), args->campo works on every version, nothing is "obsoleta"', async () => {
  const base = fixtureSystem('tests/fixtures/systems/kernel-6-full');
  const detailFor = async (version: string) => {
    const view = { ...base, tool: async (n: string) => (n === 'bpftrace' ? { path: '/usr/bin/bpftrace', version } : base.tool(n)) };
    const c = (await runChecks(view)).find((x) => x.id === 'tool-bpftrace')!;
    assert.equal(c.status, 'ok');
    assert.doesNotMatch(c.detail, /obsolet/i, `${version}: ${c.detail}`);
    assert.match(c.detail, /args->campo[^.]*funciona en todas las versiones/, `${version}: ${c.detail}`);
    return c.detail;
  };
  for (const v of ['bpftrace v0.9.4', 'bpftrace v0.17.0', 'bpftrace v0.18.1']) {
    const d = await detailFor(v);
    assert.match(d, /args\.campo llegó en la 0\.19/, v);
    assert.doesNotMatch(d, /Entiende args\.campo/, v);
  }
  for (const v of ['bpftrace v0.19.0', 'bpftrace v0.21.2', 'bpftrace v0.23.0', 'bpftrace v1.0.0']) {
    assert.match(await detailFor(v), /Entiende args\.campo, la forma más reciente, y también args->campo/, v);
  }
});

test('a container that already works gets no advice to change it', async () => {
  const checks = await checksOf('container-ok');
  expectStatuses(checks, { tcx: ['warn', /Debian 13/], 'kernel-headers': ['warn', /linux-headers/] });
  assert.equal(checks[0].title, 'Contenedor');
  assert.doesNotMatch(checks[0].detail + checks[0].fix, /--privileged|hace falta un contenedor/);
  assert.equal(allNeededOk(checks), true);
});

test('a container without tracefs and bpffs: the warning names what fails and how to start the container', async () => {
  const checks = await checksOf('container-no-mounts');
  expectStatuses(checks, {
    tcx: ['warn', /Debian 13/],
    environment: ['warn', /--privileged.*-v \/sys\/kernel\/tracing:\/sys\/kernel\/tracing -v \/sys\/fs\/bpf:\/sys\/fs\/bpf/],
    'kernel-headers': ['warn', /linux-headers/],
    bpffs: ['warn', /^mount -t bpf bpf \/sys\/fs\/bpf$/],
    tracefs: ['fail', /^mount -t tracefs tracefs \/sys\/kernel\/tracing$/],
  });
  assert.match(checks[0].detail, /estas comprobaciones no pasan: bpffs no montado, tracefs no montado\./);
});

test('every check on every fixture is {id, status, title, detail, fix}, ids unique, environment first', async () => {
  assert.ok(FIXTURES.length >= 5);
  for (const name of FIXTURES) {
    const checks = await checksOf(name);
    assert.equal(checks[0].id, 'environment', name);
    assert.equal(new Set(checks.map((c) => c.id)).size, checks.length, `${name}: ids unique`);
    for (const c of checks) assert.deepEqual(Object.keys(c).sort(), ['detail', 'fix', 'id', 'status', 'title'], `${name}: ${c.id}`);
  }
});

test('report colours: only on a terminal, and never with NO_COLOR', async () => {
  assert.equal(wantColour(true, {}), true);
  assert.equal(wantColour(true, { NO_COLOR: '' }), true, 'an empty NO_COLOR is unset (no-color.org)');
  assert.equal(wantColour(true, { NO_COLOR: '1' }), false);
  assert.equal(wantColour(false, {}), false);
  assert.equal(wantColour(undefined, {}), false, 'a pipe: process.stdout.isTTY is undefined');
  const checks = await checksOf('wsl2');
  assert.match(formatReport(checks, true), /\x1b\[33m⚠\x1b\[0m WSL2/);
  const plain = formatReport(checks, false);
  assert.doesNotMatch(plain, /\x1b/);
  assert.match(plain, /^⚠ WSL2: /);
});

test('npm run doctor piped into another program prints no escape codes; on a terminal it colours unless NO_COLOR', () => {
  const env = { ...process.env };
  delete env.NO_COLOR;
  const doctor = [process.execPath, '--import', 'tsx', 'server/doctor.ts'];
  const piped = spawnSync(doctor[0], doctor.slice(1), { encoding: 'utf8', env });
  assert.match(piped.stdout, /correctas?, \d+ avisos?, \d+ fallos?/);
  assert.doesNotMatch(piped.stdout, /\x1b/);
  // A real terminal, through util-linux script(1).
  if (spawnSync('script', ['--version']).status !== 0) return;
  const inTerminal = (extra: Record<string, string>) =>
    spawnSync('script', ['-qec', doctor.join(' '), '/dev/null'], { encoding: 'utf8', env: { ...env, ...extra } }).stdout;
  const tty = inTerminal({});
  assert.match(tty, /correctas?, \d+ avisos?, \d+ fallos?/);
  assert.match(tty, /\x1b\[3[123]m/);
  const noColor = inTerminal({ NO_COLOR: '1' });
  assert.match(noColor, /correctas?, \d+ avisos?, \d+ fallos?/);
  assert.doesNotMatch(noColor, /\x1b/);
});

test('the summary line agrees in number: 1 fallo, 2 avisos', () => {
  const c = (status: 'ok' | 'warn' | 'fail') => ({ id: status, status, title: '', detail: '', fix: '' });
  assert.match(summary([c('ok'), c('warn'), c('warn'), c('fail')]), /^1 correcta, 2 avisos, 1 fallo — hay requisitos que faltan$/);
});
