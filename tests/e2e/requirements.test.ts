// The requirements on this real machine: the CLI tells the truth (compared with
// what the test reads itself), and the page and the block readiness agree with it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, mkdtempSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pageSession } from '../helpers/browser.ts';
import { bpfCflags } from '../../server/workspace/c-build.ts';
import type { Check } from '../../server/requirements/checks.ts';

let doctor: { checks: Check[]; code: number };

before(() => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/doctor.ts', '--json'], { encoding: 'utf8' });
  doctor = { checks: JSON.parse(r.stdout), code: r.status ?? -1 };
});
// The doctor's hook is synchronous and registered first: the server starts once the doctor has run.
const app = pageSession();

const byId = (id: string) => doctor.checks.find((c) => c.id === id)!;

function kernelConfig(): string {
  if (existsSync('/proc/config.gz')) return gunzipSync(readFileSync('/proc/config.gz')).toString();
  return readFileSync(`/boot/config-${release()}`, 'utf8');
}

test('npm run doctor -- --json prints [{id, status, title, detail, fix}] and exits 0 iff nothing fails', () => {
  assert.ok(doctor.checks.length > 20);
  for (const c of doctor.checks) {
    assert.deepEqual(
      Object.keys(c)
        .filter((k) => k !== 'lessons')
        .sort(),
      ['detail', 'fix', 'id', 'status', 'title'],
    );
    assert.ok(['ok', 'warn', 'fail'].includes(c.status));
  }
  assert.equal(doctor.code, doctor.checks.some((c) => c.status === 'fail') ? 1 : 0);
});

test('it reports this kernel truthfully: version, BTF, kprobes, kernel headers', () => {
  assert.match(byId('kernel-version').title, new RegExp(release().replace(/\./g, '\\.')));
  assert.equal(byId('btf').status, existsSync('/sys/kernel/btf/vmlinux') ? 'ok' : 'warn');
  const config = kernelConfig();
  assert.equal(byId('config-KPROBES').status, /^CONFIG_KPROBES=y/m.test(config) ? 'ok' : 'warn');
  assert.equal(byId('config-BPF_SYSCALL').status, /^CONFIG_BPF_SYSCALL=y/m.test(config) ? 'ok' : 'fail');
  assert.equal(byId('kernel-headers').status, existsSync(`/lib/modules/${release()}/build`) ? 'ok' : 'warn');
});

test('function tracing: the verdict matches loading an fentry program with bpftool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taller-fentry-'));
  execFileSync('clang', [...bpfCflags(), '-c', 'bpf/fentry_unlink.bpf.c', '-o', join(dir, 'f.o')]);
  const pin = `/sys/fs/bpf/taller_fentry_probe_${process.pid}`;
  const r = spawnSync('bpftool', ['prog', 'load', join(dir, 'f.o'), pin], { encoding: 'utf8' });
  spawnSync('rm', ['-rf', pin, dir]);
  if (r.status === 0) assert.equal(byId('function-tracing').status, 'ok');
  else {
    assert.match(r.stderr, /Operation not permitted/, `bpftool failed for another reason: ${r.stderr}`);
    assert.equal(byId('function-tracing').status, 'warn');
    assert.match(byId('function-tracing').detail, /EPERM/);
  }
});

test('Comprobar mi sistema renders the same checks, with the same statuses, in Chromium', async () => {
  await app.page.goto(`${app.server.origin}/requisitos/`);
  await app.page.locator('[data-system-check-button]').click();
  await app.page.waitForSelector('[data-system-check][data-done="true"]');
  const rows = await app.page
    .locator('.system-check-table tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-check'), tr.getAttribute('data-status')]));
  assert.deepEqual(
    rows,
    doctor.checks.map((c) => [c.id, c.status]),
  );
  assert.match(await app.page.locator('[data-system-check-status]').innerText(), /correctas?, \d+ avisos?, \d+ fallos?/);
});

test('the kprobe and fentry blocks say "no disponible en este kernel" with the reason; the rest are ready', async () => {
  await app.page.goto(`${app.server.origin}/requisitos/`);
  await app.page.waitForSelector('.runnable[data-ready]');
  const states = await app.page.locator('.runnable').evaluateAll((els) =>
    els.map((e) => ({
      id: e.getAttribute('data-run-id'),
      ready: e.getAttribute('data-ready'),
      status: e.querySelector('[data-run-status]')?.textContent ?? '',
      disabled: (e.querySelector('.run-btn') as HTMLButtonElement).disabled,
    })),
  );
  const kprobesOk = byId('config-KPROBES').status === 'ok';
  const fentryOk = byId('function-tracing').status === 'ok';
  for (const s of states) {
    if (s.id === 'kprobe-openat2' && !kprobesOk) {
      assert.equal(s.ready, 'false');
      assert.match(s.status, /No disponible en este kernel: no tiene kprobes \(CONFIG_KPROBES desactivado\)/);
      assert.equal(s.disabled, true);
    } else if (s.id === 'fentry-unlink' && !fentryOk) {
      assert.equal(s.ready, 'false');
      assert.match(s.status, /No disponible en este kernel: fentry\/fexit están bloqueados/);
    } else {
      assert.equal(s.ready, 'true', `${s.id}: ${s.status}`);
      assert.equal(s.disabled, false);
    }
  }
  assert.ok(states.some((s) => s.id === 'kprobe-openat2') && states.some((s) => s.id === 'fentry-unlink'));
});

test('every runnable block of every lesson is marked, and on this machine only kprobe/fentry ones are not ready', async () => {
  for (const slug of ['que-es-ebpf', 'primer-programa', 'bpftrace', 'mapas']) {
    await app.page.goto(`${app.server.origin}/${slug}/`);
    await app.page.waitForSelector('.runnable[data-ready]');
    // A snippet form for a newer bpftrace than this machine's is not ready either, and the page hides it.
    const notReady = await app.page.locator('.runnable[data-ready="false"]:not([hidden] *)').count();
    assert.equal(notReady, 0, slug);
    assert.equal(await app.page.locator('.runnable:not([data-ready])').count(), 0, slug);
  }
});

test('no console errors', () => {
  assert.deepEqual(app.errors, []);
});
