// The run table and each lesson's `requires` as the server gets them. The compiled server reads the
// JSON its build wrote (no MDX toolchain at run time); run from its sources (tsx), or given another
// content folder, it reads the lessons themselves (table.ts, loaded only then).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RunnableBlock } from '../../lib/lessons/runnable.ts';
import { compiledFile } from '../compiled.ts';
import type { LessonRequires, RunTable } from './table.ts';

/** The file the build writes next to the compiled server, from the checkout's content folder. */
export const RUN_TABLE_FILE = 'run-table.json';

export interface RunTableJson {
  blocks: RunnableBlock[];
  lessonRequires: Array<[string, LessonRequires]>;
}

export function runTableJson(table: RunTable, lessonRequires: ReadonlyMap<string, LessonRequires>): RunTableJson {
  return { blocks: [...table.values()], lessonRequires: [...lessonRequires] };
}

export async function loadLessons(
  root: string,
  contentDir: string,
): Promise<{ table: RunTable; lessonRequires: Map<string, LessonRequires> }> {
  const built = compiledFile(RUN_TABLE_FILE);
  if (built && resolve(contentDir) === resolve(root, 'content')) {
    const data = JSON.parse(readFileSync(built, 'utf8')) as RunTableJson;
    return { table: new Map(data.blocks.map((b) => [b.id, b])), lessonRequires: new Map(data.lessonRequires) };
  }
  const { loadLessonRequires, loadRunTable } = await import('./table.ts');
  return { table: loadRunTable(contentDir), lessonRequires: loadLessonRequires(contentDir) };
}
