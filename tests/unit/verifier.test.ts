// The verifier-log reader, on logs shaped like the kernel's (6.x).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { capLog, explainVerifierLog } from '../../server/bpf/verifier.ts';

const log = (body: string) => `${body}\nprocessed 12 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 mark_read 1\n`;

test('unchecked map lookup: decisive line, source line and the NULL-check explanation', () => {
  const ex = explainVerifierLog(
    log(`0: R1=ctx() R10=fp0
; __u64 *count = bpf_map_lookup_elem(&counts, &pid); @ roto.bpf.c:21
4: (85) call bpf_map_lookup_elem#1    ; R0_w=map_value_or_null(id=1,off=0,ks=4,vs=8,imm=0)
; *count += 1; @ roto.bpf.c:24
5: (79) r1 = *(u64 *)(r0 +0)
R0 invalid mem access 'map_value_or_null'`),
  );
  assert.equal(ex.decisive, "R0 invalid mem access 'map_value_or_null'");
  assert.deepEqual(ex.source, { code: '*count += 1;', file: 'roto.bpf.c', line: 24 });
  assert.equal(ex.cause, 'null-check');
  assert.match(ex.explanation, /NULL/);
});

const CASES: Array<[string, string, RegExp]> = [
  ['out-of-bounds', 'invalid access to map value, value_size=8 off=8 size=8\nR0 min value is outside of the allowed memory range', /límites/],
  ['gpl-only', 'cannot call GPL-restricted function from non-GPL compatible program', /GPL/],
  ['unbounded-loop', 'back-edge from insn 7 to 3', /bucle/],
  ['context-access', 'invalid bpf_context access off=64 size=8', /contexto/],
  ['too-complex', 'BPF program is too large. Processed 1000001 insn', /complejo/],
  ['uninitialized', 'R2 !read_ok', /inicializa/],
];

for (const [cause, line, text] of CASES) {
  test(`recognises ${cause}`, () => {
    const ex = explainVerifierLog(log(`; x = y; @ p.bpf.c:3\n0: (b7) r0 = 0\n${line}`));
    assert.equal(ex.cause, cause);
    assert.match(ex.explanation, text);
    assert.equal(ex.source?.line, 3);
  });
}

test('an unknown message gets a generic hint and no cause', () => {
  const ex = explainVerifierLog(log('something new the kernel says'));
  assert.equal(ex.cause, null);
  assert.equal(ex.decisive, 'something new the kernel says');
});

test('huge logs are capped to their tail', () => {
  const big = 'x'.repeat(1_000_000) + 'EL FINAL';
  const { text, truncated } = capLog(big, 1000);
  assert.equal(truncated, true);
  assert.ok(text.endsWith('EL FINAL') && text.length === 1000);
});
