import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeRunnable, fileFromMeta, runIdFromMeta } from '../../lib/lessons/runnable.ts';

test('run ids come from the fence meta in any quoting', () => {
  assert.equal(runIdFromMeta('run="contar"'), 'contar');
  assert.equal(runIdFromMeta("title='x' run='a-b'"), 'a-b');
  assert.equal(runIdFromMeta('run=abc title="t"'), 'abc');
  assert.equal(runIdFromMeta('title="run=x"'), null);
  assert.equal(runIdFromMeta(null), null);
});

test('a runnable fence gets its kind from the language', () => {
  assert.equal(describeRunnable('bash', 'run="a"', 'ls\n\n', 'l')?.kind, 'shell');
  assert.equal(describeRunnable('bpftrace', 'run="b"', 'BEGIN {}', 'l')?.kind, 'bpftrace');
  assert.equal(describeRunnable('c', 'run="c"', 'int x;', 'l')?.kind, 'c');
  assert.equal(describeRunnable('bash', 'run="a"', 'ls\n\n', 'l')?.code, 'ls');
  assert.equal(describeRunnable('bash', 'title="x"', 'ls', 'l'), null);
});

test('bad run ids and languages fail with a Spanish message naming the lesson', () => {
  assert.throws(() => describeRunnable('bash', 'run="Mal ID"', 'ls', 'mapas'), /Lección «mapas».*no es válido/);
  assert.throws(() => describeRunnable('python', 'run="ok"', 'x', 'mapas'), /lenguaje «python»/);
});

test('only files under bpf/ can be included', () => {
  assert.equal(fileFromMeta('file="bpf/trace.bpf.c"'), 'bpf/trace.bpf.c');
  assert.equal(fileFromMeta('title="x"'), null);
  assert.throws(() => fileFromMeta('file="/etc/shadow"'), /solo se pueden incluir/);
  assert.throws(() => fileFromMeta('file="bpf/../../etc/passwd"'), /solo se pueden incluir/);
});
