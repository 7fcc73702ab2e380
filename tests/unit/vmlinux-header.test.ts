// vmlinux.h for every C compile (server/workspace/vmlinux-header.ts): generated from this kernel's BTF,
// precompiled, cached per kernel, reused; a clear Spanish reason without BTF.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BTF_PATH, cCompileFlags, ensureVmlinux, kernelKey, usesVmlinux, vmlinuxDir } from '../../server/processes/vmlinux-header.ts';
import { bpfCflags } from '../../server/workspace/c-build.ts';

const cache = mkdtempSync(join(tmpdir(), 'taller-vmlinux-test-'));
after(() => rmSync(cache, { recursive: true, force: true }));
const hasBtf = existsSync(BTF_PATH);

test('usesVmlinux sees "vmlinux.h" and <vmlinux.h> includes only', () => {
  assert.equal(usesVmlinux('#include "vmlinux.h"\n'), true);
  assert.equal(usesVmlinux('  #  include <vmlinux.h>\n'), true);
  assert.equal(usesVmlinux('#include <linux/bpf.h>\n// vmlinux.h is not used\n'), false);
});

test('every C compile gets -I the folder of this kernel’s vmlinux.h, keyed by the BTF’s hash', { skip: !hasBtf }, () => {
  const key = kernelKey();
  assert.match(key ?? '', /^[0-9a-f]{24}$/);
  const flags = cCompileFlags('#include <linux/bpf.h>\n', cache);
  assert.ok(flags.ok);
  assert.deepEqual(flags.flags, [...bpfCflags(), `-I${vmlinuxDir(cache)}`]);
  assert.ok(vmlinuxDir(cache)?.endsWith(`vmlinux-${key}`));
});

test('a CO-RE program compiles with the generated, precompiled header; the second compile reuses both', { skip: !hasBtf }, () => {
  const src = 'bpf/core_parent.bpf.c';
  const first = ensureVmlinux(cache, bpfCflags());
  assert.ok(first.ok);
  assert.ok(first.pch, 'the header is precompiled');
  assert.match(readFileSync(first.header, 'utf8').slice(0, 4000), /#ifndef __VMLINUX_H__/);
  const stamps = [statSync(first.header).mtimeMs, statSync(first.pch).mtimeMs];
  const flags = cCompileFlags(readFileSync(src, 'utf8'), cache);
  assert.ok(flags.ok);
  assert.ok(flags.flags.includes('-include-pch'), flags.flags.join(' '));
  const second = ensureVmlinux(cache, bpfCflags());
  assert.ok(second.ok);
  assert.equal(second.generated, false, 'not generated again');
  assert.deepEqual([statSync(second.header).mtimeMs, statSync(second.pch!).mtimeMs], stamps);
  const r = spawnSync('clang', [...flags.flags, '-c', src, '-o', join(cache, 'p.o')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('without BTF, code that includes vmlinux.h gets a Spanish reason naming it; other code compiles as before', () => {
  const missing = join(cache, 'no-btf');
  const flags = cCompileFlags('#include "vmlinux.h"\n', cache, missing);
  assert.equal(flags.ok, false);
  if (!flags.ok) {
    assert.match(flags.message, /vmlinux\.h/);
    assert.match(flags.message, /no tiene BTF/);
    assert.ok(flags.message.includes(missing));
  }
  const plain = cCompileFlags('#include <linux/bpf.h>\n', cache, missing);
  assert.ok(plain.ok);
  assert.deepEqual(plain.flags, bpfCflags());
});
