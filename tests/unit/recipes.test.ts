import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dropSudo, recipeFor } from '../../server/runs/recipes.ts';
import { NoiseFilter } from '../../server/runs/noise-filter.ts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRunTable } from '../../server/runs/table.ts';
import { PROGRAM_RUN_SCRIPT } from '../../server/workspace/program-build.ts';

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

test('a program block: cc in the compile cache (by content hash), then the program itself; edited code in a scratch folder', () => {
  const cache = mkdtempSync(join(tmpdir(), 'taller-program-'));
  const scratch = mkdtempSync(join(tmpdir(), 'taller-program-scratch-'));
  try {
    const block = loadRunTable('content').get('seccomp-uname')!;
    assert.equal(block.kind, 'program');
    const ctx = { workDir: '/w', runnerPath: '/nonexistent', cacheDir: cache, newScratch: () => scratch, binDir: '/private/bin' };
    const r = recipeFor(block, ctx);
    assert.ok(r.ok);
    assert.equal(r.output, 'raw');
    assert.equal(r.display, 'cc -O2 -g -Wall seccomp.c -o seccomp && sudo ./seccomp');
    assert.ok(r.command.cwd?.startsWith(cache + '/'), 'built inside the compile cache');
    assert.equal(r.scratch, undefined);
    assert.equal(r.preamble, undefined);
    assert.match(r.command.env?.PATH ?? '', /^\/private\/bin:/);
    // No runner, no BPF flags: the script, its folder, the source, the binary, the flags and the Spanish sentence.
    assert.deepEqual(r.command.args.slice(3, 7), [r.command.cwd, 'seccomp.c', 'seccomp', '-O2 -g -Wall']);
    assert.match(r.command.args[7], /No se pudo compilar el programa seccomp\.c/);
    assert.ok(!r.command.args.includes('/nonexistent'));
    // The same code is the same folder; once built, the compile is skipped and the page is told.
    const again = recipeFor(block, ctx);
    assert.ok(again.ok && again.command.cwd === r.command.cwd);
    writeFileSync(join(r.command.cwd!, 'seccomp'), 'built');
    const cached = recipeFor(block, ctx);
    assert.ok(cached.ok && /se reutiliza el programa compilado/.test(cached.preamble ?? ''));
    // Edited code: a scratch folder, removed by the session.
    const edited = recipeFor(block, ctx, block.code + '\n// cambio\n');
    assert.ok(edited.ok && edited.scratch === scratch && edited.command.cwd === scratch);
    assert.match(readFileSync(join(scratch, 'seccomp.c'), 'utf8'), /\/\/ cambio/);
  } finally {
    rmSync(cache, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('the program script: a failed compile prints its sentence and leaves no binary; a good one runs in place of the shell', () => {
  const dir = mkdtempSync(join(tmpdir(), 'taller-program-script-'));
  try {
    const run = () =>
      spawnSync('/bin/sh', ['-c', PROGRAM_RUN_SCRIPT, 'prueba', dir, 'x.c', 'x', '-O2 -Wall', 'FALLA-CC'], { encoding: 'utf8' });
    writeFileSync(join(dir, 'x.c'), 'int main(void) { return nope; }\n');
    let r = run();
    assert.equal(r.status, 1);
    assert.match(r.stdout, /FALLA-CC/);
    assert.match(r.stderr, /x\.c:1:\d+: error/);
    assert.deepEqual(readdirSync(dir), ['x.c']);
    writeFileSync(
      join(dir, 'x.c'),
      '#include <stdio.h>\n#include <unistd.h>\nint main(void) { printf("hola %d\\n", getpid()); return 3; }\n',
    );
    r = run();
    assert.equal(r.status, 3);
    // exec: the program has the shell's PID (it is what the session signals and waits for).
    assert.equal(r.stdout.trim(), `hola ${r.pid}`);
    assert.deepEqual(readdirSync(dir).sort(), ['x', 'x.c']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
