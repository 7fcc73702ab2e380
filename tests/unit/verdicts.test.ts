// The exercise verdicts' wording: singular and plural agree with the numbers, and
// a count of things never disagrees with how many are named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXERCISES } from '../../server/exercises/catalog.ts';
import { joinEs, namedList, otherProcesses, pidsNote, type Observation } from '../../server/exercises/judge-kit.ts';
import { WORKLOAD_NAME } from '../../server/processes/workloads.ts';
import { CheckRun } from '../../server/exercises/check-run.ts';
import { readFileSync } from 'node:fs';

const obs = (o: Partial<Observation>): Observation => ({ printk: [], maps: [], text: '', workload: null, ...o });
const exercise = (id: string) => EXERCISES.get(id)!;
/** The workload as the check reports it; the messages below name it «tallerej». */
const workload = (pids: number[]) => ({ name: WORKLOAD_NAME, pids });

/** How many items a Spanish list names: quoted ones plus «y N más». */
function countNamed(list: string): number {
  const quoted = list.match(/«[^»]*»/g)?.length ?? 0;
  const more = /y (\d+) más/.exec(list);
  return quoted + (more ? Number(more[1]) : 0);
}

test('Spanish lists join with commas and «y»', () => {
  assert.equal(joinEs([]), '');
  assert.equal(joinEs(['a']), 'a');
  assert.equal(joinEs(['a', 'b']), 'a y b');
  assert.equal(joinEs(['a', 'b', 'c']), 'a, b y c');
});

test('a named list names at most four and counts the rest', () => {
  assert.equal(namedList(['bash']), '«bash»');
  assert.equal(namedList(['bash', 'ls', 'cat']), '«bash», «ls» y «cat»');
  assert.equal(namedList(['a', 'b', 'c', 'd']), '«a», «b», «c» y «d»');
  assert.equal(namedList(['a', 'b', 'c', 'd', 'e', 'f']), '«a», «b», «c», «d» y 2 más');
  assert.equal(namedList(['a', 'b', 'c', 'd', 'e', 'f'], 5), '«a», «b», «c», «d», «e» y 1 más');
  for (let n = 1; n <= 9; n++) assert.equal(countNamed(namedList(Array.from({ length: n }, (_, i) => `p${i}`))), n);
});

test('the workload PIDs: «fue» for one, «fueron» for several', () => {
  assert.equal(pidsNote([2116]), ' (fue 2116)');
  assert.equal(pidsNote([2116, 2117, 2118]), ' (se lanzó 3 veces: sus PID fueron 2116, 2117 y 2118)');
  assert.equal(pidsNote([]), '');
});

test('«otro proceso» for one, «otros N procesos» naming or counting all N', () => {
  assert.equal(otherProcesses(['bash']), 'otro proceso («bash»)');
  assert.equal(otherProcesses(['bash', 'ls']), 'otros 2 procesos («bash» y «ls»)');
  const six = otherProcesses(['bash', 'sleep', 'cat', 'ls', 'node', 'sh']);
  assert.equal(six, 'otros 6 procesos («bash», «sleep», «cat», «ls» y 2 más)');
});

test('pid-y-comando without the expected line names every PID with the right verb', () => {
  const three = exercise('pid-y-comando').judge(obs({ workload: workload([2116, 2117, 2118]) }));
  assert.equal(three.ok, false);
  assert.match(three.message, /el PID de tallerej \(se lanzó 3 veces: sus PID fueron 2116, 2117 y 2118\) y su nombre, «tallerej»/);
  assert.doesNotMatch(three.message, /\bfue \d+,/);
  const one = exercise('pid-y-comando').judge(obs({ workload: workload([2116]) }));
  assert.match(one.message, /el PID de tallerej \(fue 2116\) y su nombre/);
});

test('openat-filtrado counting other processes: the number said is the number named', () => {
  const others = ['bash', 'sleep', 'cat', 'ls', 'node', 'sh'];
  const text = ['', '', ...others.map((c, i) => `@[${c}]: ${i + 1}`), '@[tallerej]: 15', ''].join('\n');
  const v = exercise('openat-filtrado').judge(obs({ text, workload: workload([1]) }));
  assert.equal(v.ok, false);
  const m = /otros (\d+) procesos \(([^)]*)\)/.exec(v.message);
  assert.ok(m, v.message);
  assert.equal(Number(m[1]), others.length);
  assert.equal(countNamed(m[2]), others.length, v.message);
  assert.match(v.message, /falta el filtro \/comm == "tallerej"\//);

  const oneOther = exercise('openat-filtrado').judge(obs({ text: '@[bash]: 3\n@[tallerej]: 15\n', workload: workload([1]) }));
  assert.match(oneOther.message, /también a otro proceso \(«bash»\)/);
});

test('openat-filtrado without tallerej: «una entrada» or «N entradas», all counted', () => {
  const one = exercise('openat-filtrado').judge(obs({ text: '@[bash]: 3\n', workload: workload([1]) }));
  assert.match(one.message, /el mapa tiene una entrada, que no es de tallerej: «@\[bash\]: 3»\./);
  const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const seven = exercise('openat-filtrado').judge(obs({ text: keys.map((k) => `@[${k}]: 1`).join('\n'), workload: workload([1]) }));
  assert.match(seven.message, /el mapa tiene 7 entradas, ninguna de tallerej: /);
  assert.equal(countNamed(seven.message.split('ninguna de tallerej: ')[1]), 7);
});

test('mapa-por-comando with a wrong map: what was seen is named or counted in full', () => {
  const entries = ['bash', 'sh', 'env', 'ls', 'cat'].map((comm, i) => ({ key: { comm }, value: i + 1 }));
  const v = exercise('mapa-por-comando').judge(
    obs({ maps: [{ name: 'counts', type: 'hash', entries, truncated: false }], workload: workload([1, 2, 3]) }),
  );
  assert.equal(v.ok, false);
  const seen = v.message.split('Se vio: ')[1];
  assert.equal(countNamed(seen), 5, v.message);
  assert.match(seen, /y 1 más\.$/);
});

test('a start the verifier rejects: the verdict says so, with the cause in a few words', () => {
  const log = readFileSync('tests/fixtures/verifier/null_check.log', 'utf8');
  const run = new CheckRun(
    exercise('pid-y-comando'),
    () => {},
    () => {},
  );
  run.onEvent({ type: 'verifier', program: 'p', section: 'tracepoint/syscalls/sys_enter_execve', errno: -13, log });
  run.onEvent({ type: 'error', stage: 'load', errno: -13, reason: 'verifier_rejected' });
  const v = run.verdict();
  assert.equal(v.ok, false);
  assert.match(v.message, /^El verificador rechazó el programa \(«Falta comprobar que el puntero no es NULL»\)/);
  assert.match(v.message, new RegExp(`Se esperaba .*«${WORKLOAD_NAME}»`));
  run.dispose();
  // Without a verifier log (another load failure), the general sentence.
  const other = new CheckRun(
    exercise('pid-y-comando'),
    () => {},
    () => {},
  );
  assert.doesNotMatch(other.verdict().message, /verificador/);
});

test('aperturas-por-fichero: each wrong key gets what was expected and what to change', () => {
  const judge = (text: string) => exercise('aperturas-por-fichero').judge(obs({ text, workload: workload([1, 2, 3]) }));
  const pointer = judge('@[tallerej, 0x7f37781c70b1]: 3\n@[tallerej, 0x563944ff18d0]: 15\n');
  assert.equal(pointer.ok, false);
  assert.match(pointer.message, /^Se esperaba la ruta en la clave.*«0x7f37781c70b1» y «0x563944ff18d0».*str\(args->filename\)/);
  const noComm = judge('@[/etc/hostname]: 15\n@[/etc/ld.so.cache]: 3\n');
  assert.match(noComm.message, /^Se esperaba la clave «tallerej, \/etc\/hostname».*no el comando/);
  const commOnly = judge('@[tallerej]: 21\n');
  assert.match(commOnly.message, /^Se esperaba una entrada por cada pareja.*«@\[tallerej\]: 21»/);
  const few = judge('@[tallerej, /etc/hostname]: 2\n');
  assert.match(few.message, /^Se esperaban al menos 5 aperturas de \/etc\/hostname.*se contaron 2/);
  assert.equal(judge('@[bash, /etc/passwd]: 1\n@[tallerej, /etc/hostname]: 15\n').ok, true);
});
