// The build validates lesson frontmatter: a bad lesson fails it, with the file named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { syncWith } from '../helpers/astro-sync.ts';

test('a lesson with valid frontmatter passes content validation (control)', () => {
  const r = syncWith('tests/fixtures/content-valid');
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('a lesson with invalid frontmatter fails the build, naming the file and the field', () => {
  const r = syncWith('tests/fixtures/content-invalid');
  assert.notEqual(r.status, 0);
  const out = r.stdout + r.stderr;
  assert.match(out, /01-leccion\.mdx/);
  assert.match(out, /title/);
  assert.match(out, /mayor\.menor/);
});
