// How the launcher decides whether it can become root, and the words it uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gidsFromStatus, groupNames, privilegeFix, sudoStatusFrom } from '../../lib/privileges.mjs';
import { privilegeSentence } from '../../server/requirements/privilege-words.ts';

const facts = { root: false, sudoPath: '/usr/bin/sudo', sudoNonInteractive: false, groups: ['ana'], tty: true };

test('sudo status from the facts', () => {
  assert.equal(sudoStatusFrom({ ...facts, root: true }), 'root');
  assert.equal(sudoStatusFrom({ ...facts, sudoPath: null }), 'no-sudo');
  assert.equal(sudoStatusFrom({ ...facts, sudoNonInteractive: true }), 'sudo-ready');
  assert.equal(sudoStatusFrom(facts), 'not-sudoer');
  assert.equal(sudoStatusFrom({ ...facts, groups: ['ana', 'wheel'] }), 'sudo-password');
  assert.equal(sudoStatusFrom({ ...facts, groups: ['sudo'], tty: false }), 'sudo-no-tty');
});

test('groups are read from /proc/self/status and /etc/group', () => {
  const status = 'Name:\tnode\nGid:\t1000\t1000\t1000\t1000\nGroups:\t27 100 \n';
  assert.deepEqual(gidsFromStatus(status), [1000, 27, 100]);
  assert.deepEqual(groupNames('root:x:0:\nsudo:x:27:ana\nusers:x:100:\nana:x:1000:\n', [1000, 27, 100]), ['ana', 'sudo', 'users']);
});

test('every status that cannot become root gets an exact fix; the others none', () => {
  assert.equal(privilegeFix('root', 'ana'), '');
  assert.equal(privilegeFix('sudo-password', 'ana'), '');
  assert.match(privilegeFix('not-sudoer', 'ana'), /«usermod -aG sudo ana»/);
  assert.match(privilegeFix('no-sudo', 'ana'), /«apt-get install sudo && usermod -aG sudo ana»/);
  assert.match(privilegeFix('sudo-no-tty', 'ana'), /«sudo -v»/);
  assert.match(privilegeSentence('not-sudoer', 'ana'), /^Necesitas privilegios de administrador: tu cuenta \(ana\) no puede usar sudo/);
  assert.match(privilegeSentence('sudo-ready', 'ana'), /^Necesitas privilegios de administrador: arranca el taller con «npm start»/);
});
