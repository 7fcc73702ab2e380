// Program blocks (a plain user-space C program: a `c` fence whose file is `x.c`, without
// `bpf=`): the fence, readiness, and program exercises (inicio.c without programa.bpf.c
// nor workload), checked from the program's output when it ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFence } from '../../lib/lessons/fence.ts';
import { needsOf, workloadsFor } from '../../server/requirements/readiness.ts';
import { ExerciseFolderError, loadExercises } from '../../server/exercises/folders.ts';
import { CheckRun } from '../../server/exercises/check-run.ts';
import { EXERCISES } from '../../server/exercises/catalog.ts';

test('a c fence with a user-space file name and no bpf= is a program block; a .bpf.c one is still a C block', () => {
  const { block } = readFence('c', 'file="bpf/seccomp.c" title="seccomp.c" run="p" expect="x"', '', 'seccomp');
  assert.equal(block?.kind, 'program');
  assert.equal(block?.fileName, 'seccomp.c');
  assert.equal(block?.code, readFileSync('bpf/seccomp.c', 'utf8').replace(/\s+$/, ''));
  assert.equal(readFence('c', 'title="hola.c" run="p"', 'int main(void) { return 0; }', 'l').block?.kind, 'program');
  assert.equal(readFence('c', 'title="x.bpf.c" run="p"', 'int x;', 'l').block?.kind, 'c');
  assert.equal(readFence('c', 'run="p"', 'int x;', 'l').block?.kind, 'c');
  assert.equal(readFence('c', 'file="bpf/execsnoop.c" bpf="bpf/execsnoop.bpf.c" run="p"', '', 'l').block?.kind, 'loader');
});

test('readiness of a program: a C compiler and the UAPI headers, no BPF tools, no workload buttons', () => {
  const { block } = readFence('c', 'file="bpf/seccomp.c" title="seccomp.c" run="p"', '', 'seccomp');
  const needs = needsOf(block!);
  for (const n of ['cc', 'uapi', 'privileges']) assert.ok(needs.has(n as never), n);
  for (const n of ['clang', 'bpftool', 'libbpf', 'btf', 'bpftrace']) assert.ok(!needs.has(n as never), n);
  assert.deepEqual(workloadsFor(block!), []);
});

/** A content folder with one program exercise, changed by `edit`. */
function withProgramExercise(edit: (dir: string) => void = () => {}): string {
  const root = mkdtempSync(join(tmpdir(), 'taller-ej-program-'));
  writeFileSync(join(root, '01-leccion.mdx'), '---\ntitle: Lección\n---\n<Exercise id="prueba" />\n');
  const dir = join(root, 'ejercicios', 'prueba');
  cpSync('content/ejercicios/seccomp-dos-reglas', dir, { recursive: true });
  edit(dir);
  return root;
}

function problems(root: string): string {
  try {
    loadExercises(root);
    return '';
  } catch (err) {
    assert.ok(err instanceof ExerciseFolderError, String(err));
    return err.message;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('a program exercise: inicio.c without programa.bpf.c and without workload; a workload makes it a loader missing its BPF program', () => {
  const root = withProgramExercise();
  try {
    const [e] = loadExercises(root);
    assert.equal(e.kind, 'program');
    assert.equal(e.workload, null);
    assert.equal(e.bpf, undefined);
    assert.equal(e.fileName, 'dos_reglas.c');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const withWorkload = (d: string) =>
    writeFileSync(join(d, 'ejercicio.yaml'), readFileSync(join(d, 'ejercicio.yaml'), 'utf8') + 'workload: exec\n');
  assert.match(
    problems(withProgramExercise(withWorkload)),
    /programa\.bpf\.c: falta el programa BPF que carga el cargador.*quita «workload»/s,
  );
  // A BPF exercise still needs its workload.
  const bpfStart = (d: string) => {
    rmSync(join(d, 'inicio.c'));
    rmSync(join(d, 'solucion.c'));
    writeFileSync(join(d, 'inicio.bpf.c'), 'int x;\n');
    writeFileSync(join(d, 'solucion.bpf.c'), 'int x;\n');
    writeFileSync(
      join(d, 'ejercicio.yaml'),
      readFileSync(join(d, 'ejercicio.yaml'), 'utf8').replace('fileName: dos_reglas.c', 'fileName: x.bpf.c'),
    );
  };
  assert.match(problems(withProgramExercise(bpfStart)), /ejercicio\.yaml: el campo «workload» debe ser una de las cargas conocidas/);
});

test('Comprobar of a program: nothing to attach, no workload; the verdict is the judge of what it printed', () => {
  const ex = EXERCISES.get('seccomp-dos-reglas')!;
  assert.equal(ex.kind, 'program');
  let stopped = false;
  const notices: string[] = [];
  const check = new CheckRun(
    ex,
    () => (stopped = true),
    (m) => notices.push(m),
  );
  check.onText('Filtro instalado (9 instrucciones).\r\n  uname(): falla con EPERM\r\n');
  check.onText('  getcwd(): falla con EACCES\r\n  getpid(): funciona, devuelve 12\r\n');
  assert.equal(stopped, false, 'a program is not stopped: it ends by itself');
  assert.deepEqual(notices, []);
  const v = check.verdict();
  assert.equal(v.ok, true, v.message);
  const wrong = new CheckRun(
    ex,
    () => {},
    () => {},
  );
  wrong.onText(
    'Filtro instalado (7 instrucciones).\n  uname(): falla con EPERM\n  getcwd(): funciona\n  getpid(): funciona, devuelve 12\n',
  );
  const w = wrong.verdict();
  assert.equal(w.ok, false);
  assert.match(w.message, /dijo «getcwd\(\): funciona»/);
  assert.equal(
    new CheckRun(
      ex,
      () => {},
      () => {},
    ).verdict().ok,
    false,
  );
});
