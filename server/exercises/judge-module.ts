// Where an exercise's judge module is. Run from the sources (tsx): its TypeScript,
// content/ejercicios/<id>/juez.ts. In the compiled server: the judge the build compiled next to it
// (judge-<id>.mjs, setup/build-server.mjs), which shares the server's own modules.
import { basename, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compiledFile } from '../compiled.ts';

/** The compiled judge's file name (without `.mjs`) for the exercise folder `folder`. */
export const judgeEntryName = (folder: string) => `judge-${folder}`;

/** `exercisesDir`: the checkout's exercises folder, the one the build compiled. */
export function judgeModuleUrl(judgeFile: string, exercisesDir: string): string {
  const compiled = dirname(dirname(judgeFile)) === exercisesDir && compiledFile(`${judgeEntryName(basename(dirname(judgeFile)))}.mjs`);
  if (compiled) return compiled.href;
  return pathToFileURL(judgeFile).href;
}
