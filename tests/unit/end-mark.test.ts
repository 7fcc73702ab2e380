import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EndMarkScanner } from '../../server/processes/pty-process.ts';

test('the end mark is found across chunk boundaries; what precedes passes, what follows is swallowed', () => {
  const mark = Buffer.from('\x1b]7770;abc\x07');
  for (let split = 0; split <= mark.length; split++) {
    let calls = 0;
    const s = new EndMarkScanner(mark, () => calls++);
    const input = Buffer.concat([Buffer.from('hola\x1b]77 no'), mark, Buffer.from('eco')]);
    const cut = 'hola\x1b]77 no'.length + split;
    const out = Buffer.concat([s.push(input.subarray(0, cut)), s.push(input.subarray(cut)), s.push(Buffer.from('más'))]);
    assert.equal(out.toString(), 'hola\x1b]77 no');
    assert.equal(calls, 1);
  }
});
