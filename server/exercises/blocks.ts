// Each exercise's starting code is a runnable block too (id `ej-<exercise>`).
import { join } from 'node:path';
import type { RunnableBlock } from '../../lib/lessons/runnable.ts';
import { loadExercises } from './folders.ts';
import { exerciseBlock, exerciseBlockId } from './block.ts';

export { exerciseBlockId };

export function exerciseBlocks(root: string): RunnableBlock[] {
  return loadExercises(join(root, 'content')).map(exerciseBlock);
}
