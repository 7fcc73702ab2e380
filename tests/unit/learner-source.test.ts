import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MAX_SOURCE_BYTES, validateLearnerSource } from '../../server/runs/learner-source.ts';
import { terminal } from '../../lib/messages/es/terminal.mjs';

const prog = (head: string, body = 'int x;') => `${head}\n#include <bpf/bpf_helpers.h>\n${body}\n`;

test('a system header under asm/ is accepted; inline assembly anywhere else is still refused', () => {
  assert.equal(validateLearnerSource('c', prog('#include <asm/unistd.h>')).ok, true);
  assert.equal(validateLearnerSource('c', prog('#include <linux/unistd.h>')).ok, true);
  for (const bad of [
    prog('#include <linux/bpf.h>', 'void f(void) { asm volatile("r0 = 0"); }'),
    prog('#include <linux/bpf.h>', 'void f(void) { __asm__("exit"); }'),
    prog('#include <asm/unistd.h> __asm__("exit")'),
  ]) {
    const v = validateLearnerSource('c', bad);
    assert.equal(v.ok, false, bad);
    assert.equal(!v.ok && v.message, terminal['source.asm']);
  }
});

test('an edited program follows the loader rules: system headers only, no assembly, no other directives, within the size limit', () => {
  const code = readFileSync('bpf/seccomp.c', 'utf8');
  assert.equal(validateLearnerSource('program', code).ok, true);
  for (const bad of [
    `#include "/etc/shadow"\n${code}`,
    `#include "../../secreto.h"\n${code}`,
    `#include_next <stdio.h>\n${code}`,
    `#embed "/etc/shadow"\n${code}`,
    `%:include </etc/shadow>\n${code}`,
    `#inc\\\nlude "/etc/shadow"\n${code}`,
    code.replace('int main(void)\n{', 'int main(void)\n{\n\t__asm__("nop");'),
    code.replace('int main(void)\n{', '_Pragma("GCC diagnostic ignored \\"-Wall\\"")\nint main(void)\n{'),
    `${code}\nconst char blob[] = ".incbin \\"/etc/shadow\\"";\n`,
  ]) {
    assert.equal(validateLearnerSource('program', bad).ok, false, bad.slice(0, 80));
  }
  assert.equal(validateLearnerSource('program', 'x'.repeat(MAX_SOURCE_BYTES.c + 1)).ok, false);
  assert.equal(validateLearnerSource('program', `${code}\u0000`).ok, false);
  assert.equal(validateLearnerSource('program', '   \n').ok, false);
  // A program has no skeleton: the loader's one local header is no pass here.
  assert.equal(validateLearnerSource('program', `#include "seccomp.skel.h"\n${code}`, 'seccomp.skel.h').ok, false);
});
