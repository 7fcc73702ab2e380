import { test } from 'node:test';
import assert from 'node:assert/strict';
import { environOf, isAlive, parseStat, procStat } from '../../server/proc.ts';

test('a stat line whose comm holds spaces and parentheses: fields after the last «)»', () => {
  const line = '4242 (a) b (c) ) S 1 4242 4242 34816 4300 4194560 120 0 0 0 17 23 0 0 20 0 1 0 99 0 0 18446744073709551615\n';
  const s = parseStat(line);
  assert.ok(s);
  assert.equal(s.pid, 4242);
  assert.equal(s.comm, 'a) b (c) ');
  assert.equal(s.state, 'S');
  assert.equal(s.ppid, 1);
  assert.equal(s.pgrp, 4242);
  assert.equal(s.session, 4242);
  assert.equal(s.tpgid, 4300);
  assert.equal(s.utime, 17);
  assert.equal(s.stime, 23);
  assert.equal(parseStat('4242 (zombie) Z 1 1 1 0 -1')?.state ?? null, null, 'too few fields');
  assert.equal(parseStat('no parentheses here'), null);
});

test('this process: alive, its own stat and environment; no pid is alive', () => {
  const s = procStat(process.pid);
  assert.ok(s);
  assert.equal(s.pid, process.pid);
  assert.equal(s.ppid, process.ppid);
  assert.equal(isAlive(process.pid), true);
  for (const pid of [0, -1, NaN, 1.5, 2 ** 31]) assert.equal(isAlive(pid), false, String(pid));
  const env = environOf(process.pid);
  assert.ok(env && env.length > 0 && env.every((e) => e.includes('=')));
  assert.equal(environOf(2 ** 31), null);
});
