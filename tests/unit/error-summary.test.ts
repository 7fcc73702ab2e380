import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOST_NOTE, OutputNotes, rewritePaths, summarizeLine } from '../../server/runs/error-summary.ts';
import { stripAnsi, visibleWidth } from '../../server/text/wrap.ts';

const S = (line: string, bpftrace = true) => summarizeLine(line, { bpftrace })?.text ?? null;

test('clang errors get a Spanish summary naming the file and the line', () => {
  assert.equal(
    S("trace.bpf.c:7:3: error: use of undeclared identifier 'u32'"),
    'Error de compilación en trace.bpf.c, línea 7: identificador no declarado «u32» (con <linux/bpf.h> usa __u32, o incluye solo vmlinux.h)',
  );
  assert.equal(
    S("trace.bpf.c:7:3: error: use of undeclared identifier 'contador'"),
    'Error de compilación en trace.bpf.c, línea 7: identificador no declarado «contador»',
  );
  assert.equal(
    S("trace.bpf.c:3:10: fatal error: 'nothere.h' file not found"),
    'Error de compilación en trace.bpf.c, línea 3: no se encuentra el fichero de cabecera «nothere.h»',
  );
  assert.match(S("trace.bpf.c:6:11: error: expected ';' at end of declaration")!, /línea 6: falta «;»/);
  assert.match(S("trace.bpf.c:9:1: error: expected '}'")!, /línea 9: falta «}»$/);
  assert.equal(
    S("trace.bpf.c:7:2: warning: implicit declaration of function 'foo' is invalid in C99 [-Wimplicit-function-declaration]"),
    'Aviso del compilador en trace.bpf.c, línea 7: función «foo» sin declarar (¿falta su #include, o está mal escrito el nombre?)',
  );
  assert.equal(summarizeLine("trace.bpf.c:7:2: warning: implicit declaration of function 'foo'")?.severity, 'warning');
  assert.equal(
    S("trace.bpf.c:8:7: error: initializing 'int *' with an expression of incompatible type 'double'"),
    'Error de compilación en trace.bpf.c, línea 8: tipos incompatibles: se espera «int *» y se da «double»',
  );
  assert.match(
    S(
      "x.bpf.c:8:8: warning: incompatible integer to pointer conversion initializing 'char *' with an expression of type 'int' [-Wint-conversion]",
    )!,
    /línea 8: tipos incompatibles: se mezclan un entero y un puntero/,
  );
  assert.match(
    S("x.bpf.c:8:8: error: incompatible pointer types passing 'int *' to parameter of type 'char *'")!,
    /tipos de puntero incompatibles/,
  );
  assert.match(S("x.bpf.c:4:1: error: unknown type name 'u64'")!, /línea 4: tipo desconocido «u64» \(con <linux\/bpf\.h> usa __u64/);
  assert.match(S("x.bpf.c:9:17: error: variable has incomplete type 'struct nothing'")!, /el tipo «struct nothing» no está definido/);
  assert.match(
    S("x.bpf.c:9:17: error: no member named 'pidd' in 'struct task_struct'")!,
    /«struct task_struct» no tiene ningún campo «pidd»/,
  );
  // Anything else: the generic summary, still with file and line.
  assert.equal(
    S('x.bpf.c:12:5: error: something clang says rarely'),
    'Error de compilación en x.bpf.c, línea 12 (debajo, el mensaje original en inglés)',
  );
  // A header of the system: named by its file name.
  assert.match(
    S("/usr/include/linux/types.h:5:1: error: redefinition of 'u32'")!,
    /^Error de compilación en types\.h, línea 5: «u32» está definido dos veces/,
  );
  // Not diagnostics.
  assert.equal(S('1 error generated.'), null);
  assert.equal(S("trace.bpf.c:9:9: note: forward declaration of 'struct nothing'"), null);
  assert.equal(S('In file included from trace.bpf.c:2:'), null);
  assert.equal(S('execve called'), null);
});

test('bpftrace errors get a Spanish summary, with the line when bpftrace gives one', () => {
  assert.equal(
    S('programa.bt:3:20-23: ERROR: Unknown function: foo'),
    'bpftrace no entiende el programa, línea 3: función desconocida «foo»',
  );
  assert.equal(
    S("stdin:1:55-63: ERROR: Unknown identifier: 'bogusvar'"),
    'bpftrace no entiende el programa, línea 1: identificador desconocido «bogusvar»',
  );
  assert.equal(
    S('programa.bt:3:3-5: ERROR: syntax error, unexpected map, expecting }'),
    'bpftrace no entiende el programa, línea 3: error de sintaxis, sobra un mapa (@…) (se esperaba «}»)',
  );
  assert.equal(
    S('stdin:1:22-22: ERROR: syntax error, unexpected end of file, expecting }'),
    'bpftrace no entiende el programa, línea 1: error de sintaxis, sobra el final del programa (se esperaba «}»)',
  );
  assert.match(
    S(
      "programa.bt:1:55-68: ERROR: Struct/union of type 'struct _tracepoint_syscalls_sys_enter_openat' does not contain a field named 'nofield'",
    )!,
    /^bpftrace no entiende el programa, línea 1: campo desconocido «nofield»/,
  );
  assert.match(S("stdin:1:1-9: ERROR: Unknown field 'nofield'")!, /campo desconocido «nofield»/);
  assert.equal(
    S('programa.bt:1:1-38: ERROR: tracepoint not found: syscalls:sys_enter_nothere'),
    'bpftrace no encuentra la sonda «tracepoint:syscalls:sys_enter_nothere», línea 1: este kernel no la tiene (búscala con bpftrace -l)',
  );
  assert.match(S("ERROR: Error attaching probe: 'kprobe:do_nosuch'")!, /^bpftrace no ha podido enganchar la sonda «kprobe:do_nosuch»/);
  assert.match(S('ERROR: Could not resolve symbol: /bin/bash:nosuchfunc')!, /^bpftrace no encuentra el símbolo «\/bin\/bash:nosuchfunc»/);
  assert.match(S('No probes to attach')!, /ninguna sonda que enganchar/);
  assert.match(
    S('stdin:1:9-32: ERROR: printf: %d specifier expects a value of type integer (string supplied)')!,
    /printf no casa con el valor \(espera integer y recibe string\)/,
  );
  assert.equal(
    S('stdin:2:1-4: ERROR: a message with no phrase yet'),
    'bpftrace no entiende el programa, línea 2 (debajo, el mensaje original en inglés)',
  );
  assert.equal(S('ERROR: a message with no phrase yet'), 'bpftrace ha fallado (debajo, el mensaje original en inglés)');
  // Only in runs that use bpftrace.
  assert.equal(S('ERROR: something', false), null);
  // bpftrace's warnings are left as they are (the error follows).
  assert.equal(S('programa.bt:1:1-17: WARNING: do_nosuch is not traceable'), null);
});

test('our folders are taken out of paths', () => {
  assert.equal(
    rewritePaths('/tmp/taller-ebpf-scratch-iUEh/programa.bt:3:20-23: ERROR: Unknown function: foo'),
    'programa.bt:3:20-23: ERROR: Unknown function: foo',
  );
  assert.equal(
    rewritePaths('/var/tmp/x/taller-ebpf-cache/0123456789abcdef0123456789abcdef/trace.bpf.c:7:3: error'),
    'trace.bpf.c:7:3: error',
  );
  assert.equal(rewritePaths('/run/taller-ebpf/4321-AbCdEf/scratch-x1Y2z3/programa.bt:3:20-23: ERROR'), 'programa.bt:3:20-23: ERROR');
  assert.equal(
    rewritePaths('In file included from /tmp/taller-ebpf-4321-AbCdEf/cache/0123456789abcdef/x.bpf.c:2:'),
    'In file included from x.bpf.c:2:',
  );
  assert.equal(rewritePaths('/run/x/4321-AbCdEf/trabajo/trace.bpf.o'), 'trace.bpf.o');
  assert.equal(
    rewritePaths('In file included from /srv/cache/ab12/trace.bpf.c:2:', ['/srv/cache/ab12']),
    'In file included from trace.bpf.c:2:',
  );
  assert.equal(rewritePaths('/usr/include/linux/bpf.h:1:1: error'), '/usr/include/linux/bpf.h:1:1: error');
});

/** Feeds `chunks` one by one, like the pty does, and returns what the page gets. */
function feed(notes: OutputNotes, chunks: string[]): string {
  const out = chunks.map((c) => notes.push(Buffer.from(c)).toString());
  return out.join('') + notes.flush().toString();
}

test('the stream: summary above the original line, paths rewritten, even when the line comes in pieces', () => {
  const dir = '/tmp/taller-ebpf-scratch-AbC1';
  const line = `\x1b[1m${dir}/trace.bpf.c:7:3: \x1b[0m\x1b[0;1;31merror: \x1b[0m\x1b[1muse of undeclared identifier 'u32'\x1b[0m\r\n`;
  // clang writes a coloured line in several writes.
  const pieces = [
    line.slice(0, 9),
    line.slice(9, 40),
    line.slice(40, 70),
    line.slice(70),
    '        u32 x = 1;\r\n',
    '1 error generated.\r\n',
  ];
  const out = feed(new OutputNotes({ folders: [dir] }), pieces);
  const plain = stripAnsi(out).split('\r\n');
  assert.equal(
    plain[0],
    '✘ Error de compilación en trace.bpf.c, línea 7: identificador no declarado «u32» (con <linux/bpf.h> usa __u32, o incluye solo vmlinux.h)',
  );
  assert.equal(plain[1], "trace.bpf.c:7:3: error: use of undeclared identifier 'u32'");
  assert.equal(plain[2], '        u32 x = 1;');
  assert.ok(!out.includes('taller-ebpf-scratch'));
});

test('the stream: ordinary output passes unchanged; summaries are wrapped to the width', () => {
  const notes = new OutputNotes({ bpftrace: true, cols: () => 30 });
  const text = 'Attaching 1 probe...\r\nbash 123\r\ncat 456\r\n';
  assert.equal(feed(notes, [text.slice(0, 13), text.slice(13)]), text);
  const out = feed(new OutputNotes({ bpftrace: true, cols: () => 30 }), ['programa.bt:3:20-23: ERROR: Unknown function: foo\r\n']);
  const lines = out.split('\r\n');
  assert.ok(lines.length > 3);
  for (const l of lines.slice(0, -2)) assert.ok(visibleWidth(l) <= 30, JSON.stringify(l));
  assert.match(stripAnsi(out), /función\s+desconocida\s+«foo»/);
});

test('the stream: a held partial line can be released (prompts), and its end is not analysed twice', () => {
  const notes = new OutputNotes();
  assert.equal(notes.push(Buffer.from('¿Seguro? ')).toString(), '');
  assert.ok(notes.holding);
  assert.equal(notes.release().toString(), '¿Seguro? ');
  assert.equal(notes.push(Buffer.from('sí\r\nlisto\r\n')).toString(), 'sí\r\nlisto\r\n');
  assert.equal(notes.release().length, 0);
});

test('the stream: the first «Lost N events» gets the note under it, once per run', () => {
  const notes = new OutputNotes({ bpftrace: true, cols: () => 200 });
  const out = feed(notes, ['bash 1\r\nLost 12', '3 events\r\nbash 2\r\n', 'Lost 7 events\r\nLost 9 events\r\n']);
  const plain = stripAnsi(out).split('\r\n');
  assert.deepEqual(plain.slice(0, 6), ['bash 1', 'Lost 123 events', LOST_NOTE, 'bash 2', 'Lost 7 events', 'Lost 9 events']);
  assert.equal(out.split(LOST_NOTE).length, 2);
  assert.ok(out.includes(`\x1b[2m${LOST_NOTE}\x1b[0m`), 'dim');
  // A new run gets it again.
  assert.ok(feed(new OutputNotes(), ['Lost 1 events\r\n']).includes(LOST_NOTE));
});
