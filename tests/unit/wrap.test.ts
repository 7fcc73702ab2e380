import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripAnsi, visibleWidth, wrapLine, wrapText } from '../../server/text/wrap.ts';

const SENTENCE =
  'El verificador no puede demostrar que el puntero no es NULL: comprueba el resultado de bpf_map_lookup_elem antes de usarlo.';

/** Every line fits, and joining the lines with single spaces gives the words back in order. */
function assertWrapped(lines: string[], original: string, cols: number) {
  for (const l of lines) assert.ok(visibleWidth(l) <= cols, `line over ${cols} columns: ${JSON.stringify(l)} (${visibleWidth(l)})`);
  assert.deepEqual(stripAnsi(lines.join(' ')).split(/ +/).filter(Boolean), stripAnsi(original).split(/ +/).filter(Boolean));
}

test('a short line is left alone; a long one breaks at spaces, never inside a word', () => {
  assert.deepEqual(wrapLine('Cargado «trace» en el kernel.', 80), ['Cargado «trace» en el kernel.']);
  for (const cols of [20, 33, 40, 57]) {
    const lines = wrapLine(SENTENCE, cols);
    assert.ok(lines.length > 1);
    assertWrapped(lines, SENTENCE, cols);
    // Each line is full: the next word would not have fitted.
    for (let i = 0; i < lines.length - 1; i++) {
      const next = lines[i + 1].trim().split(' ')[0];
      assert.ok(visibleWidth(lines[i]) + 1 + visibleWidth(next) > cols, `«${next}» fitted on line ${i}`);
    }
  }
});

test('accented letters count as one column whatever their UTF-8 length (precomposed and combining)', () => {
  const nfc = 'ábcdé ñúíóü ábcdé';
  assert.equal(visibleWidth(nfc), 17);
  assert.equal(visibleWidth(nfc.normalize('NFD')), 17);
  // 17 columns fit exactly in 17, although the string is 27 UTF-8 bytes.
  assert.deepEqual(wrapLine(nfc, 17), [nfc]);
  assert.deepEqual(wrapLine(nfc, 16), ['ábcdé ñúíóü', 'ábcdé']);
  assert.deepEqual(wrapLine(nfc.normalize('NFD'), 16), ['ábcdé ñúíóü'.normalize('NFD'), 'ábcdé'.normalize('NFD')]);
  // Wide (East Asian) characters take two columns.
  assert.equal(visibleWidth('漢字'), 4);
  assert.deepEqual(wrapLine('漢字 漢字', 4), ['漢字', '漢字']);
});

test('ANSI escapes take no room, and stay with their words', () => {
  const red = `\x1b[1;31m✘ ${SENTENCE}\x1b[0m`;
  assert.equal(visibleWidth(red), SENTENCE.length + 2);
  const lines = wrapLine(red, 30);
  assertWrapped(lines, red, 30);
  assert.ok(lines[0].startsWith('\x1b[1;31m✘ El'));
  assert.ok(lines.at(-1)!.endsWith('\x1b[0m'));
  // A coloured word exactly as wide as the terminal fits on one line.
  assert.deepEqual(wrapLine(`\x1b[2m${'a'.repeat(10)}\x1b[0m`, 10), [`\x1b[2m${'a'.repeat(10)}\x1b[0m`]);
  assert.deepEqual(wrapLine(`ab \x1b[2mcdef\x1b[0m`, 5), ['ab', '\x1b[2mcdef\x1b[0m']);
});

test('a word longer than the terminal is cut at the last column (characters, not bytes)', () => {
  const path = '/sys/kernel/tracing/instances/taller-ebpf-12345/trace_pipe';
  const lines = wrapLine(`Leyendo ${path} ahora`, 20);
  for (const l of lines) assert.ok(visibleWidth(l) <= 20, JSON.stringify(l));
  assert.equal(lines.join('').replace(/ /g, ''), `Leyendo${path}ahora`);
  assert.deepEqual(wrapLine('ñññññññññ', 4), ['ññññ', 'ññññ', 'ñ']);
});

test('continuation lines keep the indentation; wrapText handles each line and joins with CRLF', () => {
  const text = `✘ El verificador ha rechazado «broken_execve»\r\n  ${SENTENCE}`;
  const out = wrapText(text, 40).split('\r\n');
  assert.equal(out[0], '✘ El verificador ha rechazado');
  assert.equal(out[1], '«broken_execve»');
  for (const l of out.slice(2)) assert.match(l, /^ {2}\S/);
  for (const l of out) assert.ok(visibleWidth(l) <= 40);
  assert.equal(wrapText('a\nb', 80), 'a\r\nb');
  // No width (0, NaN): unchanged.
  assert.equal(wrapText(SENTENCE, 0), SENTENCE);
});
