// Everything that reads bpftrace's own output, fed the real wording of each
// version learners have (0.17, 0.20, 0.23, 0.24; tests/fixtures/bpftrace-output.ts
// says where each comes from): the attach line, the noise filter, the Spanish
// error summaries, the charts, the live diagnostics and the bpftrace judge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ATTACHED_LINE } from '../../server/runs/bpftrace-output.ts';
import { NoiseFilter } from '../../server/runs/noise-filter.ts';
import { OutputNotes, summarizeLine } from '../../server/runs/error-summary.ts';
import { RunOutput } from '../../server/terminals/run-output.ts';
import { parseBpftraceDiagnostics } from '../../server/processes/diagnose.ts';
import { bpftraceMapLines } from '../../server/exercises/judge-kit.ts';
import { EXERCISES } from '../../server/exercises/catalog.ts';
import { WORKLOAD_NAME } from '../../server/processes/workloads.ts';
import { stripAnsi } from '../../server/text/wrap.ts';
import { parseBpftraceCharts } from '../../src/client/charts.ts';
import { OUTPUT } from '../../server/limits.ts';
import {
  ARGS_DOT_0_17,
  ATTACHED_ONE,
  ATTACHED_TWO,
  COUNT_MAP,
  FILE_EXISTS,
  HIST,
  HIST_BUCKETS,
  KPROBE_ATTACH_ERROR,
  MEMLOCK,
  NO_SYMBOL,
  SYNTAX_EOF,
  TRACEPOINT_NOT_FOUND,
  UNKNOWN_FUNCTION,
  VERSIONS,
  countRun,
} from '../fixtures/bpftrace-output.ts';

/** What the page and Comprobar read: colours and carriage returns removed (as CheckRun does). */
const plain = (s: string) => stripAnsi(s).replace(/\r/g, '');

/** Feeds `text` through a fresh noise filter in chunks of `size` bytes. */
function filtered(text: string, size = Infinity): string {
  const f = new NoiseFilter();
  const buf = Buffer.from(text);
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += Number.isFinite(size) ? size : buf.length) out.push(f.push(buf.subarray(i, i + size)));
  out.push(f.flush());
  return Buffer.concat(out).toString();
}

test('the attach line of every version is recognised, in the raw pty text and once colours are removed', () => {
  for (const v of VERSIONS) {
    for (const line of [ATTACHED_ONE[v], ATTACHED_TWO[v]]) {
      const run = MEMLOCK[v] + line + COUNT_MAP;
      assert.match(run, ATTACHED_LINE, `${v}: ${JSON.stringify(line)}`);
      assert.match(plain(run), ATTACHED_LINE, v);
    }
    // Before the attach line, nothing says attached.
    assert.doesNotMatch(MEMLOCK[v], ATTACHED_LINE, v);
  }
  // bpftrace -v's per-probe lines are not the attach line.
  assert.doesNotMatch('Attaching kprobe:do_sys_openat2\r\nAttaching to 3 functions\r\n', ATTACHED_LINE);
});

test('the noise filter hides the memlock line of every version (ERROR and WARNING forms), in any chunking', () => {
  for (const v of VERSIONS) {
    const expected = ATTACHED_ONE[v] + COUNT_MAP;
    for (const size of [Infinity, 1, 7, 30]) assert.equal(filtered(countRun(v), size), expected, `${v}, chunks of ${size}`);
  }
});

test('the noise filter hides the «File exists … map_update_elem» block of 0.23 and 0.24, in any chunking', () => {
  for (const v of ['0.23', '0.24'] as const) {
    const run = MEMLOCK[v] + ATTACHED_ONE[v] + 'tallerej /etc/hostname\r\n' + FILE_EXISTS[v] + 'cat /etc/hostname\r\n' + COUNT_MAP;
    const expected = ATTACHED_ONE[v] + 'tallerej /etc/hostname\r\ncat /etc/hostname\r\n' + COUNT_MAP;
    for (const size of [Infinity, 1, 5, 64]) {
      const out = filtered(run, size);
      assert.equal(out, expected, `${v}, chunks of ${size}`);
      assert.ok(!out.includes('File exists') && !out.includes('~~~'), v);
    }
    // At the very end of a run too.
    assert.equal(filtered(ATTACHED_ONE[v] + FILE_EXISTS[v]), ATTACHED_ONE[v]);
  }
});

test('the noise filter leaves every other warning and error as it is', () => {
  const other = [
    // 0.17, measured: a kprobe on a kernel without kprobes.
    'stdin:1:1-22: WARNING: do_sys_openat2 is not traceable (either non-existing, inlined, or marked as "notrace"); attaching to it will likely fail\r\n' +
      'kprobe:do_sys_openat2 { @[comm] = count(); }\r\n' +
      '~~~~~~~~~~~~~~~~~~~~~\r\n',
    // A `File exists` from another helper is not the count() race.
    'stdin:1:9-20: WARNING: File exists\r\nAdditional Info - helper: map_delete_elem, retcode: -17\r\nBEGIN { x }\r\n        ~~~\r\n',
    // A header whose next line is ordinary output.
    'stdin:1:58-65: WARNING: File exists\r\ntallerej /etc/hostname\r\n',
    ...VERSIONS.map((v) => KPROBE_ATTACH_ERROR[v]),
    ...VERSIONS.map((v) => UNKNOWN_FUNCTION[v]),
  ];
  for (const text of other) for (const size of [Infinity, 3]) assert.equal(filtered(text, size), text);
});

test('the noise filter holds a partial line until its end or a release; what is released is not looked at again', () => {
  const f = new NoiseFilter();
  assert.equal(f.push(Buffer.from('Attaching 1 probe...\r\nbash 1')).toString(), 'Attaching 1 probe...\r\n');
  assert.ok(f.holding);
  assert.equal(f.release().toString(), 'bash 1');
  assert.ok(!f.holding);
  assert.equal(f.push(Buffer.from('23\r\ncat 4\r\n')).toString(), '23\r\ncat 4\r\n');
  // A block's first line waits for the next one, and goes as it is when released.
  const g = new NoiseFilter();
  assert.equal(g.push(Buffer.from('stdin:1:58-65: WARNING: File exists\r\n')).toString(), '');
  assert.ok(g.holding);
  assert.equal(g.release().toString(), 'stdin:1:58-65: WARNING: File exists\r\n');
});

test('the session lets a partial line held by the noise filter go after a moment', async () => {
  const shown: string[] = [];
  const output = new RunOutput(new NoiseFilter(), new OutputNotes({ bpftrace: true }), (d) => shown.push(d.toString()));
  output.push(Buffer.from(MEMLOCK['0.23'] + ATTACHED_ONE['0.23'] + '¿Seguro? '));
  assert.equal(shown.join(''), ATTACHED_ONE['0.23']);
  await new Promise((r) => setTimeout(r, OUTPUT.partialLineMs * 3));
  assert.equal(shown.join(''), ATTACHED_ONE['0.23'] + '¿Seguro? ');
  output.push(Buffer.from('sí\r\n'));
  assert.equal(shown.join('') + output.finish().toString(), ATTACHED_ONE['0.23'] + '¿Seguro? sí\r\n');
  output.clearTimer();
});

test('attach errors get the Spanish summary with and without quotes (0.17, 0.20, 0.23, 0.24)', () => {
  for (const v of VERSIONS) {
    const s = summarizeLine(stripAnsi(KPROBE_ATTACH_ERROR[v]));
    assert.equal(
      s?.text,
      'bpftrace no ha podido enganchar la sonda «kprobe:do_sys_openat2»: este kernel no la tiene o no deja engancharse a ella',
      v,
    );
  }
  // 0.21–0.23 may add a reason after the probe's name.
  for (const line of [
    "ERROR: Error attaching probe: tracepoint:x:y, maybe trying to access arguments beyond what's available in this tracepoint",
    'ERROR: Error attaching probe: kprobe:mod:func: specified module mod in probe kprobe:mod:func is not loaded.',
    "ERROR: Unable to attach probe: kprobe:foo.isra.0. If this is expected, set the 'missing_probes' config variable to 'warn'.",
  ]) {
    assert.match(summarizeLine(line)!.text, /«(tracepoint:x:y|kprobe:mod:func|kprobe:foo\.isra\.0)»:/, line);
  }
});

test('other bpftrace errors get the same summary in every version', () => {
  for (const v of VERSIONS) {
    assert.equal(
      summarizeLine(stripAnsi(TRACEPOINT_NOT_FOUND[v]))?.text,
      'bpftrace no encuentra la sonda «tracepoint:syscalls:sys_enter_nothere», línea 1: este kernel no la tiene (búscala con bpftrace -l)',
      v,
    );
    assert.equal(
      summarizeLine(stripAnsi(UNKNOWN_FUNCTION[v]))?.text,
      'bpftrace no entiende el programa, línea 1: función desconocida «contar»',
      v,
    );
    // The memlock line, were it not hidden, is not an error of the learner's program: it is never summarized
    // as one in the WARNING form, and the ERROR form is the noise filter's to hide.
    if (MEMLOCK[v].includes('WARNING')) assert.equal(summarizeLine(stripAnsi(MEMLOCK[v])), null, v);
  }
  assert.equal(
    summarizeLine("stdin:1:9-20: ERROR: Function not found: 'contar'")?.text,
    'bpftrace no entiende el programa, línea 1: función desconocida «contar»',
  );
  assert.match(summarizeLine(stripAnsi(NO_SYMBOL['0.17']))!.text, /ninguna sonda que enganchar/);
  assert.match(summarizeLine(stripAnsi(NO_SYMBOL['0.23']))!.text, /^bpftrace no encuentra el símbolo «\/bin\/bash:nosuchfunc»:/);
  assert.equal(
    summarizeLine(stripAnsi(SYNTAX_EOF['0.17']))?.text,
    'bpftrace no entiende el programa, línea 1: error de sintaxis, sobra el final del programa (se esperaba «}»)',
  );
  assert.equal(
    summarizeLine(stripAnsi(SYNTAX_EOF['0.23']))?.text,
    'bpftrace no entiende el programa, línea 1: error de sintaxis, sobra el final del programa (se esperaba «;» o «}»)',
  );
  assert.match(summarizeLine(stripAnsi(ARGS_DOT_0_17))!.text, /^bpftrace no entiende el programa, línea 1/);
});

test('the stream: a coloured attach error (0.23, 0.24) gets its summary above it', () => {
  for (const v of ['0.23', '0.24'] as const) {
    const notes = new OutputNotes({ bpftrace: true });
    const out = stripAnsi(notes.push(Buffer.from(ATTACHED_ONE[v] + KPROBE_ATTACH_ERROR[v])).toString() + notes.flush().toString());
    const lines = out.split('\r\n');
    assert.match(lines[1], /^✘ bpftrace no ha podido enganchar la sonda «kprobe:do_sys_openat2»/, v);
    assert.match(lines[2], /^ERROR: (Error|Unable to) attach/, v);
  }
});

test('the live diagnostics read the error lines of every version', () => {
  for (const v of VERSIONS) {
    // Diagnostics run without a terminal: no colours.
    const [d] = parseBpftraceDiagnostics(stripAnsi(UNKNOWN_FUNCTION[v]).replace(/\r/g, ''));
    assert.deepEqual({ line: d.line, column: d.column, severity: d.severity }, { line: 1, column: 40, severity: 'error' }, v);
    assert.match(d.message, /^Unknown function: '?contar'?$/, v);
  }
});

test('histograms and counts are charted from the output of every version (`@ns: ` and `@ns:`)', () => {
  for (const v of VERSIONS) {
    const text = filtered(MEMLOCK[v] + ATTACHED_TWO[v] + '\r\n\r\n' + HIST[v] + HIST_BUCKETS + COUNT_MAP);
    const charts = parseBpftraceCharts(text);
    const hist = charts.find((c) => c.kind === 'hist');
    assert.deepEqual(hist && { name: hist.name, bars: hist.bars.map((b) => b.value) }, { name: '@ns', bars: [100, 493, 265] }, v);
    const counts = charts.find((c) => c.kind === 'count');
    assert.deepEqual(counts?.bars, [
      { label: WORKLOAD_NAME, value: 21 },
      { label: 'bash', value: 13 },
    ]);
  }
});

test('the bpftrace judge reads the map lines of every version, a `File exists` block in between included', () => {
  const judge = EXERCISES.get('openat-filtrado')!;
  for (const v of VERSIONS) {
    const block = v === '0.23' || v === '0.24' ? FILE_EXISTS[v] : '';
    // What CheckRun sees: the output after the noise filter, without colours and carriage returns.
    const seen = (map: string) => plain(filtered(MEMLOCK[v] + ATTACHED_ONE[v] + block + '\r\n\r\n' + map));
    const solution = seen(`@[${WORKLOAD_NAME}]: 14\r\n`);
    assert.deepEqual(bpftraceMapLines(solution), [{ map: '@', key: WORKLOAD_NAME, value: 14 }], v);
    const workload = { name: WORKLOAD_NAME, pids: [4806, 4808, 4809] };
    const ok = judge.judge({ printk: [], maps: [], text: solution, workload });
    assert.equal(ok.ok, true, `${v}: ${ok.message}`);
    const start = judge.judge({ printk: [], maps: [], text: seen(`@[bash]: 13\r\n@[${WORKLOAD_NAME}]: 21\r\n`), workload });
    assert.equal(start.ok, false, v);
    assert.match(start.message, /falta el filtro/, v);
  }
});
