// Loader blocks (a lesson's own user-space C, built with its BPF program's skeleton):
// the fence meta, the recipe and its build script, the edited-source checks, readiness
// and the program names the attach watch reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFence } from '../../lib/lessons/fence.ts';
import { loadRunTable } from '../../server/runs/table.ts';
import { recipeFor } from '../../server/runs/recipes.ts';
import { validateLearnerSource } from '../../server/runs/learner-source.ts';
import { LOADER_RUN_SCRIPT, loaderNames } from '../../server/workspace/loader-build.ts';
import { needsOf, workloadsFor } from '../../server/requirements/readiness.ts';
import { programsOf } from '../../server/terminals/loader-attach.ts';

const META = 'file="bpf/execsnoop.c" title="execsnoop.c" bpf="bpf/execsnoop.bpf.c" run="cargador-prueba" expect="x"';

test('a c fence with bpf= is a loader block: its user code, its BPF program and their names', () => {
  const { block } = readFence('c', META, '', 'cargador');
  assert.ok(block);
  assert.equal(block.kind, 'loader');
  assert.equal(block.fileName, 'execsnoop.c');
  assert.equal(block.bpf?.fileName, 'execsnoop.bpf.c');
  assert.equal(block.bpf?.code, readFileSync('bpf/execsnoop.bpf.c', 'utf8').replace(/\s+$/, ''));
  assert.equal(block.code, readFileSync('bpf/execsnoop.c', 'utf8').replace(/\s+$/, ''));
  assert.deepEqual(loaderNames('execsnoop.bpf.c', 'execsnoop.c'), {
    bpfSource: 'execsnoop.bpf.c',
    object: 'execsnoop.bpf.o',
    skeleton: 'execsnoop.skel.h',
    name: 'execsnoop_bpf',
    source: 'execsnoop.c',
    binary: 'execsnoop',
  });
  // The lesson's block is in the run table.
  assert.equal(loadRunTable('content').get('cargador-execsnoop')?.kind, 'loader');
});

test('bad loader fences fail the build with a Spanish reason', () => {
  assert.throws(() => readFence('c', 'bpf="bpf/../x.bpf.c" run="a" file="bpf/execsnoop.c"', '', 'l'), /bpf\/<nombre>\.bpf\.c/);
  assert.throws(() => readFence('c', 'bpf="bpf/no-ident.bpf.c" run="a" file="bpf/execsnoop.c"', '', 'l'), /identificador de C/);
  assert.throws(() => readFence('bash', 'bpf="bpf/execsnoop.bpf.c" run="a"', 'ls', 'l'), /debe ser un bloque «c»/);
  assert.throws(() => readFence('c', 'bpf="bpf/execsnoop.bpf.c" run="a" file="bpf/execsnoop.bpf.c"', '', 'l'), /no \.bpf\.c/);
  assert.throws(() => readFence('c', 'bpf="bpf/nope.bpf.c" run="a" file="bpf/execsnoop.c"', '', 'l'), /nope\.bpf\.c», que no existe/);
});

test('the recipe builds in a private folder and runs the program itself, with one Spanish sentence per stage', () => {
  const cache = mkdtempSync(join(tmpdir(), 'taller-loader-'));
  try {
    const block = loadRunTable('content').get('cargador-execsnoop')!;
    const ctx = { workDir: '/w', runnerPath: '/nonexistent', cacheDir: cache, newScratch: () => cache, binDir: '/b' };
    const r = recipeFor(block, ctx);
    assert.ok(r.ok);
    assert.equal(r.output, 'loader');
    assert.ok(r.command.cwd?.startsWith(cache), 'built inside the compile cache');
    assert.match(
      r.display,
      /clang .* -c execsnoop\.bpf\.c -o execsnoop\.bpf\.o && bpftool gen skeleton execsnoop\.bpf\.o name execsnoop_bpf > execsnoop\.skel\.h && cc -O2 -g -Wall execsnoop\.c -o execsnoop -lbpf && sudo \.\/execsnoop/,
    );
    const args = r.command.args;
    assert.match(args[11], /No se pudo compilar el programa BPF execsnoop\.bpf\.c/);
    assert.match(args[12], /bpftool no pudo generar el esqueleto execsnoop\.skel\.h/);
    assert.match(args[13], /No se pudo compilar el cargador execsnoop\.c/);
    // Edited code goes to a scratch folder the session removes.
    const edited = recipeFor(block, ctx, block.code + '\n// cambio\n');
    assert.ok(edited.ok && edited.scratch === cache);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});

test('the build script stops at the first failing stage with its sentence and never leaves a half-built program', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taller-loader-script-'));
  try {
    writeFileSync(join(dir, 'x.bpf.c'), 'this is not C\n');
    writeFileSync(join(dir, 'x.c'), 'int main(void) { return 0; }\n');
    const run = () =>
      spawnSync(
        '/bin/sh',
        [
          '-c',
          LOADER_RUN_SCRIPT,
          'prueba',
          dir,
          'x.bpf.c',
          'x.bpf.o',
          'x.skel.h',
          'x_bpf',
          'x.c',
          'x',
          '-O2',
          'FALLA-BPF',
          'FALLA-ESQ',
          'FALLA-CC',
          '-target',
          'bpf',
        ],
        {
          encoding: 'utf8',
        },
      );
    let r = run();
    assert.equal(r.status, 1);
    assert.match(r.stdout, /FALLA-BPF/);
    assert.equal(spawnSync('ls', [dir], { encoding: 'utf8' }).stdout.trim().split('\n').sort().join(' '), 'x.bpf.c x.c');
    writeFileSync(join(dir, 'x.bpf.c'), 'int x;\n');
    writeFileSync(join(dir, 'x.c'), 'int main(void) { return nope; }\n');
    r = run();
    assert.equal(r.status, 1);
    assert.match(r.stdout, /FALLA-CC/);
    assert.doesNotMatch(spawnSync('ls', [dir], { encoding: 'utf8' }).stdout, /^x$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('edited loader code: system headers and its own skeleton only, and the skeleton is required', () => {
  const code = readFileSync('bpf/execsnoop.c', 'utf8');
  assert.equal(validateLearnerSource('loader', code, 'execsnoop.skel.h').ok, true);
  const noSkel = validateLearnerSource('loader', code.replace('#include "execsnoop.skel.h"', ''), 'execsnoop.skel.h');
  assert.ok(!noSkel.ok && /#include "execsnoop\.skel\.h"/.test(noSkel.message));
  const other = validateLearnerSource('loader', code.replace('#include "execsnoop.skel.h"', '#include "otro.skel.h"'), 'execsnoop.skel.h');
  assert.ok(!other.ok && /#include "otro\.skel\.h"/.test(other.message));
  const path = validateLearnerSource('loader', `#include "/etc/passwd"\n${code}`, 'execsnoop.skel.h');
  assert.equal(path.ok, false);
  // The skeleton name is no pass for ordinary C blocks.
  assert.equal(validateLearnerSource('c', '#include "execsnoop.skel.h"\n', 'execsnoop.skel.h').ok, false);
});

test('readiness of a loader: the BPF program decides the workloads; it needs bpftool, a C compiler and libbpf', () => {
  const block = loadRunTable('content').get('cargador-execsnoop')!;
  assert.deepEqual(workloadsFor(block), ['exec']);
  const needs = needsOf(block);
  for (const n of ['clang', 'bpftool', 'cc', 'libbpf', 'btf', 'tracefs', 'privileges']) assert.ok(needs.has(n as never), n);
});

test('the attach watch names the programs of the BPF source', () => {
  assert.deepEqual(programsOf(readFileSync('bpf/execsnoop.bpf.c', 'utf8')), [
    { program: 'handle_execve', section: 'tracepoint/syscalls/sys_enter_execve' },
  ]);
});
