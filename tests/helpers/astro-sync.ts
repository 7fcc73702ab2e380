// `astro sync` over another content folder (a fixture), with its own cache: how
// tests prove the build validates lessons and exercises.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export function syncWith(contentDir: string) {
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
