import { test } from 'node:test';
import assert from 'node:assert/strict';
import { warmJobs } from '../../server/processes/warm-cache.ts';
import type { RunnableBlock } from '../../lib/lessons/runnable.ts';

const block = (id: string, kind: RunnableBlock['kind'], code: string, fileName = `${id}.bpf.c`) =>
  ({ id, kind, lang: kind === 'bpftrace' ? 'bpftrace' : 'c', code, lesson: 'l', fileName }) as RunnableBlock;

test('the warm-up compiles the C blocks the runner loads, each source once; not loaders, programs, shells or bpftrace', () => {
  const jobs = warmJobs([
    block('a', 'c', 'int a;'),
    block('a2', 'c', 'int a;', 'a.bpf.c'),
    block('b', 'c', 'int b;'),
    block('l', 'loader', 'int main() {}', 'l.c'),
    block('p', 'program', 'int main() {}', 'p.c'),
    block('s', 'shell', 'ls'),
    block('t', 'bpftrace', 'BEGIN {}'),
  ]);
  assert.deepEqual(jobs, [
    { code: 'int a;', fileName: 'a.bpf.c' },
    { code: 'int b;', fileName: 'b.bpf.c' },
  ]);
});
