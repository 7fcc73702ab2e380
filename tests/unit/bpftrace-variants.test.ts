// Snippets written in several forms for different bpftrace versions (fence metas `variant=`,
// `bpftrace-min=`, `variant-note=`; CONTRIBUTING.md): the fence reader, which form the page shows
// for each version, and the readiness of each form, for the versions learners have.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describeRunnable, variantFromMeta } from '../../lib/lessons/runnable.ts';
import { versionAtLeast } from '../../lib/protocol.ts';
import { chooseVariant } from '../../src/client/variants.ts';
import { loadLessonRequires, loadRunTable } from '../../server/runs/table.ts';
import { blockReadiness } from '../../server/requirements/readiness.ts';
import { bpftraceVersion } from '../../server/requirements/checks/tools.ts';
import { fixtureSystem } from '../../server/requirements/system.ts';
import { runChecks } from '../../server/requirements/checks.ts';
import { VERSION_LINE } from '../fixtures/bpftrace-output.ts';

const VERSIONS = Object.keys(VERSION_LINE) as Array<keyof typeof VERSION_LINE>;
const installed = (v: keyof typeof VERSION_LINE) => bpftraceVersion(VERSION_LINE[v])!;

test('the version is read from bpftrace --version and compared part by part', () => {
  assert.deepEqual(VERSIONS.map(installed), ['0.17.0', '0.20.2', '0.23.2', '0.25.0']);
  assert.equal(bpftraceVersion('nada'), null);
  assert.equal(bpftraceVersion(null), null);
  assert.ok(versionAtLeast('0.19.0', '0.19') && versionAtLeast('v0.23.2', '0.19') && versionAtLeast('1.0', '0.25'));
  assert.ok(!versionAtLeast('0.17.0', '0.19') && !versionAtLeast('0.9.4', '0.19') && !versionAtLeast('0.19.9', '0.20'));
});

test('fence metas: bpftrace-min on a runnable block, variant groups on any fence, Spanish errors', () => {
  const b = describeRunnable('bash', 'run="x" expect="y" variant="g" bpftrace-min="0.19"', 'ls', 'l')!;
  assert.equal(b.bpftraceMin, '0.19');
  assert.equal(describeRunnable('bash', 'run="x"', 'ls', 'l')!.bpftraceMin, undefined);
  assert.deepEqual(variantFromMeta('title="a.bt" variant="sonda" bpftrace-min="0.20" variant-note="usa fentry:"', 'l'), {
    group: 'sonda',
    bpftraceMin: '0.20',
    note: 'usa fentry:',
  });
  assert.deepEqual(variantFromMeta('variant="g"', 'l'), { group: 'g', bpftraceMin: null, note: null });
  assert.equal(variantFromMeta('title="x"', 'l'), null);
  assert.throws(
    () => describeRunnable('bash', 'run="x" bpftrace-min="0.19.1"', 'ls', 'mapas'),
    /Lección «mapas».*«bpftrace-min="0\.19\.1"» no es una versión/,
  );
  assert.throws(() => variantFromMeta('variant="Mal Grupo"', 'mapas'), /grupo de variantes «Mal Grupo» no es válido/);
});

test('the page shows the form with the newest minimum the installed version reaches', () => {
  // args-> everywhere, args. from 0.19; kfunc: everywhere, fentry: from 0.20.
  const args = [null, '0.19'];
  const probe = [null, '0.20'];
  const want = { '0.17': [0, 0], '0.20': [1, 1], '0.23': [1, 1], '0.25': [1, 1] };
  for (const v of VERSIONS) assert.deepEqual([chooseVariant(args, installed(v)), chooseVariant(probe, installed(v))], want[v], v);
  // Order in the lesson does not matter; three forms pick the newest reachable; none reachable → -1.
  assert.equal(chooseVariant(['0.19', null], '0.17.0'), 1);
  assert.equal(chooseVariant([null, '0.24', '0.19'], '0.23.2'), 2);
  assert.equal(chooseVariant(['0.24'], '0.17.0'), -1);
});

const table = loadRunTable('content');
const requires = loadLessonRequires('content');

test('readiness per version: a form for a newer bpftrace is «no disponible» with the reason, the portable form is ready', async () => {
  const checks = await runChecks(fixtureSystem('tests/fixtures/systems/kernel-6-full'));
  const ready = (id: string, v: string | null) => blockReadiness(table.get(id)!, requires.get(table.get(id)!.lesson), checks, v);
  for (const [portable, newer] of [
    ['abrir-ficheros', 'abrir-ficheros-punto'],
    ['columnas-printf', 'columnas-printf-punto'],
  ]) {
    for (const v of VERSIONS) assert.equal(ready(portable, installed(v)).ready, true, `${portable} on ${v}`);
    const old = ready(newer, installed('0.17'));
    assert.equal(old.ready, false);
    assert.deepEqual(old.missing, ['tools']);
    assert.deepEqual(old.reasons, [
      'Falta una herramienta: esta forma necesita bpftrace 0.19 o posterior y tienes la 0.17.0; la lección te muestra en su lugar la forma que entiende tu versión',
    ]);
    for (const v of ['0.20', '0.23', '0.25'] as const) assert.equal(ready(newer, installed(v)).ready, true, `${newer} on ${v}`);
    // An unknown version (bpftrace did not say) blocks nothing: the run itself will tell.
    assert.equal(ready(newer, null).ready, true);
  }
});

/** Every fence of every lesson that may hold bpftrace code (not C, not an output sample), with its meta and code. */
function fences(): Array<{ lesson: string; meta: string; code: string }> {
  const out: Array<{ lesson: string; meta: string; code: string }> = [];
  for (const f of readdirSync('content').filter((n) => n.endsWith('.mdx'))) {
    for (const m of readFileSync(`content/${f}`, 'utf8').matchAll(/^```(\w*)([^\n]*)\n([\s\S]*?)^```/gm))
      if (['bpftrace', 'bash', 'sh', 'shell', 'console'].includes(m[1])) out.push({ lesson: f, meta: m[2], code: m[3] });
  }
  return out;
}

test('the lessons: every group has a form for any version, and newer syntax always says its minimum', () => {
  const groups = new Map<string, Array<string | null>>();
  for (const { lesson, meta, code } of fences()) {
    const v = variantFromMeta(meta, lesson);
    if (v) groups.set(`${lesson}#${v.group}`, [...(groups.get(`${lesson}#${v.group}`) ?? []), v.bpftraceMin]);
    const min = v?.bpftraceMin ?? describeRunnable('bash', meta, code, lesson)?.bpftraceMin ?? null;
    if (/\bargs\.\w/.test(code))
      assert.ok(min && versionAtLeast(min, '0.19'), `${lesson}: a fence with args.campo needs bpftrace-min="0.19": ${code.slice(0, 80)}`);
    if (/(^|[\s'{])(fentry|fexit):/.test(code))
      assert.ok(min && versionAtLeast(min, '0.20'), `${lesson}: a fence with fentry:/fexit: needs bpftrace-min="0.20"`);
  }
  assert.ok(groups.size >= 3, `the lessons have variant groups (${groups.size})`);
  for (const [group, mins] of groups) {
    assert.ok(mins.length >= 2, `${group} has two forms or more`);
    assert.ok(mins.includes(null), `${group} has a form for every version (no bpftrace-min)`);
  }
});
