// The compiled server (`npm start`, setup/build-server.mjs) serves what the lessons say: the run table
// and the exercises its build wrote equal what the MDX and the exercise folders give now, read through
// the server's own loaders; and it starts without the MDX toolchain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compiledServer } from '../helpers/server.ts';
import { loadLessonRequires, loadRunTable } from '../../server/runs/table.ts';
import { loadLessons } from '../../server/runs/built-table.ts';
import { loadExercises } from '../../server/exercises/folders.ts';
import { loadExerciseContents } from '../../server/exercises/contents.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const main = compiledServer();
/** As JSON keeps it (no `undefined` fields). */
const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

test('the compiled server reads the run table, the requires and the exercises the lessons give', async () => {
  const g = globalThis as { TALLER_BUNDLE_URL?: string };
  g.TALLER_BUNDLE_URL = pathToFileURL(main).href;
  try {
    const content = join(ROOT, 'content');
    const built = await loadLessons(ROOT, content);
    assert.deepEqual(plain([...built.table]), plain([...loadRunTable(content)]));
    assert.deepEqual(plain([...built.lessonRequires]), plain([...loadLessonRequires(content)]));
    assert.ok(built.table.size > 50, `${built.table.size} blocks`);
    assert.deepEqual(plain(await loadExerciseContents(ROOT, content)), plain(loadExercises(content)));
  } finally {
    delete g.TALLER_BUNDLE_URL;
  }
});

test('the compiled server loads no MDX parser at start (only the build reads the lessons)', () => {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    assert.doesNotMatch(text, /micromark|remark-parse|remark-mdx/, `${file} is loaded at start`);
    // Static imports of the bundle's own files (chunks); import("…") is loaded on demand.
    for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s*"(\.\/[^"]+)"/gm)) visit(join(dirname(file), m[1]));
    for (const m of text.matchAll(/^import\s*"(\.\/[^"]+)"/gm)) visit(join(dirname(file), m[1]));
  };
  visit(main);
  assert.ok(seen.size > 1, 'main.mjs imports its chunks');
});
