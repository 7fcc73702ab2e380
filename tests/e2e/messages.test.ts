// What the terminal says in Spanish, end to end through the real server and the
// real kernel: which block to run first, summaries of clang and bpftrace errors,
// the note under bpftrace's "Lost N events", and sentences wrapped at spaces.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { TerminalClient } from '../helpers/terminal-client.ts';
import { tracingProgIds, until } from '../helpers/system.ts';
import { LOST_NOTE } from '../../server/runs/error-summary.ts';
import { stripAnsi, visibleWidth } from '../../server/text/wrap.ts';
import { OUTPUT } from '../../server/limits.ts';

let server: RunningServer;

before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

async function open(start: Record<string, unknown>, opts: { autoAck?: boolean } = {}): Promise<TerminalClient> {
  const c = new TerminalClient(server, opts);
  await c.opened;
  c.send(start);
  return c;
}

async function runToExit(start: Record<string, unknown>): Promise<TerminalClient> {
  const c = await open(start);
  await c.waitFor((x) => !!x.exitMessage(), `${JSON.stringify(start).slice(0, 80)}: exit`, 60_000);
  await c.closed;
  return c;
}

/** Collapses the line breaks the server adds for the terminal width. */
const oneLine = (s: string) => stripAnsi(s).replace(/\s*\r?\n\s*/g, ' ');

test('a shell block that reads a map no running block provides says which block to run first', async () => {
  const c = await runToExit({ type: 'run', id: 'volcar-mapa', cols: 200, rows: 30 });
  const exit = c.exitMessage()!;
  assert.notEqual(exit.code, 0);
  assert.equal(
    exit.message,
    `El proceso terminó con el código de salida ${exit.code}. No hay ningún mapa «my_map» cargado: primero ejecuta «execve_count.bpf.c» y, mientras siga en marcha, vuelve a ejecutar este bloque.`,
  );
});

test('with the C block running, the same shell block works and no reason is added', async () => {
  const progs = tracingProgIds().join();
  const a = await open({ type: 'run', id: 'contar-execve', cols: 100, rows: 30 });
  await a.waitFor((x) => x.messages.some((m) => m.type === 'attached'), 'contar-execve attached', 30_000);
  const b = await runToExit({ type: 'run', id: 'volcar-mapa', cols: 200, rows: 30 });
  assert.equal(b.exitMessage()!.code, 0, b.output);
  assert.doesNotMatch(b.exitMessage()!.message, /primero ejecuta/);
  a.send({ type: 'stop' });
  await a.waitFor((x) => !!x.exitMessage(), 'contar-execve exit');
  await until(() => tracingProgIds().join() === progs, 'nothing left loaded');
});

test('a shell block that reads a pin nobody made names the block that pins it', async () => {
  assert.ok(!existsSync('/sys/fs/bpf/trace'), 'the server removes the lessons’ pins at start');
  const c = await runToExit({ type: 'run', id: 'ver-instrucciones', cols: 200, rows: 30 });
  assert.match(
    c.exitMessage()!.message,
    /^El proceso terminó con el código de salida \d+\. No existe \/sys\/fs\/bpf\/trace: primero ejecuta «sudo bpftool prog load trace\.bpf\.o \/sys\/fs\/bpf\/trace» y luego vuelve a ejecutar este bloque\.$/,
  );
});

test('clang errors: a Spanish summary above the original text', async () => {
  const source = readFileSync('bpf/trace.bpf.c', 'utf8').replace(
    'bpf_printk("execve called");',
    'u32 n = 1;\n\tbpf_printk("execve called %d", n);',
  );
  const line = source.split('\n').findIndex((l) => l.includes('u32 n')) + 1;
  const c = await runToExit({ type: 'run', id: 'trace', cols: 200, rows: 30, source });
  const text = stripAnsi(c.output);
  const summary = `✘ Error de compilación en trace.bpf.c, línea ${line}: identificador no declarado «u32» (con <linux/bpf.h> usa __u32, o incluye solo vmlinux.h)`;
  const at = text.indexOf(summary);
  assert.ok(at >= 0, text);
  assert.ok(text.indexOf(`trace.bpf.c:${line}:`, at) > at, 'the original clang text follows the summary');
  assert.match(text, /use of undeclared identifier 'u32'/);
  assert.notEqual(c.exitMessage()!.code, 0);
});

test('bpftrace errors: a Spanish summary, and the scratch folder is not shown', async () => {
  const source = 'tracepoint:syscalls:sys_enter_read\n{\n  @n = contar();\n}\n';
  const c = await runToExit({ type: 'run', id: 'latencia-read-programa', cols: 200, rows: 30, source });
  const text = stripAnsi(c.output);
  const at = text.indexOf('✘ bpftrace no entiende el programa, línea 3: función desconocida «contar»');
  assert.ok(at >= 0, text);
  // bpftrace names the file by the path it was given (in the server's scratch folder): shown as the learner's file.
  // `Unknown function: contar` up to 0.23, `Unknown function: 'contar'` from 0.24.
  const original = /^programa\.bt:3:\d+(?:-\d+)?: ERROR: Unknown function: '?contar'?$/m.exec(text);
  assert.ok(original && original.index > at, text);
  assert.ok(!/scratch-/.test(text), text);
  assert.ok(!text.includes('RLIMIT_MEMLOCK'));
});

test('the flood: the first «Lost N events» gets a dim Spanish note under it, once', async () => {
  // Without acknowledgements the server pauses the pty; bpftrace then cannot write and the kernel drops events.
  const c = await open({ type: 'run', id: 'inundacion', cols: 200, rows: 30 }, { autoAck: false });
  let acked = 0;
  const lostLines = () => stripAnsi(c.output).match(/^Lost \d+ events$/gm)?.length ?? 0;
  for (let round = 0; round < 8 && lostLines() < 2; round++) {
    await c.waitFor((x) => x.outputBytes - acked > OUTPUT.highWaterBytes, 'output paused at the high-water mark', 30_000);
    // Syscalls while bpftrace is blocked: far more events than its per-CPU buffers hold.
    for (let i = 0; i < 200_000; i++) statSync('/');
    const seen = lostLines();
    c.send({ type: 'ack', bytes: c.outputBytes - acked });
    acked = c.outputBytes;
    await c.waitFor(
      (x) => lostLines() > seen || x.outputBytes - acked > OUTPUT.highWaterBytes,
      'output again after the acknowledgement',
      30_000,
    );
  }
  assert.ok(lostLines() >= 1, 'bpftrace lost events');
  c.send({ type: 'stop' });
  c.send({ type: 'ack', bytes: 1 << 30 });
  await c.waitFor((x) => !!x.exitMessage(), 'exit');
  const text = stripAnsi(c.output);
  assert.equal(text.split(LOST_NOTE).length - 1, 1, 'the note appears once');
  assert.match(text, new RegExp(`^Lost \\d+ events\\r\\n${LOST_NOTE.replace(/[()«».]/g, '\\$&')}\\r\\n`, 'm'));
  assert.ok(c.output.includes(`\x1b[2m${LOST_NOTE}\x1b[0m`), 'dim');
});

/** Every line of the server's text fits in `cols`, and the words of `sentence` come in order, whole. */
function assertWrappedSentence(text: string, sentence: string, cols: number) {
  const lines = stripAnsi(text).split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim().startsWith(sentence.split(' ')[0]) && sentence.startsWith(l.trim()));
  assert.ok(first >= 0, `«${sentence}» not found in:\n${stripAnsi(text)}`);
  const words = sentence.split(' ');
  const got: string[] = [];
  let i = first;
  for (; got.length < words.length && i < lines.length; i++) {
    assert.ok(visibleWidth(lines[i]) <= cols, `line over ${cols} columns: ${JSON.stringify(lines[i])}`);
    got.push(...lines[i].trim().split(/ +/));
  }
  assert.deepEqual(got, words);
  assert.ok(i - first > 1, 'the sentence is longer than the terminal is wide');
}

test('the server’s sentences are broken at spaces for the terminal width, and follow resizes', async () => {
  const c = await open({ type: 'run', id: 'trace', cols: 30, rows: 30 });
  await c.waitFor((x) => /desengancharlo\./.test(x.output), 'the ready line', 30_000);
  assertWrappedSentence(c.output, 'En marcha (1 enganchado). Pulsa Detener para desengancharlo.', 30);
  // The learner narrows the page: the next sentences follow the new width.
  c.send({ type: 'resize', cols: 24, rows: 30 });
  c.send({ type: 'workload', kind: 'exec' });
  await c.waitFor((x) => x.messages.some((m) => m.type === 'notice'), 'the workload notice');
  const notice = c.messages.find((m) => m.type === 'notice')!;
  assert.ok(notice.type === 'notice');
  assertWrappedSentence(notice.message, 'Lanzado «tallerej» 3 veces (3 execve).', 24);
  c.send({ type: 'stop' });
  await c.waitFor((x) => !!x.exitMessage(), 'exit');
  assertWrappedSentence(c.output, 'Desenganchado y descargado: no queda nada en el kernel.', 24);
  for (const line of c.exitMessage()!.message.split('\r\n')) assert.ok(visibleWidth(line) <= 24, line);
});

test('the verifier’s explanation is wrapped at spaces too', async () => {
  const c = await runToExit({ type: 'run', id: 'mapa-roto', cols: 40, rows: 30 });
  const v = c.messages.find((m) => m.type === 'verifier');
  assert.ok(v && v.type === 'verifier', JSON.stringify(c.messages));
  assertWrappedSentence(c.output, v.explanation.replace(/\s+/g, ' ').trim(), 40);
  assert.match(oneLine(c.output), /El verificador ha rechazado «broken_execve»/);
});
