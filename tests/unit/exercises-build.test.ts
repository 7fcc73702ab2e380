// The build validates exercise folders with the loader the server uses: a folder
// with a bad field fails it, with the file and the field named.
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
