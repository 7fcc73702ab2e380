// A block's settable globals: the fence meta `config=` (lib/lessons/config.ts, checked at build
// time) and the values a `run` message brings (server/runs/run-config.ts, checked before anything runs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeRunnable, type RunnableBlock } from '../../lib/lessons/runnable.ts';
import { checkConfigValue, configFromMeta, parseConfig } from '../../lib/lessons/config.ts';
import { runnerConfigArgs } from '../../server/runs/run-config.ts';
import { clientMessageSchema } from '../../lib/protocol-schema.ts';
import { loadRunTable } from '../../server/runs/table.ts';

const where = { lesson: 'globales', id: 'filtro', kind: 'c' };
const block = (meta: string) => describeRunnable('c', `run="filtro" ${meta}`, 'int x;', 'globales')!;

test('config= names each variable with its type and default; texto is 16 bytes unless sized', () => {
  assert.deepEqual(configFromMeta('run="x" config="pid_objetivo:pid=0,comando:texto16=tallerej,umbral:s64=-5,nombre:texto"', where), [
    { name: 'pid_objetivo', type: 'pid', default: '0' },
    { name: 'comando', type: 'texto', size: 16, default: 'tallerej' },
    { name: 'umbral', type: 's64', default: '-5' },
    { name: 'nombre', type: 'texto', size: 16, default: '' },
  ]);
  assert.deepEqual(configFromMeta("config='n:u32'", where), [{ name: 'n', type: 'u32', default: '0' }]);
  assert.deepEqual(configFromMeta('run="x"', where), []);
  assert.deepEqual(block('config="n:u64=7"').config, [{ name: 'n', type: 'u64', default: '7' }]);
  assert.equal(block('').config, undefined);
});

test('a wrong config= fails the build with a Spanish message naming the lesson and the block', () => {
  const bad: Array<[string, RegExp]> = [
    ['config=""', /está vacío/],
    ['config="1x:u32"', /«1x» no es un nombre de variable de C/],
    ['config="n:u32,n:u64"', /aparece dos veces/],
    ['config="n:int"', /el tipo «int» de «n» no existe/],
    ['config="n:u3216"', /el tipo «u3216»/],
    ['config="n"', /no tiene la forma «nombre:tipo»/],
    ['config="s:texto1"', /entre 2 y 64/],
    ['config="s:texto65"', /entre 2 y 64/],
    ['config="p:pid=-1"', /el valor por defecto «-1» no vale para «p»/],
    ['config="p:u32=4294967296"', /valor por defecto/],
    ['config="s:texto4=tallerej"', /valor por defecto/],
    ['config="a:u32,b:u32,c:u32,d:u32,e:u32"', /más de 4 variables/],
  ];
  for (const [meta, msg] of bad) {
    assert.throws(
      () => block(meta),
      (e: Error) => msg.test(e.message) && /Lección «globales», bloque «filtro»/.test(e.message),
      meta,
    );
  }
  assert.throws(() => describeRunnable('bash', 'run="x" config="n:u32"', 'ls', 'globales'), /solo vale en bloques de C/);
});

test('values: integers in range (decimal digits only), printable ASCII text that leaves room for the final NUL', () => {
  const pid = { name: 'p', type: 'pid' as const, default: '0' };
  const u64 = { name: 'n', type: 'u64' as const, default: '0' };
  const s32 = { name: 's', type: 's32' as const, default: '0' };
  const text = { name: 'c', type: 'texto' as const, size: 16, default: '' };
  assert.deepEqual(checkConfigValue(pid, ' 0042 '), { ok: true, value: '42' });
  assert.deepEqual(checkConfigValue(pid, '4194305'), { ok: false, problem: 'range' });
  assert.deepEqual(checkConfigValue(pid, '-1'), { ok: false, problem: 'notInteger' });
  assert.deepEqual(checkConfigValue(pid, '1e3'), { ok: false, problem: 'notInteger' });
  assert.deepEqual(checkConfigValue(pid, '0x10'), { ok: false, problem: 'notInteger' });
  assert.deepEqual(checkConfigValue(pid, ''), { ok: false, problem: 'notInteger' });
  assert.deepEqual(checkConfigValue(u64, '18446744073709551615'), { ok: true, value: '18446744073709551615' });
  assert.deepEqual(checkConfigValue(u64, '18446744073709551616'), { ok: false, problem: 'range' });
  assert.deepEqual(checkConfigValue(u64, '9'.repeat(400)), { ok: false, problem: 'notInteger' });
  assert.deepEqual(checkConfigValue(s32, '-2147483648'), { ok: true, value: '-2147483648' });
  assert.deepEqual(checkConfigValue(s32, '2147483648'), { ok: false, problem: 'range' });
  assert.deepEqual(checkConfigValue(text, 'tallerej'), { ok: true, value: 'tallerej' });
  assert.deepEqual(checkConfigValue(text, 'a'.repeat(15)), { ok: true, value: 'a'.repeat(15) });
  assert.deepEqual(checkConfigValue(text, 'a'.repeat(16)), { ok: false, problem: 'tooLong' });
  assert.deepEqual(checkConfigValue(text, 'año'), { ok: false, problem: 'notAscii' });
  assert.deepEqual(checkConfigValue(text, 'a\nb'), { ok: false, problem: 'notAscii' });
  assert.deepEqual(checkConfigValue(text, 'a\0b'), { ok: false, problem: 'notAscii' });
});

test('the server takes only the declared names, each valid, and gives the runner one --set argument each', () => {
  const b = block('config="pid_objetivo:pid=0,comando:texto16=tallerej"');
  assert.deepEqual(runnerConfigArgs(b, undefined), { ok: true, args: ['--set', 'pid_objetivo=0', '--set', 'comando=tallerej'] });
  assert.deepEqual(runnerConfigArgs(b, { comando: "a b'$(x);`" }), {
    ok: true,
    args: ['--set', 'pid_objetivo=0', '--set', "comando=a b'$(x);`"],
  });
  const refused: Array<[Record<string, string>, RegExp]> = [
    [{ otra: '1' }, /no tiene ninguna variable configurable «otra» \(tiene: pid_objetivo, comando\)/],
    [{ __proto__x: '1' }, /«__proto__x»/],
    [{ pid_objetivo: '99999999999999999999' }, /«pid_objetivo» debe estar entre 0 y 4194304/],
    [{ pid_objetivo: 'abc' }, /«pid_objetivo» debe ser un número entero/],
    [{ comando: 'ñandú' }, /«comando» solo admite .*ASCII/],
    [{ comando: 'x'.repeat(16) }, /«comando» admite como mucho 15 caracteres/],
  ];
  for (const [config, msg] of refused) {
    const v = runnerConfigArgs(b, config);
    assert.equal(v.ok, false, JSON.stringify(config));
    assert.match((v as { message: string }).message, msg);
    assert.match((v as { message: string }).message, /No se ha ejecutado nada/);
  }
  const plain: RunnableBlock = { id: 'x', kind: 'c', lang: 'c', code: '', lesson: 'l', fileName: 'x.bpf.c' };
  assert.deepEqual(runnerConfigArgs(plain, undefined), { ok: true, args: [] });
  assert.deepEqual(runnerConfigArgs(plain, {}), { ok: true, args: [] });
  assert.match((runnerConfigArgs(plain, { n: '1' }) as { message: string }).message, /no tiene variables que se puedan configurar/);
});

test('the run message carries config as short strings by name, at most 8', () => {
  const run = (config: unknown) => clientMessageSchema.safeParse({ type: 'run', id: 'x', cols: 80, rows: 24, config }).success;
  assert.ok(run(undefined));
  assert.ok(run({ comando: 'tallerej' }));
  assert.ok(!run({ comando: 5 }));
  assert.ok(!run({ comando: 'x'.repeat(257) }));
  assert.ok(!run({ ['x'.repeat(65)]: '1' }));
  assert.ok(!run(Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`v${i}`, '1']))));
  assert.ok(!run('comando=tallerej'));
});

test('the lesson block and the exercise declare their settable globals', () => {
  const table = loadRunTable('content');
  assert.deepEqual(
    table.get('globales-filtro')?.config?.map((v) => v.name),
    ['pid_objetivo', 'comando'],
  );
  assert.deepEqual(parseConfig('comando:texto16=tallerej', where)[0].default, 'tallerej');
});
