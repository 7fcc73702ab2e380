// An exercise's starting code as a runnable block (id `ej-<exercise>`): what its editor runs.
import type { RunnableBlock } from '../../lib/lessons/runnable.ts';
import type { ExerciseContent } from './folders.ts';

/** The runnable-block id of an exercise's editor. */
export const exerciseBlockId = (id: string) => `ej-${id}`;

export function exerciseBlock(e: ExerciseContent): RunnableBlock {
  return {
    id: exerciseBlockId(e.id),
    kind: e.kind,
    lang: e.kind === 'bpftrace' ? 'bpftrace' : 'c',
    ...(e.bpf ? { bpf: e.bpf } : {}),
    code: e.start,
    lesson: e.lesson,
    fileName: e.fileName,
    ...(e.config ? { config: e.config } : {}),
  };
}
