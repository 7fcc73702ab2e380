import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateLearnerSource } from '../../server/runs/learner-source.ts';
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
