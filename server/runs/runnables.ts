// What the server can run: every runnable block (lessons and exercise editors), each lesson's
// `requires` and the exercises. The compiled server reads them from the JSON its build wrote next to
// it (no MDX toolchain at run time); run from its sources (tsx), or with another content folder, it
// reads the lessons themselves (from-sources.ts, loaded only then).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RunnableBlock } from '../../lib/lessons/runnable.ts';
import type { ExerciseContent } from '../exercises/folders.ts';
import type { LessonRequires } from './table.ts';

export interface Runnables {
  runs: Map<string, RunnableBlock>;
  lessonRequires: Map<string, LessonRequires>;
}

/** runnables.json: what the build read from the checkout's content folder. */
export interface BuiltContent {
  runs: RunnableBlock[];
  lessonRequires: Array<[string, LessonRequires]>;
  exercises: ExerciseContent[];
}

/** The URL of the compiled server's own file (a constant of the build), undefined under tsx. */
declare const TALLER_BUNDLE_URL: string | undefined;

/** The name of the table the build writes next to the compiled server. */
export const BUILT_CONTENT_FILE = 'runnables.json';

let built: BuiltContent | undefined;
/** The build's table when this is the compiled server and `contentDir` the checkout's content; else null. */
function builtContent(root: string, contentDir: string): BuiltContent | null {
  if (typeof TALLER_BUNDLE_URL !== 'string' || resolve(contentDir) !== resolve(root, 'content')) return null;
  built ??= JSON.parse(readFileSync(new URL(BUILT_CONTENT_FILE, TALLER_BUNDLE_URL), 'utf8')) as BuiltContent;
  return built;
}

export async function loadRunnables(root: string, contentDir: string): Promise<Runnables> {
  const b = builtContent(root, contentDir);
  if (b) return { runs: new Map(b.runs.map((x) => [x.id, x])), lessonRequires: new Map(b.lessonRequires) };
  const { readRunnables } = await import('./from-sources.ts');
  return readRunnables(root, contentDir);
}

export async function loadExerciseContents(root: string, contentDir: string): Promise<ExerciseContent[]> {
  const b = builtContent(root, contentDir);
  if (b) return b.exercises;
  const { loadExercises } = await import('./from-sources.ts');
  return loadExercises(contentDir);
}
