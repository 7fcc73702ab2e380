// The built launcher (bpf/launcher/launcher.c), with pipes instead of a pty: the command's output,
// then the end mark; it waits for the nonce; its status is the command's (128+N for a signal).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { cgroup2Root, CGROUP_PARENT } from '../../server/processes/cgroup.ts';

const LAUNCHER = new URL('../../bpf/.output/launcher', import.meta.url).pathname;
const skip = existsSync(LAUNCHER) ? false : 'make -C bpf has not built the launcher';
const launch = (group: string, args: string[], input = 'otra línea\nn0nce\n') =>
  spawnSync(LAUNCHER, [group, 'n0nce', ...args], { input, encoding: 'utf8' });

test('the command runs, then the end mark; the status is the command’s', { skip }, () => {
  const r = launch('-', ['sh', '-c', 'echo hola; exit 3']);
  assert.equal(r.stdout, 'hola\n\x1b]7770;n0nce\x07');
  assert.equal(r.status, 3);
});

test('a command killed by a signal reports 128+N; a missing one 127', { skip }, () => {
  assert.equal(launch('-', ['sh', '-c', 'kill -9 $$']).status, 137);
  const missing = launch('-', ['no-existe-este-programa']);
  assert.equal(missing.status, 127);
  assert.match(missing.stderr, /no-existe-este-programa/);
});

test('lines that are not the nonce are read past; the end of the input ends the wait', { skip }, () => {
  const r = spawnSync(LAUNCHER, ['-', 'n0nce', 'true'], { input: 'n0nc\nn0nce2\n', encoding: 'utf8', timeout: 1000 });
  assert.equal(r.status, 0); // the input ended: it stops waiting
  assert.equal(r.stdout, '\x1b]7770;n0nce\x07');
});

const root = cgroup2Root();
const parent = root ? join(root, CGROUP_PARENT) : null;
const cgSkip = skip || (parent && existsSync(parent) ? false : 'no cgroup v2 of ours');
test('the command is born inside the given cgroup', { skip: cgSkip }, () => {
  const dir = join(parent!, `launcher-test-${process.pid}`);
  mkdirSync(dir);
  try {
    const r = launch(dir, ['cat', '/proc/self/cgroup']);
    assert.equal(r.status, 0);
    const line = r.stdout.split('\n').find((l) => l.startsWith('0::'));
    assert.equal(line, `0::${dir.slice(root!.length)}`);
    assert.equal(readFileSync(join(dir, 'cgroup.procs'), 'utf8'), '');
  } finally {
    rmdirSync(dir);
  }
});
