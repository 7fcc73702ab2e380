// What the production build (setup/build-server.mjs) writes next to the compiled server: the run table
// and the exercises, read from the checkout's lessons with the rules the site build uses (lib/lessons/,
// exercises/folders.ts). Loaded only by the build, never by the server.
import { join } from 'node:path';
import { loadLessonRequires, loadRunTable } from './runs/table.ts';
import { RUN_TABLE_FILE, runTableJson } from './runs/built-table.ts';
import { loadExercises } from './exercises/folders.ts';
import { EXERCISES_FILE, exercisesJson } from './exercises/contents.ts';

/** File name → contents, for the checkout at `root`. */
export function builtContent(root: string): Record<string, string> {
  const content = join(root, 'content');
  return {
    [RUN_TABLE_FILE]: JSON.stringify(runTableJson(loadRunTable(content), loadLessonRequires(content))),
    [EXERCISES_FILE]: JSON.stringify(exercisesJson(loadExercises(content), root)),
  };
}
