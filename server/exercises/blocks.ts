// Each exercise's starting code is a runnable block too (id `ej-<exercise>`).
import { join } from 'node:path';
import type { RunnableBlock } from '../../lib/lessons/runnable.ts';
import { loadExercises, type ExerciseContent } from './folders.ts';
import { exerciseBlockId } from './block-id.ts';

export { exerciseBlockId };

export function exerciseBlocks(root: string, exercises: ExerciseContent[] = loadExercises(join(root, 'content'))): RunnableBlock[] {
  return exercises.map((e) => ({
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
