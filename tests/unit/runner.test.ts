// The generic runner (bpf/runner/) against the real kernel, and what the server makes of its
// events (server/bpf/runner-events.ts, runner-stream.ts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { bpfCflags } from '../../server/workspace/c-build.ts';
import { tracefsInstances, tracingProgIds, until } from '../helpers/system.ts';
import { parseRunnerEvent, REASONS, type RunnerEvent } from '../../server/bpf/runner-events.ts';
import { RunnerStream } from '../../server/bpf/runner-stream.ts';
import type { ServerMessage } from '../../lib/protocol.ts';

const RUNNER = 'bpf/.output/runner';
const out = mkdtempSync(join(tmpdir(), 'taller-runner-test-'));
chmodSync(out, 0o755); // the unprivileged case must be able to read the object

/** Every line the runner prints is one of the events the server knows. */
function event(line: string): RunnerEvent {
  const ev = parseRunnerEvent(line);
  assert.ok(ev, `not a runner event: ${line}`);
  return ev;
}

/** What the learner sees for these events: the terminal text without colours, and the page messages. */
function shown(events: RunnerEvent[]): { text: string; sent: ServerMessage[] } {
  const sent: ServerMessage[] = [];
  const stream = new RunnerStream((m) => sent.push(m));
  const out = stream.push(Buffer.from(events.map((e) => JSON.stringify(e) + '\n').join(''))).toString() + stream.flush().toString();
  return { text: out.replace(/\x1b\[[0-9;]*m/g, '').replace(/\r/g, ''), sent };
}

function compile(src: string): string {
  const obj = join(out, src.split('/').pop()!.replace(/\.c$/, '.o'));
  execFileSync('clang', [...bpfCflags(), '-c', src, '-o', obj]);
  return obj;
}

/** Runs the runner with --json, calls `whileRunning` once it is ready, then SIGINT. */
async function runJson(obj: string, whileRunning: (events: RunnerEvent[]) => Promise<void> = async () => {}, args: string[] = []) {
  const p = spawn(RUNNER, ['--json', '--interval', '100', ...args, obj], { stdio: ['ignore', 'pipe', 'pipe'] });
  const events: RunnerEvent[] = [];
  let buf = '';
  const waiters: Array<() => void> = [];
  p.stdout.on('data', (d) => {
    buf += d;
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      events.push(event(buf.slice(0, nl)));
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
    input:
      '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\nstruct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 1024); __type(key, u32); __type(value, u64); } my_map SEC(".maps");\n',
    encoding: 'utf8',
  });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /undeclared identifier 'u32'/);
});

type Of<T extends RunnerEvent['type']> = Extract<RunnerEvent, { type: T }>;
const first = <T extends RunnerEvent['type']>(events: RunnerEvent[], type: T) => events.find((e): e is Of<T> => e.type === type);
const last = <T extends RunnerEvent['type']>(events: RunnerEvent[], type: T) => events.findLast((e): e is Of<T> => e.type === type);

test('an object with an xdp program reports "no auto-attach" and still runs the rest; maps are formatted from BTF', async () => {
  const before = tracingProgIds();
  const obj = compile('tests/fixtures/bpf/mixed.bpf.c');
  const { events, code } = await runJson(obj, async () => {
    execFileSync('/bin/true');
  });
  assert.equal(code, 0);
  const skipped = first(events, 'skipped');
  assert.equal(skipped?.program, 'pass_all');
  assert.equal(skipped?.reason, 'xdp');
  assert.match(
    shown([skipped!]).text,
    /^⚠ «pass_all» \(xdp\) no tiene enganche automático: XDP se engancha a una interfaz de red concreta .*; el ejecutor no elige una por ti\.\n$/,
  );
  assert.ok(events.some((e) => e.type === 'attached' && e.program === 'count_execve'));
  const final = last(events, 'maps')!;
  assert.equal(final.final, true);
  const hits = final.maps.find((m) => m.name === 'hits')!;
  assert.deepEqual(
    hits.entries.map((e) => e.key),
    [1],
    'array maps show only written slots',
  );
  assert.ok(Number(hits.entries[0].value) >= 1);
  const names = final.maps.find((m) => m.name === 'names')!;
  // At sys_enter_execve the caller still has its own name (node, here).
  const entry = names.entries.find((e) => (e.key as { comm: string }).comm === 'node');
  assert.ok(entry, JSON.stringify(names.entries));
  assert.equal(typeof (entry.key as { pid: unknown }).pid, 'number');
  assert.equal(entry.value, -7, 'signed values stay signed');
  assert.equal(events.at(-1)?.type, 'exit');
  assert.match(shown(events).text, /Desenganchado y descargado: no queda nada en el kernel\.\n$/);
  await until(() => tracingProgIds().join() === before.join(), 'nothing left loaded');
  assert.deepEqual(
    tracefsInstances().filter((i) => i.startsWith('taller-ebpf-')),
    [],
  );
});

test('bpf_printk lines stream with the command and pid that caused them', async () => {
  const obj = compile('bpf/trace.bpf.c');
  const { events } = await runJson(obj, async (events) => {
    await until(() => {
      execFileSync('/bin/true');
      return events.some((e) => e.type === 'printk' && e.message === 'execve called');
    }, 'an execve called line');
  });
  const line = first(events, 'printk')!;
  assert.equal(typeof line.pid, 'number');
  assert.ok(shown([line]).text.endsWith(`${line.comm}-${line.pid}: ${line.message}\n`));
});

test('a kprobe on this kernel fails to attach with a Spanish reason naming CONFIG_KPROBES', async (t) => {
  if (
    execFileSync('sh', ['-c', 'zcat /proc/config.gz 2>/dev/null | grep -c "^CONFIG_KPROBES=y" || true'], { encoding: 'utf8' }).trim() !==
    '0'
  ) {
    t.skip('this kernel has kprobes');
    return;
  }
  const { events, code } = await runJson(compile('tests/fixtures/bpf/kprobe_only.bpf.c'));
  assert.equal(code, 1);
  const err = first(events, 'attach_failed');
  assert.equal(err?.reason, 'kprobes_missing');
  assert.equal(err?.errno, -2);
  assert.equal(first(events, 'error')?.reason, 'nothing_attached');
  const { text } = shown(events);
  assert.match(
    text,
    /✘ No se pudo enganchar «on_open» \(kprobe\/do_sys_openat2\): este kernel no tiene kprobes \(CONFIG_KPROBES desactivado\): usa un tracepoint o raw_tp en su lugar\.\n/,
  );
  assert.match(text, /✘ No se ha enganchado ningún programa: no hay nada que observar\.\n/);
});

test('a uprobe on a symbol the binary lacks names the binary and the symbol (not kprobes), on any kernel', async () => {
  const { events, code } = await runJson('bpf/.output/uprobe_missing.bpf.o'); // built by make (it includes vmlinux.h);
  assert.equal(code, 1);
  const err = first(events, 'attach_failed');
  assert.equal(err?.reason, 'symbol_missing');
  assert.match(
    shown(events).text,
    /✘ No se pudo enganchar «bash_read_line» \(uretprobe\/\/bin\/bash:read_line\): no se encuentra «\/bin\/bash:read_line»/,
  );
});

test('the verifier log of a broken program is reported in full, with the exit status 1', async () => {
  const { events, code } = await runJson(compile('bpf/broken_null_check.bpf.c'));
  assert.equal(code, 1);
  const v = first(events, 'verifier')!;
  assert.match(v.log, /invalid mem access 'map_value_or_null'/);
  assert.match(v.log, /; .* @ broken_null_check\.bpf\.c:\d+/);
  assert.equal(first(events, 'error')?.reason, 'verifier_rejected');
  const { text, sent } = shown(events);
  assert.match(text, /^✘ El verificador ha rechazado «broken_execve»: /m);
  assert.doesNotMatch(text, /El verificador ha rechazado el programa\.|libbpf/, 'the verifier event says it all');
  assert.ok(sent.some((m) => m.type === 'verifier'));
});

test('without privileges the runner names what is missing, without the memlock hint', () => {
  const obj = compile('bpf/trace.bpf.c');
  const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all', RUNNER, '--json', obj], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 1);
  const events = r.stdout.split('\n').filter(Boolean).map(event);
  const err = first(events, 'error');
  assert.equal(err?.reason, 'privileges_missing');
  assert.deepEqual(err?.reason === 'privileges_missing' && err.missing, ['CAP_BPF', 'CAP_PERFMON']);
  assert.match(
    shown(events).text,
    /✘ Faltan privilegios para cargar programas eBPF: no eres root y no tienes CAP_BPF y CAP_PERFMON \(o CAP_SYS_ADMIN en kernels anteriores a 5\.8\)\. Arranca el taller con «npm start» \(pide tu contraseña de sudo una vez\) o concede esas capacidades\.\n/,
  );
  assert.doesNotMatch(r.stdout + r.stderr, /RLIMIT_MEMLOCK|ulimit/);
});

test('tail-call targets in a prog array filled at load are not attached, and the dispatcher reaches them', async () => {
  const before = tracingProgIds();
  const obj = 'bpf/.output/tail_call.bpf.o'; // built by make (it includes vmlinux.h, from bpf/.output/)
  const { events, code } = await runJson(obj, async (seen) => {
    // Only the dispatcher is attached: a line from maneja_execve proves the tail call happened.
    await until(() => {
      execFileSync('/bin/true');
      return seen.some((e) => e.type === 'printk' && e.message.startsWith('manejador de execve: '));
    }, 'a line from the tail-called program');
  });
  assert.equal(code, 0);
  const skipped = events.filter((e): e is Of<'skipped'> => e.type === 'skipped');
  assert.deepEqual(
    skipped.map((e) => [e.program, e.reason]),
    [
      ['maneja_execve', 'tail_call'],
      ['maneja_openat', 'tail_call'],
    ],
  );
  assert.deepEqual(
    events.filter((e) => e.type === 'attached').map((e) => (e as Of<'attached'>).program),
    ['despacha'],
  );
  assert.match(
    shown([skipped[0]]).text,
    /^«maneja_execve» \(tracepoint\) no se engancha: está en un mapa de programas \(PROG_ARRAY\) y se ejecuta cuando otro programa le pasa el control con bpf_tail_call\(\)\.\n$/,
  );
  assert.doesNotMatch(shown(skipped).text, /⚠/);
  assert.ok(!events.some((e) => e.type === 'libbpf'), 'no libbpf warning (the prog array has no BTF key type)');
  await until(() => tracingProgIds().join() === before.join(), 'nothing left loaded');
});

test('a missing object: the path and the system error, and an exit event', async () => {
  const { events, code } = await runJson(join(out, 'missing.bpf.o'));
  assert.equal(code, 1);
  assert.equal(first(events, 'error')?.reason, 'open_failed');
  assert.match(shown(events).text, /✘ No se pudo abrir «.*missing\.bpf\.o»: No such file or directory\.\n/);
  assert.deepEqual(events.at(-1), { type: 'exit', status: 1 });
});

test('--probe-fentry prints one probe event; a bad command line gets the usage and status 2', () => {
  const probe = spawnSync(RUNNER, ['--probe-fentry'], { encoding: 'utf8' });
  assert.equal(probe.status, 0);
  assert.equal(event(probe.stdout.trim()).type, 'probe');
  const bad = spawnSync(RUNNER, ['--no-such-option', 'x.o'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^usage: /);
  assert.equal(bad.stdout, '');
});

test('the runner has no learner-facing text: no Spanish in bpf/runner/, and every reason it prints is one the server words', () => {
  const dir = 'bpf/runner';
  const printed = new Set<string>();
  for (const f of readdirSync(dir)) {
    const src = readFileSync(join(dir, f), 'utf8');
    assert.doesNotMatch(src, /[áéíóúñ¿¡«»]/i, `${f} holds Spanish text`);
    for (const m of src.matchAll(/"reason", "([a-z_]+)"|reason = "([a-z_]+)"/g)) printed.add(m[1] ?? m[2]);
  }
  assert.ok(printed.size >= 10, [...printed].join());
  assert.deepEqual(
    [...printed].filter((r) => !REASONS.has(r)),
    [],
  );
  assert.deepEqual(
    [...REASONS].filter((r) => !printed.has(r)),
    [],
    'codes the runner never prints',
  );
});

test('every reason reads as a Spanish sentence with its data in place', () => {
  const prog = { program: 'p', section: 'tracepoint/x/y' };
  const { text } = shown([
    { type: 'attach_failed', ...prog, errno: -2, reason: 'target_missing' },
    { type: 'attach_failed', ...prog, errno: -95, reason: 'system_error', strerror: 'Operation not supported' },
    { type: 'attach_failed', program: 'p', section: 'kprobe/sys_unlinkat', errno: -2, reason: 'function_missing' },
    { type: 'attach_failed', program: 'p', section: 'uretprobe//bin/bash:read_line', errno: -2, reason: 'symbol_missing' },
    { type: 'attach_failed', ...prog, errno: -1, reason: 'blocked_by_policy', root: true },
    { type: 'skipped', ...prog, reason: 'unknown_section' },
    { type: 'error', stage: 'load', errno: -1, reason: 'blocked_by_policy', root: false },
    { type: 'error', stage: 'load', errno: -7, reason: 'load_failed', strerror: 'Argument list too long', libbpf: 'libbpf: detail' },
    { type: 'error', stage: 'open', errno: -22, reason: 'open_failed', path: 'a.o', strerror: 'Invalid argument', btf_warning: true },
    { type: 'warning', reason: 'printk_unavailable', errno: -2, strerror: 'No such file or directory' },
    { type: 'trace', line: 'CPU:0 [LOST 3 EVENTS]' },
    { type: 'ready', attached: 2, skipped: 1 },
  ]);
  assert.equal(
    text,
    [
      '✘ No se pudo enganchar «p» (tracepoint/x/y): el punto de enganche no existe en este kernel (tracepoint/x/y).',
      '✘ No se pudo enganchar «p» (tracepoint/x/y): no se pudo enganchar: Operation not supported.',
      '✘ No se pudo enganchar «p» (kprobe/sys_unlinkat): este kernel no tiene ninguna función «sys_unlinkat» que se pueda sondear: quizá se llama de otra forma en esta versión, o el compilador la ha integrado (inline) en quien la llama. Búscala en /sys/kernel/tracing/available_filter_functions.',
      '✘ No se pudo enganchar «p» (uretprobe//bin/bash:read_line): no se encuentra «/bin/bash:read_line»: el fichero no existe o no tiene ese símbolo (compruébalo con nm -D o readelf -Ws; un binario sin .symtab solo conserva los símbolos dinámicos).',
      '✘ No se pudo enganchar «p» (tracepoint/x/y): El kernel ha rechazado el programa con EPERM aunque tienes los privilegios necesarios (eres root). Suele deberse a una política del sistema: lockdown, o un tipo de programa (fentry/fexit/lsm) bloqueado en este kernel o máquina virtual.',
      '⚠ «p» (tracepoint/x/y) no tiene enganche automático: libbpf no sabe engancharlo automáticamente a partir del nombre de su sección.',
      '✘ El kernel ha rechazado el programa con EPERM aunque tienes los privilegios necesarios (CAP_BPF y CAP_PERFMON). Suele deberse a una política del sistema: lockdown, o un tipo de programa (fentry/fexit/lsm) bloqueado en este kernel o máquina virtual.',
      '✘ El kernel no ha aceptado el objeto: Argument list too long. libbpf: detail',
      '✘ No se pudo abrir «a.o»: Invalid argument. ¿Compilaste con -g? Los mapas necesitan BTF.',
      '⚠ No se podrá ver la salida de bpf_printk: no se pudo crear una instancia de tracefs (No such file or directory).',
      'En marcha (2 enganchados). Pulsa Detener para desengancharlo.',
      '',
    ].join('\n'),
  );
});

test('malformed lines, unknown events and events with missing fields are neither shown nor observed, and nothing throws', () => {
  const sent: ServerMessage[] = [];
  const observed: RunnerEvent[] = [];
  const stream = new RunnerStream(
    (m) => sent.push(m),
    (e) => observed.push(e),
    () => 80,
  );
  const lines = [
    '{"type":"attached","program":"p"', // cut short
    '{"type":"attached","program":"p",}', // not JSON
    '{"type":"ring_sample","data":[1,2]}', // an event this server does not know
    '{"type":"attached","program":"p"}', // no section
    '{"type":"attach_failed","program":"p","section":"s","errno":-2,"reason":"gremlins"}', // unknown reason
    '{"type":"error","stage":"load","errno":-1,"reason":"privileges_missing","missing":[]}',
    '{"type":"printk","comm":"x","pid":"12","message":"m"}', // pid is not a number
    '{"type":"maps","final":true,"maps":[{"name":"m"}]}',
    '{"type":null}',
    'clang: a line that is not ours',
  ];
  let out = '';
  assert.doesNotThrow(() => {
    out += stream.push(Buffer.from(lines.join('\n') + '\n{"type":"exi')).toString();
    out += stream.flush().toString();
  });
  assert.equal(out, 'clang: a line that is not ours\r\n');
  assert.deepEqual(observed, []);
  assert.deepEqual(sent, []);
});

test('an event split across chunks, even inside a UTF-8 character, arrives whole; anonymous members are named', () => {
  const sent: ServerMessage[] = [];
  const stream = new RunnerStream((m) => sent.push(m));
  const line = Buffer.from(
    '{"type":"printk","comm":"tallerej","pid":7,"message":"año"}\n{"type":"maps","final":false,"maps":[{"name":"m","type":"hash","entries":[{"key":{"":1,"b":2},"value":3}],"truncated":false}]}\n',
  );
  const cut = line.indexOf(Buffer.from('ñ')) + 1; // between the two bytes of ñ
  const out = stream.push(line.subarray(0, cut)).toString() + stream.push(line.subarray(cut)).toString();
  assert.match(out, /tallerej-7:.* año\r\n$/);
  assert.deepEqual(sent, [
    {
      type: 'maps',
      final: false,
      maps: [{ name: 'm', type: 'hash', entries: [{ key: { '(anónimo)': 1, b: 2 }, value: 3 }], truncated: false }],
    },
  ]);
});

test('an event line longer than any the runner prints is dropped whole, and what follows is shown', () => {
  const stream = new RunnerStream(() => {});
  const big = '{"type":"libbpf","message":"' + 'x'.repeat(9 * 1024 * 1024) + '"}\n';
  let out = '';
  for (let i = 0; i < big.length; i += 64 * 1024) out += stream.push(Buffer.from(big.slice(i, i + 64 * 1024))).toString();
  out += stream.push(Buffer.from('after\n')).toString();
  assert.ok(out === 'after\r\n', `${out.length} characters: ${out.slice(0, 200)}`);
});

test('ring buffer and perf buffer records become rows decoded from BTF: by the map_event global, by struct event, or as hex', async () => {
  const before = tracingProgIds();
  const obj = compile('tests/fixtures/bpf/events.bpf.c');
  const rows = (events: RunnerEvent[], map: string) => events.flatMap((e) => (e.type === 'events' && e.map === map ? e.rows : []));
  const { events, code } = await runJson(obj, async (events) => {
    await until(() => {
      execFileSync('/bin/true');
      return ['events', 'perf', 'raw'].every((m) => rows(events, m).some((r) => r.comm === 'node' || r.size === 4));
    }, 'a record of each map');
  });
  assert.equal(code, 0);
  const batch = (map: string) => events.find((e): e is Of<'events'> => e.type === 'events' && e.map === map)!;
  assert.deepEqual([batch('events').kind, batch('events').struct], ['ringbuf', 'exec_rec']);
  assert.deepEqual([batch('perf').kind, batch('perf').struct], ['perfbuf', 'event']);
  const ring = rows(events, 'events').find((r) => r.comm === 'node')!;
  assert.deepEqual(Object.keys(ring), ['pid', 'neg', 'comm'], 'the fields in their order');
  assert.equal(typeof ring.pid, 'number');
  assert.equal(ring.neg, -42, 'signed fields stay signed');
  const perf = rows(events, 'perf').find((r) => r.comm === 'node')!;
  assert.equal(perf.cookie, 0x1122334455667788, 'perf records are decoded though the kernel pads them');
  // 4 bytes, smaller than struct event: hex with the size (little-endian 0xdeadbeef).
  assert.deepEqual(
    rows(events, 'raw').find((r) => r.size === 4),
    { size: 4, bytes: 'efbeadde' },
  );
  assert.equal(batch('raw').struct, 'event');
  for (const e of events) if (e.type === 'events') assert.deepEqual([e.dropped, e.lost], [0, 0]);
  // What the server makes of a batch: a message for the page, a line per row for the terminal.
  const { text, sent } = shown([batch('events'), { type: 'exit', status: 0 }]);
  const msg = sent.find((m) => m.type === 'events');
  assert.deepEqual(msg && { ...msg, rows: [] }, { ...batch('events'), rows: [] });
  assert.match(text, /^events: pid=\d+ neg=-42 comm="\w+"$/m);
  assert.doesNotMatch(text, /descartados/, 'no counts line when nothing was dropped or lost');
  await until(() => tracingProgIds().join() === before.join(), 'nothing left loaded');
});

test('a program that floods its ring buffer: at most --max-events rows a second leave the runner, the rest are counted as dropped', async () => {
  const before = tracingProgIds();
  const max = 20;
  const started = Date.now();
  const { events, code } = await runJson(
    compile('tests/fixtures/bpf/events_flood.bpf.c'),
    async (events) => {
      await until(() => events.some((e) => e.type === 'events' && e.dropped > 10_000), 'ten thousand dropped');
    },
    ['--max-events', String(max)],
  );
  const seconds = (Date.now() - started) / 1000;
  assert.equal(code, 0);
  const batches = events.filter((e): e is Of<'events'> => e.type === 'events');
  const rows = batches.reduce((n, e) => n + e.rows.length, 0);
  assert.ok(rows > 0 && rows <= max * Math.ceil(seconds + 1), `${rows} rows in ${seconds} s`);
  // Counts alone are sent at most four times a second (plus one at the end).
  assert.ok(batches.filter((e) => e.rows.length === 0).length <= 4 * Math.ceil(seconds + 1) + 1, `${batches.length} batches`);
  const totals = batches.at(-1)!;
  assert.ok(totals.dropped > 10_000);
  const { text } = shown([totals, { type: 'exit', status: 0 }]);
  assert.match(text, /El mapa events envía más de 100 eventos por segundo/);
  assert.match(text, /Mapa events: \d+ eventos descartados por el taller y 0 perdidos por el kernel\./);
  await until(() => tracingProgIds().join() === before.join(), 'nothing left loaded');
});

test('a program that never writes to its ring buffer: no events, no warning, a clean exit', async () => {
  const { events, code } = await runJson(compile('tests/fixtures/bpf/events_silent.bpf.c'), async (events) => {
    // Two execs: the program runs for each and writes nothing.
    execFileSync('/bin/true');
    execFileSync('/bin/true');
    await until(() => events.some((e) => e.type === 'ready'), 'ready');
  });
  assert.equal(code, 0);
  assert.deepEqual(
    events.filter((e) => e.type === 'events' || e.type === 'warning'),
    [],
  );
});

/** A program with a configuration in .rodata and counters in .bss/.data, built into the test folder. */
function globalsObject(): string {
  const src = join(out, 'cfg.bpf.c');
  writeFileSync(
    src,
    [
      '#include <linux/bpf.h>',
      '#include <bpf/bpf_helpers.h>',
      'const volatile __u32 objetivo = 0;',
      'const volatile char nombre[8] = "";',
      'const volatile __s16 corto = 0;',
      '__u64 vistas = 0;',
      '__u32 cuenta = 7;',
      'SEC("tracepoint/syscalls/sys_enter_execve")',
      'int f(void *ctx)',
      '{',
      '	if (objetivo == 4242)',
      '		__sync_fetch_and_add(&vistas, 1);',
      "	if (nombre[0] == 'z')",
      '		__sync_fetch_and_add(&cuenta, 1);',
      '	return corto;',
      '}',
      'char LICENSE[] SEC("license") = "GPL";',
    ].join('\n'),
  );
  return compile(src);
}

test('--set writes globals before load: the values are in .rodata, the program sees them, .bss/.data are shown by name', async () => {
  const obj = globalsObject();
  const { events, code } = await runJson(
    obj,
    async (evs) => {
      execFileSync('/bin/true');
      await until(
        () => evs.some((e) => e.type === 'maps' && JSON.stringify(e.maps).includes('"vistas":')),
        'the filtered counter in the maps',
      );
    },
    ['--set', 'objetivo=4242', '--set', 'nombre=zeta', '--set', 'corto=-3'],
  );
  assert.equal(code, 0);
  const globals = events.filter((e) => e.type === 'global');
  assert.deepEqual(globals, [
    { type: 'global', name: 'objetivo', section: '.rodata', value: 4242 },
    { type: 'global', name: 'nombre', section: '.rodata', value: 'zeta' },
    { type: 'global', name: 'corto', section: '.rodata', value: -3 },
  ]);
  const last = events.filter((e) => e.type === 'maps').at(-1);
  assert.ok(last && last.type === 'maps');
  const byName = Object.fromEntries(last.maps.map((m) => [m.name, m]));
  assert.deepEqual(byName['cfg.rodata'].entries, [{ key: 0, value: { objetivo: 4242, nombre: 'zeta', corto: -3 } }]);
  assert.ok(Number((byName['cfg.bss'].entries[0].value as { vistas: number }).vistas) >= 1);
  assert.ok(Number((byName['cfg.data'].entries[0].value as { cuenta: number }).cuenta) >= 8);
  assert.match(shown(globals).text, /Antes de cargar: objetivo = 4242 \(en \.rodata\)\.\nAntes de cargar: nombre = "zeta"/);
});

test('without --set the program keeps its defaults: the filtered counter never moves', async () => {
  const obj = globalsObject();
  const { events } = await runJson(obj, async (evs) => {
    execFileSync('/bin/true');
    await until(() => evs.some((e) => e.type === 'maps' && JSON.stringify(e.maps).includes('"cuenta":7')), 'a maps event');
  });
  const last = events.filter((e) => e.type === 'maps').at(-1);
  assert.ok(last && last.type === 'maps');
  assert.deepEqual(last.maps.find((m) => m.name === 'cfg.rodata')?.entries, [], 'an all-zero .rodata has no entry to show');
  assert.deepEqual(last.maps.find((m) => m.name === 'cfg.bss')?.entries, []);
});

test('--set with an unknown name, a value out of range, a text too long or a non-integer type: an error, nothing loaded', async () => {
  const obj = globalsObject();
  const cases: Array<[string, string, RegExp]> = [
    ['nada=1', 'unknown_variable', /ninguna variable global «nada»/],
    ['objetivo=-1', 'bad_value', /El valor de «objetivo» \(\.rodata\) no cabe/],
    ['objetivo=4294967296', 'bad_value', /no cabe/],
    ['corto=40000', 'bad_value', /no cabe/],
    ['nombre=ocholetr', 'too_long', /no cabe en su array/],
    ['nombre=ñ', 'bad_value', /no cabe/],
  ];
  const before = tracingProgIds();
  for (const [set, reason, sentence] of cases) {
    const { events, code } = await runJson(obj, async () => {}, ['--set', set]);
    assert.equal(code, 1, set);
    const err = events.find((e) => e.type === 'error');
    assert.ok(err && err.type === 'error' && err.stage === 'config' && err.reason === reason, `${set}: ${JSON.stringify(events)}`);
    assert.ok(!events.some((e) => e.type === 'loaded'), `${set}: nothing is loaded`);
    assert.match(shown(events).text, sentence);
    assert.match(shown(events).text, /No se ha cargado nada/);
  }
  assert.deepEqual(tracingProgIds(), before);
  // Not "name=value": the command line is refused before anything is opened.
  assert.equal(spawnSync(RUNNER, ['--set', 'sin-igual', obj]).status, 2);
});
