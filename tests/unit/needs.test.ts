import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRunTable } from '../../server/runs/table.ts';
import { blockLabel, missingNeed, needsOf, providesOf } from '../../server/runs/needs.ts';
import { exitSentence, needSentence } from '../../server/terminals/messages.ts';
import type { RunnableBlock } from '../../lib/lessons/runnable.ts';

const table = loadRunTable('content');
const get = (id: string) => table.get(id)!;
const none = { running: new Set<string>(), exists: () => false };

test('the lessons: which block a shell block that reads a map, a program or a pin needs', () => {
  assert.deepEqual(needsOf(get('volcar-mapa')), [{ kind: 'map', name: 'my_map' }]);
  assert.deepEqual(needsOf(get('volcar-mapa-json')), [{ kind: 'map', name: 'my_map' }]);
  assert.deepEqual(providesOf(get('contar-execve')), [
    { kind: 'map', name: 'my_map' },
    { kind: 'prog', name: 'count_execve' },
  ]);
  assert.deepEqual(providesOf(get('cargar-trace')), [{ kind: 'pin', name: '/sys/fs/bpf/trace' }]);
  // my_map is defined by two C blocks; the one before the shell block is the one to run.
  assert.equal(missingNeed(get('volcar-mapa'), table, none)?.provider.id, 'contar-execve');
  assert.equal(missingNeed(get('volcar-mapa-json'), table, none)?.provider.id, 'contar-execve');
  assert.equal(missingNeed(get('volcar-mapa-comm'), table, none)?.provider.id, 'contar-execve-comm');
  const pin = missingNeed(get('ver-instrucciones'), table, none)!;
  assert.deepEqual(pin.need, { kind: 'pin', name: '/sys/fs/bpf/trace' });
  assert.equal(pin.provider.id, 'cargar-trace');
  assert.equal(blockLabel(pin.provider, pin.need), 'sudo bpftool prog load trace.bpf.o /sys/fs/bpf/trace');
  assert.equal(blockLabel(get('contar-execve')), 'execve_count.bpf.c');
});

test('nothing is missing when the provider runs, the pin exists, or nothing is read by name', () => {
  assert.equal(missingNeed(get('volcar-mapa'), table, { running: new Set(['contar-execve']) }), null);
  // Either block that defines my_map will do.
  assert.equal(missingNeed(get('volcar-mapa'), table, { running: new Set(['mapa-roto']) }), null);
  assert.equal(missingNeed(get('ver-instrucciones'), table, { running: new Set(), exists: (p) => p === '/sys/fs/bpf/trace' }), null);
  for (const id of ['ver-mapas', 'ver-programas', 'cargar-trace', 'borrar-trace', 'contar-syscalls', 'trace']) {
    assert.equal(missingNeed(get(id), table, none), null, id);
  }
});

test('programs by name (15-character kernel names too), and blocks of other lessons', () => {
  const shell = (code: string): RunnableBlock => ({
    id: 'x',
    kind: 'shell',
    lang: 'bash',
    code,
    lesson: 'otra',
    fileName: 'programa.bpf.c',
  });
  const t = new Map([...table, ['x', shell('sudo bpftool prog show name count_execve_by')]]);
  const m = missingNeed(t.get('x')!, t, none)!;
  assert.equal(m.provider.id, 'contar-execve-comm');
  assert.equal(
    needSentence(m, 'otra', blockLabel(m.provider, m.need)),
    'No hay ningún programa «count_execve_by» cargado: primero ejecuta «execve_by_comm.bpf.c» (en la lección «mapas») y, mientras siga en marcha, vuelve a ejecutar este bloque.',
  );
  // A name nobody defines: nothing to suggest.
  const u = new Map([...table, ['x', shell('bpftool map dump name nadie_la_define')]]);
  assert.equal(missingNeed(u.get('x')!, u, none), null);
});

test('the exit sentence carries the reason after a failure only', () => {
  const m = missingNeed(get('volcar-mapa'), table, none)!;
  const why = needSentence(m, 'mapas', blockLabel(m.provider, m.need));
  assert.equal(
    exitSentence(255, null, why),
    'El proceso terminó con el código de salida 255. No hay ningún mapa «my_map» cargado: primero ejecuta «execve_count.bpf.c» y, mientras siga en marcha, vuelve a ejecutar este bloque.',
  );
  assert.equal(exitSentence(0, null, why), 'El proceso terminó correctamente (código de salida 0).');
  assert.equal(exitSentence(null, 'SIGINT', why), 'El proceso ha sido interrumpido (SIGINT).');
});

test('a C block with global variables provides its data sections as maps; a shell block reads them by their dotted names', () => {
  const c: RunnableBlock = {
    id: 'g',
    kind: 'c',
    lang: 'c',
    lesson: 'globales',
    fileName: 'globales_largo.bpf.c',
    code: 'const volatile __u32 pid_objetivo = 0;\n__u64 n;\nSEC("tp/x/y") int f(void *ctx) { return 0; }',
  };
  assert.deepEqual(
    providesOf(c)
      .filter((p) => p.kind === 'map')
      .map((p) => p.name),
    ['globales.rodata', 'globales_l.data', 'globales_la.bss'],
  );
  const noGlobals = {
    ...c,
    code: 'struct { __uint(type, BPF_MAP_TYPE_HASH); } m SEC(".maps");\nSEC("tp/x/y") int f(void *ctx) { return 0; }',
  };
  assert.deepEqual(
    providesOf(noGlobals)
      .filter((p) => p.kind === 'map')
      .map((p) => p.name),
    ['m'],
  );
  const shell: RunnableBlock = { ...c, id: 's', kind: 'shell', code: 'sudo bpftool map dump name globales.rodata' };
  assert.deepEqual(needsOf(shell), [{ kind: 'map', name: 'globales.rodata' }]);
  assert.equal(missingNeed(get('ver-globales'), table, none)?.provider.id, 'globales-filtro');
  assert.equal(missingNeed(get('escribir-rodata'), table, none)?.provider.id, 'globales-filtro');
});
