// The exercises (folders.ts's ExerciseContent) as the server gets them. The compiled server reads the
// JSON its build wrote (no MDX toolchain at run time: the loader parses the lessons to place each
// exercise); run from its sources (tsx), or given another content folder, it reads the folders.
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { compiledFile } from '../compiled.ts';
import type { ExerciseContent } from './folders.ts';

/** The file the build writes next to the compiled server, from the checkout's content folder. */
export const EXERCISES_FILE = 'exercises.json';

/** An exercise's absolute paths: written relative to the checkout (a copy of it reads the same build). */
const PATHS = ['dir', 'startFile', 'solutionFile', 'statementFile', 'judgeFile'] as const;

export function exercisesJson(exercises: ExerciseContent[], root: string): ExerciseContent[] {
  return exercises.map((e) => ({ ...e, ...Object.fromEntries(PATHS.map((k) => [k, relative(root, e[k])])) }));
}

export async function loadExerciseContents(root: string, contentDir: string): Promise<ExerciseContent[]> {
  const built = compiledFile(EXERCISES_FILE);
  if (built && resolve(contentDir) === resolve(root, 'content')) {
    const data = JSON.parse(readFileSync(built, 'utf8')) as ExerciseContent[];
    return data.map((e) => ({ ...e, ...Object.fromEntries(PATHS.map((k) => [k, resolve(root, e[k])])) }));
  }
  const { loadExercises } = await import('./folders.ts');
  return loadExercises(contentDir);
}
