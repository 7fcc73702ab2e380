// The code follows one format (Prettier, .prettierrc.json): `npm run format` fixes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { FORMAT_GLOBS, PRETTIER } from '../../setup/format.mjs';

test('every source file is formatted (npm run format)', () => {
  const r = spawnSync(process.execPath, [PRETTIER, '--list-different', '--no-error-on-unmatched-pattern', ...FORMAT_GLOBS], {
    encoding: 'utf8',
  });
  assert.equal(r.stdout.trim(), '', `not formatted (run npm run format):\n${r.stdout}${r.stderr}`);
  assert.equal(r.status, 0, r.stderr);
});
