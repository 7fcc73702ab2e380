// Each exercise's starting code is a runnable block too (id `ej-<exercise>`).
import { join } from 'node:path';
import type { RunnableBlock } from '../../lib/lessons/runnable.ts';
import { loadExercises } from './folders.ts';

/** The runnable-block id of an exercise's editor. */
export const exerciseBlockId = (id: string) => `ej-${id}`;

export function exerciseBlocks(root: string): RunnableBlock[] {
  return loadExercises(join(root, 'content')).map((e) => ({
    id: exerciseBlockId(e.id),
    kind: e.kind,
    lang: e.kind === 'bpftrace' ? 'bpftrace' : 'c',
    ...(e.bpf ? { bpf: e.bpf } : {}),
    code: e.start,
    lesson: e.lesson,
    fileName: e.fileName,
    ...(e.config ? { config: e.config } : {}),
  }));
}
