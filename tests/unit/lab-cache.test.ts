import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cached, sweepDeadPartials } from '../../lab/cache.ts';

test("a killed build's temporary folder is swept; a live build's and finished images are kept", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-cache-'));
  try {
    // A pid that surely is dead: a process that already exited.
    const dead = spawnSync('true').pid;
    mkdirSync(join(dir, `.trixie-abc.partial-${dead}`));
    mkdirSync(join(dir, `.trixie-abc.partial-${process.ppid}`)); // alive: our parent
    mkdirSync(join(dir, 'trixie-abc'));
    assert.deepEqual(sweepDeadPartials(dir), [`.trixie-abc.partial-${dead}`]);
    assert.ok(existsSync(join(dir, `.trixie-abc.partial-${process.ppid}`)));
    assert.ok(existsSync(join(dir, 'trixie-abc')));
    // cached() sweeps before building, and a failed build leaves nothing.
    mkdirSync(join(dir, `.k.partial-${dead}`));
    await assert.rejects(
      cached(dir, 'k', () => {
        throw new Error('build failed');
      }),
    );
    assert.ok(!existsSync(join(dir, `.k.partial-${dead}`)));
    assert.ok(!existsSync(join(dir, `.k.partial-${process.pid}`)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
