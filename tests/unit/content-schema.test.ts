// The build validates lesson frontmatter: a bad lesson fails it, with the file named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

function syncWith(contentDir: string) {
  const cache = mkdtempSync(join(tmpdir(), 'taller-astro-cache-'));
  try {
    return spawnSync(process.execPath, ['node_modules/astro/astro.js', 'sync'], {
      env: { ...process.env, TALLER_CONTENT_DIR: resolve(contentDir), TALLER_CACHE_DIR: cache, ASTRO_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
      timeout: 120_000,
    });
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

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
