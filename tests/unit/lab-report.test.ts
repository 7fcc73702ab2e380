// The kernel lab's report (lab/report.ts): results of the environments run now
// replace theirs, the others are kept; the Markdown has one column per environment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markdown, merge } from '../../lab/report.ts';
import type { LabReport, SuiteReport } from '../../lab/results.ts';

function suite(env: string, kernel: string, outcome: 'ok' | 'unavailable' | 'fail'): SuiteReport {
  return {
    env,
    versions: {
      distro: 'Debian GNU/Linux 13 (trixie)',
      kernel,
      clang: '19.1.7',
      bpftrace: '0.23.2',
      libbpf: '1.5.0',
      bpftool: '7.5.0',
      node: '20.19.2',
    },
    doctor: { ok: 28, warn: 1, fail: 0, failing: [] },
    blocks: [
      { id: 'trace', lesson: 'primer-programa', kind: 'c', outcome: 'ok', seconds: 1 },
      {
        id: 'kprobe-openat2',
        lesson: 'requisitos',
        kind: 'shell',
        outcome,
        reason: outcome === 'ok' ? undefined : 'No disponible en este kernel: sin kprobes',
        seconds: 1,
      },
    ],
    exercises: [{ id: 'pid-y-comando', lesson: 'primer-programa', outcome: 'ok', seconds: 2 }],
    verifier: [{ kind: 'null_check', outcome: 'ok', cause: 'null-check' }],
    leftovers: [],
    seconds: 10,
    subset: 'all',
  };
}

const lab = (...envs: SuiteReport[]): LabReport => ({
  date: '2026-11-30T10:00:00Z',
  commit: 'abc1234',
  environments: envs.map((r) => ({ id: r.env, kind: 'qemu', bootSeconds: 5, suiteSeconds: 100, report: r })),
});

test('a run replaces the results of the environments it ran and keeps the others', () => {
  const first = merge(null, lab(suite('A', '6.18', 'unavailable'), suite('D', '6.12', 'ok')));
  assert.deepEqual(first.blocks['kprobe-openat2'].results, { A: 'unavailable', D: 'ok' });
  assert.equal(first.blocks['kprobe-openat2'].reasons.A, 'No disponible en este kernel: sin kprobes');
  assert.equal(first.blocks['kprobe-openat2'].reasons.D, undefined, 'a reason only where the block is unavailable');
  const second = merge(first, lab(suite('D', '6.12', 'fail')));
  assert.deepEqual(second.blocks['kprobe-openat2'].results, { A: 'unavailable', D: 'fail' });
  assert.deepEqual(
    second.environments.map((e) => e.id),
    ['A', 'D'],
  );
  assert.deepEqual(second.environments[1].counts, { ok: 3, unavailable: 0, fail: 1 });
});

test('an environment that failed to run keeps its previous results', () => {
  const first = merge(null, lab(suite('C', '6.1', 'ok')));
  const broken: LabReport = {
    ...lab(),
    environments: [{ id: 'C', kind: 'qemu', bootSeconds: null, suiteSeconds: 0, report: null, error: 'boot failed' }],
  };
  assert.deepEqual(merge(first, broken).blocks.trace.results, { C: 'ok' });
});

test('the Markdown has a column per environment, marks, versions and the reasons', () => {
  const md = markdown(merge(null, lab(suite('A', '6.18', 'unavailable'), suite('D', '6.12', 'ok'))));
  assert.match(md, /^\| lesson \| block \| A \| D \|$/m);
  assert.match(md, /^\| requisitos \| `kprobe-openat2` \| — \| ✓ \|$/m);
  assert.match(md, /\| \*\*D\*\* \| Debian GNU\/Linux 13 \(trixie\) \(qemu\) \| 6\.12 \| 19\.1\.7 \| 0\.23\.2 \| 1\.5\.0 \|/);
  assert.match(md, /- `kprobe-openat2` in A: No disponible en este kernel: sin kprobes/);
});
