// The runnable blocks, each lesson's `requires` and the exercises, read from the lesson and exercise
// sources (MDX, YAML) with the build's own rules (lib/lessons/, server/exercises/folders.ts). The
// production build runs this once and writes the result as JSON (setup/build-server.mjs); the server
// reads the sources here only when run from them (tsx) or given another content folder.
import { join } from 'node:path';
import { loadLessonRequires, loadRunTable } from './table.ts';
import { exerciseBlocks } from '../exercises/blocks.ts';
import { loadExercises } from '../exercises/folders.ts';
import type { BuiltContent, Runnables } from './runnables.ts';

export function readRunnables(root: string, contentDir: string): Runnables {
  const runs = new Map(loadRunTable(contentDir));
  // An exercise's editor is a runnable block too; the exercises always come from the checkout's content.
  for (const b of exerciseBlocks(root)) runs.set(b.id, b);
  return { runs, lessonRequires: loadLessonRequires(contentDir) };
}

export { loadExercises };

/** What the build writes (runnables.json), for the checkout's own content folder. */
export function builtContent(root: string): BuiltContent {
  const { runs, lessonRequires } = readRunnables(root, join(root, 'content'));
  return { runs: [...runs.values()], lessonRequires: [...lessonRequires], exercises: loadExercises(join(root, 'content')) };
}

export const builtContentJson = (root: string) => JSON.stringify(builtContent(root));
