// Each exercise's starting code is a runnable block too (id `ej-<exercise>`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunnableBlock } from '../../src/lib/runnable.ts';
import { EXERCISES, exerciseBlockId } from './catalog.ts';

export function exerciseBlocks(root: string): RunnableBlock[] {
  return [...EXERCISES.values()].map((e) => ({
    id: exerciseBlockId(e.id),
    kind: e.kind,
    lang: e.kind === 'c' ? 'c' : 'bpftrace',
    code: readFileSync(join(root, e.start), 'utf8').replace(/\s+$/, ''),
    lesson: e.lesson,
    fileName: e.fileName,
  }));
}
