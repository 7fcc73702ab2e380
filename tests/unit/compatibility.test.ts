// The kernel lab's record (src/data/compatibility.json, written by `npm run
// test:kernels`) covers the workshop as it is now: a new block or exercise cannot
// land without the lab having run it in every environment that runs the whole
// suite. And the helpers that turn the record into the pages' words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Compatibility } from '../../lib/compatibility.ts';
import { loadRunTable } from '../../server/runs/table.ts';
import { loadExercises } from '../../server/exercises/folders.ts';
import { cellWords, lineTools, ranResults, shortDistro, shortLabel, shortVersion, toolsOf } from '../../src/lib/compat-view.ts';

const RECORD = 'src/data/compatibility.json';
const compat = JSON.parse(readFileSync(RECORD, 'utf8')) as Compatibility;

test('every runnable block and every exercise is in the lab record, for every environment that runs the whole suite', () => {
  const full = compat.environments.filter((e) => e.subset === 'all');
  assert.ok(full.length > 0, `${RECORD} has no environment that ran the whole suite (subset "all")`);
  const blocks = [...loadRunTable('content').values()];
  const exercises = loadExercises('content');
  assert.ok(blocks.length > 0 && exercises.length > 0, 'the run table and the exercises were read');

  const missing: string[] = [];
  for (const env of full) {
    const where = `environment ${env.id} (${env.distro}, kernel ${env.kernel}; run of ${env.date}, commit ${env.commit})`;
    const noBlock = blocks.filter((b) => !compat.blocks[b.id]?.results[env.id]).map((b) => `${b.lesson}: ${b.id}`);
    const noExercise = exercises.filter((e) => !compat.exercises[e.id]?.results[env.id]).map((e) => `${e.lesson}: ${e.id}`);
    if (noBlock.length) missing.push(`${where} never ran these blocks:\n    ${noBlock.join('\n    ')}`);
    if (noExercise.length) missing.push(`${where} never ran these exercises:\n    ${noExercise.join('\n    ')}`);
  }
  if (missing.length) {
    assert.fail(
      `${RECORD} is older than the lessons: ${missing.length} gap(s). Run the kernel lab (npm run test:kernels) ` +
        `and commit the record it writes; do not edit it by hand.\n  ${missing.join('\n  ')}`,
    );
  }
});

test('the record is consistent: results and reasons name known environments, and every unavailable outcome says why', () => {
  const envIds = new Set(compat.environments.map((e) => e.id));
  assert.equal(envIds.size, compat.environments.length, 'environment ids are unique');
  const problems: string[] = [];
  for (const [kind, entries] of [
    ['block', compat.blocks],
    ['exercise', compat.exercises],
  ] as const) {
    for (const [id, entry] of Object.entries(entries)) {
      for (const [env, outcome] of Object.entries(entry.results)) {
        if (!envIds.has(env)) problems.push(`${kind} ${id}: result for unknown environment ${env}`);
        if (!['ok', 'unavailable', 'fail'].includes(outcome)) problems.push(`${kind} ${id} in ${env}: outcome ${outcome}`);
        if (outcome === 'unavailable' && !entry.reasons[env]?.trim())
          problems.push(`${kind} ${id} in ${env}: unavailable without a reason`);
      }
      for (const env of Object.keys(entry.reasons)) {
        if (!envIds.has(env)) problems.push(`${kind} ${id}: reason for unknown environment ${env}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('the pages name environments and tools briefly, from the record', () => {
  assert.equal(shortDistro('Debian GNU/Linux 13 (trixie)'), 'Debian 13');
  assert.equal(shortDistro('Ubuntu 24.04.1 LTS'), 'Ubuntu 24.04.1 LTS');
  assert.equal(shortVersion('6.18.44-fc-v669'), '6.18');
  assert.equal(shortVersion('6.12.118+deb13-amd64'), '6.12');
  assert.equal(shortVersion('19.1.7', 1), '19');
  assert.deepEqual(toolsOf('c'), ['clang', 'libbpf']);
  assert.deepEqual(toolsOf('bpftrace'), ['bpftrace']);
  assert.deepEqual(toolsOf('shell', 'sudo bpftool prog show name trace_execve'), ['bpftool']);
  assert.deepEqual(toolsOf('shell', 'uname -r'), []);
  const env = { ...compat.environments[0], distro: 'Debian GNU/Linux 12 (bookworm)', kernel: '6.1.0-28-amd64', bpftrace: '0.17.0' };
  assert.equal(shortLabel(env, ['bpftrace']), 'Debian 12 · kernel 6.1 · bpftrace 0.17');
  // The short line names a tool only where its version differs between environments.
  const newer = { ...env, id: 'N', clang: '19.1.7', libbpf: '1.5.0', bpftrace: '0.23.2' };
  assert.deepEqual(lineTools([{ env }, { env: newer }], ['bpftrace']), ['bpftrace']);
  assert.deepEqual(lineTools([{ env: newer }, { env: { ...newer, id: 'M' } }], ['clang', 'libbpf']), []);
  assert.deepEqual(lineTools([{ env: { ...newer, clang: '14.0.6' } }, { env: newer }], ['clang', 'libbpf']), ['clang']);
  assert.equal(
    cellWords({ outcome: 'unavailable', reason: 'No disponible en este kernel: no tiene kprobes' }),
    'No disponible en este kernel: no tiene kprobes',
  );
  // A block the lab never ran has no line; one run in some environments lists only those.
  assert.deepEqual(ranResults({ block: 'no-existe' }), []);
  const partial: Compatibility = {
    ...compat,
    environments: [env, { ...env, id: 'Z', subset: 'targeted' }],
    blocks: { x: { lesson: 'l', results: { [env.id]: 'ok' }, reasons: {} } },
  };
  assert.deepEqual(
    ranResults({ block: 'x' }, partial).map((r) => [r.env.id, r.outcome]),
    [[env.id, 'ok']],
  );
});
