// The build validates exercise folders with the loader the server uses: a folder
// with a bad field fails it, with the file and the field named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { syncWith } from '../helpers/astro-sync.ts';

test('a valid exercise folder passes content validation (control)', () => {
  const r = syncWith('tests/fixtures/exercise-valid');
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('an exercise folder with a bad field fails the build, naming the file and the field', () => {
  const r = syncWith('tests/fixtures/exercise-invalid');
  assert.notEqual(r.status, 0);
  const out = r.stdout + r.stderr;
  assert.match(out, /exercise-invalid\/ejercicios\/ejemplo\/ejercicio\.yaml/, out);
  assert.match(out, /el campo «workload» debe ser una de las cargas conocidas: exec, open, read/, out);
});
