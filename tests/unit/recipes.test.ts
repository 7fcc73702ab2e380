import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dropSudo, recipeFor } from '../../server/runs/recipes.ts';
import { NoiseFilter } from '../../server/runs/noise-filter.ts';

test('dropSudo removes sudo at the start of each command only', () => {
  assert.equal(dropSudo('sudo bpftool prog show'), 'bpftool prog show');
  assert.equal(dropSudo('# c\nsudo rm x && sudo ls; echo sudo'), '# c\nrm x && ls; echo sudo');
  assert.equal(dropSudo('pseudo x'), 'pseudo x');
});

test('lesson commands run as written, sudo included, with the sudo shim first in PATH', () => {
  const ctx = { workDir: '/w', runnerPath: '/nonexistent', cacheDir: '/c', newScratch: () => '/s', binDir: '/private/bin' };
  const block = { id: 'a', kind: 'shell' as const, lang: 'bash', code: 'sudo bpftool prog show', lesson: 'l', fileName: 'x.bpf.c' };
  const r = recipeFor(block, ctx);
  assert.ok(r.ok);
  assert.equal(r.command.args.at(-1), 'sudo bpftool prog show');
  assert.match(r.command.env?.PATH ?? '', /^\/private\/bin:/);
  const bt = recipeFor({ ...block, kind: 'bpftrace', code: 'BEGIN { exit(); }' }, ctx);
  assert.ok(bt.ok && bt.command.file === 'bpftrace' && bt.command.env?.PATH?.startsWith('/private/bin:'));
});

test('the noise filter hides only the memlock line, across chunk boundaries', () => {
  const f = new NoiseFilter();
  const line =
    'ERROR: Unknown error -1: couldn\'t set RLIMIT_MEMLOCK for bpftrace. If your program is not loading, you can try "ulimit -l 8192" to fix the problem\r\n';
  const out = [
    f.push(Buffer.from(line.slice(0, 30))),
    f.push(Buffer.from(line.slice(30) + 'Attaching 1 probe...\r\n@x')),
    f.push(Buffer.from(': 1\r\n')),
  ];
  assert.equal(Buffer.concat([...out, f.flush()]).toString(), 'Attaching 1 probe...\r\n@x: 1\r\n');
  const g = new NoiseFilter();
  assert.equal(g.push(Buffer.from('ERROR: syntax error\r\n')).toString(), 'ERROR: syntax error\r\n');
});
