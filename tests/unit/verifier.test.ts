// The verifier-log reader (server/bpf/verifier.ts) on a corpus of real logs recorded from this
// kernel (tests/fixtures/verifier/: one small rejected program per kind, its log, and the
// expected reading in expected.json), plus a live check that the corpus still matches the kernel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { capLog, explainVerifierLog } from '../../server/bpf/verifier.ts';
import { FIXTURES, MAX_FIXTURE_BYTES, buildRunner, kinds, loadAndGetLog } from '../fixtures/verifier/record.ts';

interface Expected {
  decisive: string;
  source: { line: number; code: string } | null;
  cause: string;
  summary: string;
  explains: string;
}

const expected: Record<string, Expected> = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'));
delete expected.$comment;
const KINDS = kinds();
const logOf = (kind: string) => readFileSync(join(FIXTURES, `${kind}.log`), 'utf8');
const GENERIC_SUMMARY = explainVerifierLog('').summary;

test('the corpus: every program has its log and its expected reading, at least 15 causes, logs capped', () => {
  assert.deepEqual(Object.keys(expected).sort(), KINDS, 'expected.json and the .bpf.c files name the same kinds');
  for (const kind of KINDS) {
    assert.ok(existsSync(join(FIXTURES, `${kind}.log`)), `${kind}.log is recorded (tests/fixtures/verifier/record.ts)`);
    assert.ok(statSync(join(FIXTURES, `${kind}.log`)).size <= MAX_FIXTURE_BYTES, `${kind}.log is at most 200 KB`);
    assert.ok(logOf(kind).split('\n').includes(expected[kind].decisive), `${kind}: the expected decisive line is a whole line of the log`);
  }
  const causes = new Set(Object.values(expected).map((e) => e.cause));
  assert.ok(causes.size >= 15, `${causes.size} distinct causes`);
});

for (const kind of KINDS) {
  test(`${kind}: decisive line, source line and Spanish cause`, () => {
    const want = expected[kind];
    const ex = explainVerifierLog(logOf(kind));
    assert.equal(ex.decisive, want.decisive);
    assert.deepEqual(ex.source, want.source && { code: want.source.code, file: `${kind}.bpf.c`, line: want.source.line });
    if (want.source) {
      // The annotation and the program agree: that line of the .bpf.c file is the code shown.
      const src = readFileSync(join(FIXTURES, `${kind}.bpf.c`), 'utf8').split('\n');
      assert.equal(src[want.source.line - 1].trim(), want.source.code);
    }
    assert.equal(ex.cause, want.cause);
    assert.equal(ex.summary, want.summary);
    assert.match(ex.explanation, new RegExp(want.explains));
    assert.match(ex.explanation, /Solución: /);
    assert.ok(ex.explanation.endsWith(ex.fix));
  });
}

/** The log with its error message replaced by one the reader cannot know; state dumps and statistics stay. */
function withUnknownMessage(log: string, decisive: string, message: string): string {
  const lines = log.split('\n');
  const at = lines.lastIndexOf(decisive);
  const rest = lines.slice(at + 1).filter((l) => /^(cur state|old state|processed \d+ insns|verification time|stack depth)|^$/.test(l));
  return [...lines.slice(0, at), message, ...rest].join('\n');
}

test('an unknown rejection, in the shape of every recorded log: the right decisive line and a generic explanation', () => {
  for (const kind of KINDS) {
    const want = expected[kind];
    const message = `the verifier says something new about ${kind} (${want.decisive.length})`;
    const ex = explainVerifierLog(withUnknownMessage(logOf(kind), want.decisive, message));
    assert.equal(ex.decisive, message, kind);
    assert.equal(ex.cause, null, kind);
    assert.equal(ex.summary, GENERIC_SUMMARY, kind);
    assert.match(ex.explanation, /no está entre los que el taller sabe explicar/);
    assert.equal(ex.source?.line ?? null, want.source?.line ?? null, `${kind}: source line`);
  }
});

test('the decisive line is not a state dump, even when the kernel prints states after the error', () => {
  const ex = explainVerifierLog(logOf('infinite_loop'));
  assert.doesNotMatch(ex.decisive, /state:/);
  // And not a statistics line when the error is the only message.
  assert.equal(
    explainVerifierLog(
      'combined stack size of 2 calls is 544. Too large\nverification time 12 usec\nstack depth 272+272\nprocessed 8 insns (limit 1000000)\n',
    ).decisive,
    'combined stack size of 2 calls is 544. Too large',
  );
});

// Messages this kernel does not produce for root but others do (older kernels, unprivileged loads).
const OTHER_KERNELS: Array<[string, string, RegExp]> = [
  ['unbounded-loop', 'back-edge from insn 7 to 3', /bucle/],
  ['uninitialized', 'invalid indirect read from stack R2 off -8+0 size 8', /inicializa/],
  ['unknown-helper', 'unknown func bpf_ringbuf_output#130', /bpf_ringbuf_output\(\)/],
  ['unbounded-index', 'R1 min value is negative, either use unsigned index or do a if (index >=0) check.', /acota/],
];

for (const [cause, line, text] of OTHER_KERNELS) {
  test(`recognises ${cause} (${line})`, () => {
    const ex = explainVerifierLog(
      `0: R1=ctx() R10=fp0\n; x = y; @ p.bpf.c:3\n0: (b7) r0 = 0\n${line}\nprocessed 1 insns (limit 1000000)\n`,
    );
    assert.equal(ex.decisive, line);
    assert.equal(ex.cause, cause);
    assert.match(ex.explanation, text);
    assert.deepEqual(ex.source, { code: 'x = y;', file: 'p.bpf.c', line: 3 });
  });
}

test('a rejection before the walk is not mistaken for the BTF warning that may precede it', () => {
  const ex = explainVerifierLog("arg#0 reference type('UNKNOWN ') size cannot be determined: -22\n" + logOf('unreachable_insn'));
  assert.equal(ex.decisive, 'unreachable insn 1');
  assert.equal(ex.cause, 'unreachable-insn');
});

test('a log without statistics or annotations still gives its last message, with no source', () => {
  const ex = explainVerifierLog('0: R1=ctx() R10=fp0\n0: (b7) r0 = 0\nsomething new the kernel says\n');
  assert.equal(ex.decisive, 'something new the kernel says');
  assert.equal(ex.source, null);
  assert.equal(ex.cause, null);
});

test('huge logs are capped to their tail, from the start of a line', () => {
  const big = 'x'.repeat(1_000_000) + '\nline one\nEL FINAL';
  const { text, truncated } = capLog(big, 1000);
  assert.equal(truncated, true);
  assert.equal(text, 'line one\nEL FINAL');
  assert.deepEqual(capLog('short', 1000), { text: 'short', truncated: false });
  const oneLine = capLog('y'.repeat(5000), 1000);
  assert.equal(oneLine.text.length, 1000);
});

test('the recorded logs that were capped keep the error at their end', () => {
  for (const kind of KINDS) {
    const log = logOf(kind);
    if (log.length < MAX_FIXTURE_BYTES * 0.9) continue;
    assert.match(log.slice(-400), /processed \d+ insns/, kind);
    assert.match(log.split('\n')[0], /^(\d+: |; |from \d+ to )/, `${kind}: starts at the start of a line`);
  }
});

// The corpus cannot rot: a few of the programs, loaded now, must give the recorded reading.
const LIVE = ['null_check', 'infinite_loop', 'ringbuf_leak', 'readonly_ctx', 'stack_limit'];
test(
  'live: these programs are still rejected the way the corpus records',
  { skip: process.getuid?.() !== 0 && 'needs root to load BPF programs' },
  async () => {
    buildRunner();
    for (const kind of LIVE) {
      const { log } = await loadAndGetLog(kind);
      const live = explainVerifierLog(log);
      const recorded = explainVerifierLog(logOf(kind));
      assert.equal(live.decisive, recorded.decisive, kind);
      assert.equal(live.decisive, expected[kind].decisive, kind);
      assert.deepEqual(live.source, recorded.source, kind);
      assert.equal(live.cause, recorded.cause, kind);
    }
    // Nothing stays loaded: the runner exits when loading fails.
    const names = (JSON.parse(execFileSync('bpftool', ['-j', 'prog', 'show'], { encoding: 'utf8' })) as Array<{ name?: string }>).map(
      (p) => p.name,
    );
    for (const kind of LIVE) assert.ok(!names.includes(kind.slice(0, 15)), `${kind} is not loaded`);
  },
);

test('Linux before 6.3 writes ranges as tnums: «has value (0x2; 0x0) should have been in (0x0; 0x1)» reads like the newer form', () => {
  // The callback's decisive line as Debian 12's kernel (6.1) prints it for bpf_loop_callback.bpf.c (kernel lab, environment C).
  const old = explainVerifierLog(
    '9: (95) exit\nAt callback return the register R0 has value (0x2; 0x0) should have been in (0x0; 0x1)\nprocessed 7 insns',
  );
  const now = explainVerifierLog(logOf('bpf_loop_callback'));
  assert.equal(old.cause, 'callback-return');
  assert.equal(old.explanation, now.explanation, 'the same Spanish explanation: value 2, expected between 0 and 1');
  const exit = explainVerifierLog('At program exit the register R0 has value (0x0; 0xffffffff) should have been in (0x0; 0x1)');
  assert.equal(exit.cause, 'return-value');
  assert.match(exit.explanation, /4294967295/);
});
