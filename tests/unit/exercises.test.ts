// The exercise catalogue, folder by folder (content/ejercicios/<id>/): every judge
// on the observations recorded from a real Comprobar of its start (fails) and its
// solution (passes); every C start and solution compiles, every bpftrace one
// parses; judges are pure and name the workload only through its constants; and
// the loader names the file and the field of a bad folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTENT_DIR, EXERCISES, type Observation } from '../../server/exercises/catalog.ts';
import { exerciseBlocks } from '../../server/exercises/blocks.ts';
import { EXERCISES_FOLDER, ExerciseFolderError, exercisePlacements, loadExercises } from '../../server/exercises/folders.ts';
import { cCompileFlags } from '../../server/processes/vmlinux-header.ts';
import { USER_CFLAGS, USER_LIBS, loaderNames } from '../../server/workspace/loader-build.ts';
import { PROGRAM_CFLAGS } from '../../server/workspace/program-build.ts';
import { NETWORK_WORKLOADS, SANDBOX, WORKLOAD_NAME, workloadName } from '../../server/processes/workloads.ts';

const exercises = [...EXERCISES.values()];
const folders = readdirSync(join(CONTENT_DIR, EXERCISES_FOLDER));

test('the catalogue is the folders: one exercise per folder of content/ejercicios/', () => {
  assert.ok(exercises.length >= 3);
  assert.deepEqual(exercises.map((e) => e.id).sort(), [...folders].sort());
  assert.deepEqual(
    exerciseBlocks('.').map((b) => b.id),
    exercises.map((e) => `ej-${e.id}`),
  );
});

test('each exercise belongs to the lesson that places it, exactly once', () => {
  const lessons = readdirSync(CONTENT_DIR).filter((f) => f.endsWith('.mdx'));
  for (const e of exercises) {
    const placing = lessons.filter((f) => exercisePlacements(readFileSync(join(CONTENT_DIR, f), 'utf8')).includes(e.id));
    assert.equal(placing.length, 1, `${e.id}: placed in ${placing.join(', ') || 'no lesson'}`);
    assert.equal(placing[0].replace(/^\d+-/, '').replace(/\.mdx$/, ''), e.lesson, e.id);
  }
});

for (const e of exercises) {
  const recorded = JSON.parse(readFileSync(join(e.dir, 'observaciones.json'), 'utf8')) as { inicio: Observation; solucion: Observation };

  test(`${e.id}: its judge fails the recorded start and passes the recorded solution`, () => {
    const start = e.judge(recorded.inicio);
    assert.equal(start.ok, false, start.message);
    assert.match(start.message, /^Se esperaba|falta el filtro/);
    const solved = e.judge(recorded.solucion);
    assert.equal(solved.ok, true, solved.message);
    assert.match(solved.message, /^¡Correcto!/);
    // `satisfied` may stop the check early only when the verdict would be right.
    assert.equal(e.satisfied(recorded.inicio), false);
    if (e.satisfied(recorded.solucion)) assert.equal(solved.ok, true);
    // No workload seen: never a pass.
    assert.equal(e.judge({ ...recorded.solucion, workload: null, printk: [], maps: [], events: [], text: '' }).ok, false);
  });

  test(`${e.id}: start and solution ${e.kind === 'bpftrace' ? "pass bpftrace's checks" : "compile with the server's flags"}`, () => {
    const out = mkdtempSync(join(tmpdir(), 'taller-ej-'));
    try {
      if (e.kind === 'loader') {
        // The server's loader build: the given BPF program, its skeleton, then each loader against it.
        const bpf = e.bpf!;
        const names = loaderNames(bpf.fileName, e.fileName);
        writeFileSync(join(out, bpf.fileName), bpf.code + '\n');
        const bpfFlags = cCompileFlags(bpf.code, out);
        if (!bpfFlags.ok) assert.fail(bpfFlags.message);
        execFileSync('clang', [...bpfFlags.flags, '-c', bpf.fileName, '-o', names.object], { cwd: out });
        writeFileSync(
          join(out, names.skeleton),
          execFileSync('bpftool', ['gen', 'skeleton', names.object, 'name', names.name], { cwd: out }),
        );
        for (const file of [e.startFile, e.solutionFile]) {
          cpSync(file, join(out, names.source));
          const r = spawnSync('cc', [...USER_CFLAGS, names.source, '-o', names.binary, ...USER_LIBS], { cwd: out, encoding: 'utf8' });
          assert.equal(r.status, 0, `${file}:\n${r.stderr}`);
        }
        return;
      }
      if (e.kind === 'program') {
        // The server's program build: cc with the program flags, nothing else.
        for (const file of [e.startFile, e.solutionFile]) {
          const r = spawnSync('cc', [...PROGRAM_CFLAGS, file, '-o', join(out, 'programa')], { encoding: 'utf8' });
          assert.equal(r.status, 0, `${file}:\n${r.stderr}`);
        }
        return;
      }
      for (const file of [e.startFile, e.solutionFile]) {
        // The server's flags: the lessons' ones, plus this kernel's vmlinux.h for code that includes it.
        const flags: ReturnType<typeof cCompileFlags> | null = e.kind === 'c' ? cCompileFlags(readFileSync(file, 'utf8'), out) : null;
        if (flags && !flags.ok) assert.fail(`${file}: ${flags.message}`);
        const r: SpawnSyncReturns<string> = flags?.ok
          ? spawnSync('clang', [...flags.flags, '-c', file, '-o', join(out, 'p.o')], { encoding: 'utf8' })
          : spawnSync('bpftrace', ['--emit-elf', join(out, 'p.elf'), file], { encoding: 'utf8', timeout: 60_000 });
        assert.equal(r.status, 0, `${file}:\n${r.stderr}`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test(`${e.id}: the judge is pure and takes the workload's name and counts from server/processes/workloads.ts`, () => {
    const source = readFileSync(e.judgeFile, 'utf8');
    const imports = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    for (const i of imports)
      assert.match(i, /^\.\.\/\.\.\/\.\.\/server\/(exercises\/judge-kit|processes\/workloads)\.ts$/, `${e.judgeFile} imports ${i}`);
    assert.doesNotMatch(source, /require\(|import\(|process\.|Date\.|Math\.random/);
    assert.ok(!source.includes(WORKLOAD_NAME), `${e.judgeFile} copies «${WORKLOAD_NAME}»: use WORKLOAD_NAME`);
  });

  test(`${e.id}: the statement names the workload the check runs (a program exercise: the program it runs)`, () => {
    // A network workload's processes are the sandbox's own (`node`): the statement names the address it sends to.
    const named =
      e.workload === null
        ? `\`${e.fileName.replace(/\./g, '\\.')}\``
        : NETWORK_WORKLOADS.includes(e.workload)
          ? SANDBOX.srvAddress.replaceAll('.', '\\.')
          : `\`${workloadName(e.workload)}\``;
    assert.match(readFileSync(e.statementFile, 'utf8'), new RegExp(named));
  });
}

test('the workload name is written once in the server: in workloads.ts', () => {
  const hits = execFileSync('grep', ['-rl', WORKLOAD_NAME, 'server', '--include=*.ts']).toString().trim().split('\n');
  assert.deepEqual(hits, ['server/processes/workloads.ts']);
});

/** A copy of a content folder with one exercise, changed by `edit`. */
function withExercise(edit: (dir: string) => void): string {
  const root = mkdtempSync(join(tmpdir(), 'taller-ej-content-'));
  writeFileSync(join(root, '01-leccion.mdx'), '---\ntitle: Lección\n---\n<Exercise id="prueba" />\n');
  cpSync(join(CONTENT_DIR, EXERCISES_FOLDER, 'mapa-por-comando'), join(root, EXERCISES_FOLDER, 'prueba'), { recursive: true });
  edit(join(root, EXERCISES_FOLDER, 'prueba'));
  return root;
}

function problems(root: string): string {
  try {
    loadExercises(root);
  } catch (err) {
    assert.ok(err instanceof ExerciseFolderError, String(err));
    return err.message;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  assert.fail('the loader accepted a bad folder');
}

test('the loader: a good folder loads, with its lesson from the page that places it', () => {
  const root = withExercise(() => {});
  try {
    const [e] = loadExercises(root);
    assert.equal(e.id, 'prueba');
    assert.equal(e.lesson, 'leccion');
    assert.equal(e.kind, 'c');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the loader: a bad field is named with its file and why', () => {
  const yaml = (dir: string, from: RegExp, to: string) =>
    writeFileSync(join(dir, 'ejercicio.yaml'), readFileSync(join(dir, 'ejercicio.yaml'), 'utf8').replace(from, to));
  assert.match(
    problems(withExercise((d) => yaml(d, /^workload: exec$/m, 'workload: fork'))),
    /prueba\/ejercicio\.yaml: el campo «workload» debe ser una de las cargas conocidas: exec, open, read/,
  );
  assert.match(problems(withExercise((d) => yaml(d, /^title: .*$/m, ''))), /prueba\/ejercicio\.yaml: el campo «title» es obligatorio/);
  assert.match(problems(withExercise((d) => yaml(d, /^title:/m, 'titel:'))), /campo desconocido: «titel»/);
  assert.match(
    problems(withExercise((d) => yaml(d, /^fileName: .*$/m, 'fileName: ../x.c'))),
    /el campo «fileName» debe ser un nombre de archivo/,
  );
  assert.match(
    problems(withExercise((d) => yaml(d, /^fileName: .*$/m, 'fileName: x.bt'))),
    /el campo «fileName» debe terminar en «\.bpf\.c»/,
  );
  assert.match(problems(withExercise((d) => yaml(d, /^hints:[\s\S]*/m, 'hints: []\n'))), /el campo «hints» debe tener al menos una pista/);
  assert.match(problems(withExercise((d) => yaml(d, /^hints:\n  - /m, 'hints:\n  - 3\n  - '))), /el campo «hints\[0\]» debe ser un texto/);
});

test('the loader: missing files, unplaced and unknown exercises are named', () => {
  assert.match(problems(withExercise((d) => rmSync(join(d, 'juez.ts')))), /prueba\/juez\.ts: falta este archivo/);
  assert.match(problems(withExercise((d) => rmSync(join(d, 'solucion.bpf.c')))), /prueba\/solucion\.bpf\.c: falta la solución/);
  assert.match(problems(withExercise((d) => rmSync(join(d, 'inicio.bpf.c')))), /debe tener un código de inicio/);
  const unplaced = withExercise(() => {});
  writeFileSync(join(unplaced, '01-leccion.mdx'), '---\ntitle: Lección\n---\n<Exercise id="otro" />\n');
  const msg = problems(unplaced);
  assert.match(msg, /ninguna lección coloca este ejercicio; añade <Exercise id="prueba" \/>/);
  assert.match(msg, /01-leccion\.mdx: <Exercise id="otro"> no corresponde a ninguna carpeta/);
});

test('the loader: a loader exercise (inicio.c) needs its programa.bpf.c and a .c file name', () => {
  const asLoader = (d: string) => {
    rmSync(join(d, 'inicio.bpf.c'));
    rmSync(join(d, 'solucion.bpf.c'));
    writeFileSync(join(d, 'inicio.c'), 'int main(void) { return 0; }\n');
    writeFileSync(join(d, 'solucion.c'), 'int main(void) { return 0; }\n');
  };
  const fileName = (d: string, name: string) =>
    writeFileSync(
      join(d, 'ejercicio.yaml'),
      readFileSync(join(d, 'ejercicio.yaml'), 'utf8').replace(/^fileName: .*$/m, `fileName: ${name}`),
    );
  assert.match(
    problems(withExercise((d) => (asLoader(d), fileName(d, 'cargador.c')))),
    /prueba\/programa\.bpf\.c: falta el programa BPF que carga el cargador/,
  );
  assert.match(
    problems(
      withExercise((d) => {
        asLoader(d);
        writeFileSync(join(d, 'programa.bpf.c'), '// bpf\n');
        fileName(d, 'cargador.bpf.c');
      }),
    ),
    /el campo «fileName» debe terminar en «\.c»/,
  );
  const root = withExercise((d) => {
    asLoader(d);
    writeFileSync(join(d, 'programa.bpf.c'), '// bpf\n');
    fileName(d, 'cargador.c');
  });
  try {
    const [e] = loadExercises(root);
    assert.equal(e.kind, 'loader');
    assert.deepEqual(e.bpf, { fileName: 'programa.bpf.c', code: '// bpf' });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
