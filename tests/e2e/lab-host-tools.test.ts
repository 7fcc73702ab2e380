// The kernel lab refuses to run without its host tools, naming each missing tool and the Debian
// package that has it — never a silent pass — and leaves no run folder behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = '/var/cache/taller-ebpf/lab/runs';

test('without qemu the lab fails at once, says which package to install, and leaves nothing', () => {
  // A PATH with every tool the lab needs but qemu.
  const bin = mkdtempSync(join(tmpdir(), 'taller-lab-path-'));
  try {
    for (const tool of ['sh', 'env', 'node', 'git', 'mmdebstrap', 'depmod', 'cpio', 'xz', 'zstd', 'unshare', 'dpkg', 'apt-get']) {
      const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
      if (found) symlinkSync(found, join(bin, tool));
    }
    const before = existsSync(RUNS) ? readdirSync(RUNS) : [];
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'lab/run.ts', 'B', '--no-report'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: bin },
      timeout: 60_000,
    });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /missing on this machine: qemu-system-x86_64; install with: apt-get install qemu-system-x86/);
    assert.match(r.stdout, /1 failures/);
    assert.deepEqual(existsSync(RUNS) ? readdirSync(RUNS) : [], before, 'no run folder left');
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});
