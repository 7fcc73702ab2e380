// Where an exercise's judge module is. Run from the sources (tsx): its TypeScript,
// content/ejercicios/<id>/juez.ts. In the compiled server: the judge the build compiled next to it
// (judge-<id>.mjs, setup/build-server.mjs), which shares the server's own modules.
import { basename, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The URL of the compiled server's own file (a constant of the build), undefined under tsx. */
declare const TALLER_BUNDLE_URL: string | undefined;

/** The compiled judge's file name (without `.mjs`) for the exercise folder `folder`. */
export const judgeEntryName = (folder: string) => `judge-${folder}`;

/** `exercisesDir`: the checkout's exercises folder, the one the build compiled. */
export function judgeModuleUrl(judgeFile: string, exercisesDir: string): string {
  if (typeof TALLER_BUNDLE_URL === 'string' && dirname(dirname(judgeFile)) === exercisesDir) {
    return new URL(`${judgeEntryName(basename(dirname(judgeFile)))}.mjs`, TALLER_BUNDLE_URL).href;
  }
  return pathToFileURL(judgeFile).href;
}
