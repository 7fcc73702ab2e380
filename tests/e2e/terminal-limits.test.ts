// Runs nobody stops and terminals nobody uses end on their own, with a notice.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { TerminalClient } from '../helpers/terminal-client.ts';
import { ATTACHED_LINE } from '../../server/runs/bpftrace-output.ts';

const servers: RunningServer[] = [];
after(async () => {
  for (const s of servers) await s.stop();
});

test('a run nobody stops is interrupted at the time limit like Detener, with a notice (bpftrace still prints its map)', async () => {
  const server = await startServer({ TALLER_RUN_TIMEOUT_MS: '1500' });
  servers.push(server);
  const c = new TerminalClient(server);
  await c.opened;
  c.send({ type: 'run', id: 'contar-syscalls', cols: 100, rows: 30 });
  await c.waitFor((x) => !!x.exitMessage(), 'the automatic stop');
  const notice = c.messages.find((m) => m.type === 'notice');
  assert.match(notice?.type === 'notice' ? notice.message : '', /se detiene automáticamente/);
  assert.match(c.output, /^@\[[^\]]+\]: \d+/m);
});

test('an idle terminal is closed after the idle limit, with a notice', async () => {
  const server = await startServer({ TALLER_IDLE_TIMEOUT_MS: '800' });
  servers.push(server);
  const c = new TerminalClient(server);
  await c.opened;
  c.send({ type: 'shell', cols: 80, rows: 24 });
  await c.closed;
  const notice = c.messages.find((m) => m.type === 'notice');
  assert.match(notice?.type === 'notice' ? notice.message : '', /inactivo/);
});

test('lesson commands keep their sudo, and it works when the server is root (the shim, whether or not sudo exists)', async () => {
  const server = await startServer();
  servers.push(server);
  const c = new TerminalClient(server);
  await c.opened;
  c.send({ type: 'run', id: 'contar-syscalls', cols: 100, rows: 30 });
  await c.waitFor((x) => x.messages.some((m) => m.type === 'started'), 'start');
  const started = c.messages.find((m) => m.type === 'started');
  assert.ok(started?.type === 'started' && /^sudo bpftrace/m.test(started.command), JSON.stringify(started));
  await c.waitFor((x) => ATTACHED_LINE.test(x.output), 'bpftrace attached through sudo');
  c.send({ type: 'stop' });
  await c.waitFor((x) => !!x.exitMessage(), 'exit');
  // The free terminal: `sudo` is the workshop's, and runs the command as root.
  const shell = new TerminalClient(server);
  await shell.opened;
  shell.send({ type: 'shell', cols: 200, rows: 30 });
  shell.send({ type: 'input', data: 'echo "quien=$(sudo id -u) ruta=$(command -v sudo)"\r' });
  await shell.waitFor((x) => /quien=\d+ ruta=\S+\r?\n/.test(x.output), 'sudo in the free terminal');
  assert.match(shell.output, /quien=0 ruta=\/run\/taller-ebpf\/\d+-\w{6}\/bin\/sudo/);
  assert.doesNotMatch(shell.output, /command not found/);
  shell.ws.close();
});
