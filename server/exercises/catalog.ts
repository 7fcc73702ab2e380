// The exercises the server judges: every folder of content/ejercicios/ (loaded
// by folders.ts, the same loader the site uses) with its judge module. The
// page only names an exercise; the judge runs here, on the real kernel.
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import type { ExerciseContent } from './folders.ts';
import { loadExerciseContents } from './contents.ts';
import { judgeModuleUrl } from './judge-module.ts';
import type { Judge } from './judge-kit.ts';
import { fill } from '../../lib/messages/fill.mjs';
import { exercises as X } from '../../lib/messages/es/exercises.mjs';

export { exerciseBlockId } from './block.ts';

export type { Judge, Observation, Verdict } from './judge-kit.ts';
export { bpftraceMapLines, joinEs, namedList, otherProcesses, pidsNote } from './judge-kit.ts';

export interface Exercise extends ExerciseContent, Judge {}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CONTENT_DIR = join(ROOT, 'content');

/** Reads every exercise folder and imports its judge (`juez.ts`, default export). */
export async function loadCatalog(contentDir: string): Promise<ReadonlyMap<string, Exercise>> {
  const out = new Map<string, Exercise>();
  for (const content of await loadExerciseContents(ROOT, contentDir)) {
    const mod = (await import(judgeModuleUrl(content.judgeFile, join(CONTENT_DIR, 'ejercicios')))) as { default?: Partial<Judge> };
    const judge = mod.default;
    if (typeof judge?.judge !== 'function' || typeof judge.satisfied !== 'function') {
      throw new Error(fill(X['folder.badJudge'], { path: relative(process.cwd(), content.judgeFile) }));
    }
    out.set(content.id, { ...content, satisfied: judge.satisfied, judge: judge.judge });
  }
  return out;
}

export const EXERCISES: ReadonlyMap<string, Exercise> = await loadCatalog(CONTENT_DIR);
