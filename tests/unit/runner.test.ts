// The generic runner (bpf/runner.c) against the real kernel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { bpfCflags } from '../../server/sandbox/c-build.ts';
import { tracefsInstances, tracingProgIds, until } from '../helpers/system.ts';

const RUNNER = 'bpf/.output/runner';
const out = mkdtempSync(join(tmpdir(), 'taller-runner-test-'));
chmodSync(out, 0o755); // the unprivileged case must be able to read the object

function compile(src: string): string {
  const obj = join(out, src.split('/').pop()!.replace(/\.c$/, '.o'));
  execFileSync('clang', [...bpfCflags(), '-c', src, '-o', obj]);
  return obj;
}

/** Runs the runner with --json, calls `whileRunning` once it is ready, then SIGINT. */
async function runJson(obj: string, whileRunning: (events: any[]) => Promise<void> = async () => {}, args: string[] = []) {
  const p = spawn(RUNNER, ['--json', '--interval', '100', ...args, obj], { stdio: ['ignore', 'pipe', 'pipe'] });
  const events: any[] = [];
  let buf = '';
  const waiters: Array<() => void> = [];
  p.stdout.on('data', (d) => {
    buf += d;
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      events.push(JSON.parse(buf.slice(0, nl)));
      buf = buf.slice(nl + 1);
      waiters.splice(0).forEach((w) => w());
    }
  });
  const exited = once(p, 'exit');
  const waitFor = (pred: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      const check = () => (pred() ? resolve() : p.exitCode !== null ? reject(new Error(JSON.stringify(events))) : waiters.push(check));
      check();
    });
  await waitFor(() => events.some((e) => e.type === 'ready' || e.type === 'exit'));
  if (!events.some((e) => e.type === 'exit')) {
    try {
      await whileRunning(events);
    } finally {
      p.kill('SIGINT');
    }
  }
  const [code] = await exited;
  return { events, code, waitFor };
}

after(() => rmSync(out, { recursive: true, force: true }));

before(() => {
  assert.ok(spawnSync('make', ['-s', '-C', 'bpf']).status === 0, 'make -C bpf');
});

test('the seed program compiles with the project flags, with BTF', () => {
  const obj = compile('bpf/trace.bpf.c');
  const btf = execFileSync('bpftool', ['btf', 'dump', 'file', obj], { encoding: 'utf8' });
  assert.match(btf, /FUNC 'trace_execve'/);
});

test('the seed as written fails on u32 (the lesson explains why)', () => {
  const r = spawnSync('clang', [...bpfCflags(), '-x', 'c', '-c', '-', '-o', join(out, 'seed.o')], {
    input: '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\nstruct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 1024); __type(key, u32); __type(value, u64); } my_map SEC(".maps");\n',
    encoding: 'utf8',
  });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /undeclared identifier 'u32'/);
});

test('an object with an xdp program reports "no auto-attach" and still runs the rest; maps are formatted from BTF', async () => {
  const before = tracingProgIds();
  const obj = compile('tests/fixtures/bpf/mixed.bpf.c');
  const { events, code } = await runJson(obj, async () => {
    execFileSync('/bin/true');
  });
  assert.equal(code, 0);
  const skipped = events.find((e) => e.type === 'skipped');
  assert.equal(skipped?.program, 'pass_all');
  assert.match(skipped?.reason, /XDP se engancha a una interfaz/);
  assert.ok(events.some((e) => e.type === 'attached' && e.program === 'count_execve'));
  const final = events.findLast((e) => e.type === 'maps');
  assert.equal(final.final, true);
  const hits = final.maps.find((m: any) => m.name === 'hits');
  assert.deepEqual(hits.entries.map((e: any) => e.key), [1], 'array maps show only written slots');
  assert.ok(hits.entries[0].value >= 1);
  const names = final.maps.find((m: any) => m.name === 'names');
  // At sys_enter_execve the caller still has its own name (node, here).
  const entry = names.entries.find((e: any) => e.key.comm === 'node');
  assert.ok(entry, JSON.stringify(names.entries));
  assert.equal(typeof entry.key.pid, 'number');
  assert.equal(entry.value, -7, 'signed values stay signed');
  assert.equal(events.at(-1).type, 'exit');
  await until(() => tracingProgIds().join() === before.join(), 'nothing left loaded');
  assert.deepEqual(tracefsInstances().filter((i) => i.startsWith('taller-ebpf-')), []);
});

test('bpf_printk lines stream with the command and pid that caused them', async () => {
  const obj = compile('bpf/trace.bpf.c');
  const { events } = await runJson(obj, async (events) => {
    await until(() => {
      execFileSync('/bin/true');
      return events.some((e) => e.type === 'printk' && e.message === 'execve called');
    }, 'an execve called line');
  });
  const line = events.find((e) => e.type === 'printk');
  assert.equal(typeof line.pid, 'number');
});

test('a kprobe on this kernel fails to attach with a Spanish reason naming CONFIG_KPROBES', async (t) => {
  if (execFileSync('sh', ['-c', 'zcat /proc/config.gz 2>/dev/null | grep -c "^CONFIG_KPROBES=y" || true'], { encoding: 'utf8' }).trim() !== '0') {
    t.skip('this kernel has kprobes');
    return;
  }
  const { events, code } = await runJson(compile('tests/fixtures/bpf/kprobe_only.bpf.c'));
  assert.equal(code, 1);
  const err = events.find((e) => e.type === 'attach_error');
  assert.match(err?.message ?? '', /CONFIG_KPROBES/);
  assert.ok(events.some((e) => e.type === 'error' && /ningún programa/.test(e.message)));
});

test('the verifier log of a broken program is reported in full, with the exit status 1', async () => {
  const { events, code } = await runJson(compile('bpf/broken_null_check.bpf.c'));
  assert.equal(code, 1);
  const v = events.find((e) => e.type === 'verifier');
  assert.match(v.log, /invalid mem access 'map_value_or_null'/);
  assert.match(v.log, /; .* @ broken_null_check\.bpf\.c:\d+/);
});

test('without privileges the runner names what is missing, without the memlock hint', () => {
  const obj = compile('bpf/trace.bpf.c');
  const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all', RUNNER, '--json', obj], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  const err = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((e) => e.type === 'error');
  assert.match(err.message, /Faltan privilegios.*CAP_BPF.*CAP_PERFMON/);
  assert.doesNotMatch(r.stdout + r.stderr, /RLIMIT_MEMLOCK|ulimit/);
});
