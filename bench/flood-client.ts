// A flooding terminal in its own process, so that the process measuring echo
// latency is not the one busy reading the flood. It acknowledges every frame as
// soon as it arrives (no terminal emulation): the most demanding client there is.
//   node --import tsx bench/flood-client.ts taller PORT TOKEN
//   node --import tsx bench/flood-client.ts wetty PORT
//   node --import tsx bench/flood-client.ts pty
// Prints `flooding` once 1 MB has arrived, and the byte count when it gets SIGTERM.
import WebSocket from 'ws';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { plainPty } from './consumers.ts';
import { WETTY_DIR } from './wetty.ts';
import { terminalProtocols } from '../tests/helpers/server.ts';

const [kind, port, token] = process.argv.slice(2);
let bytes = 0;
let told = false;
const count = (n: number) => {
  bytes += n;
  if (!told && bytes > 1_000_000) {
    told = true;
    process.stdout.write('flooding\n');
  }
};
let finish: () => void = () => {};
process.on('SIGTERM', () => {
  finish();
  process.stdout.write(`bytes ${bytes}\n`, () => process.exit(0));
});

if (kind === 'taller') {
  const origin = `http://127.0.0.1:${port}`;
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/terminal`, terminalProtocols(token), { headers: { origin } });
  let started = false;
  ws.on('open', () => ws.send(JSON.stringify({ type: 'shell', cols: 80, rows: 24 })));
  ws.on('message', (data, isBinary) => {
    if (!isBinary) return;
    const buf = data as Buffer;
    count(buf.length);
    ws.send(JSON.stringify({ type: 'ack', bytes: buf.length }));
    if (!started && buf.toString('latin1').includes('taller')) {
      started = true;
      ws.send(JSON.stringify({ type: 'input', data: 'yes\n' }));
    }
  });
  finish = () => ws.close();
} else if (kind === 'wetty') {
  const require = createRequire(join(WETTY_DIR, 'node_modules/'));
  const { io } = require('socket.io-client');
  const s = io(`http://127.0.0.1:${port}`, { path: '/wetty/socket.io', transports: ['websocket'], reconnection: false });
  s.on('login', () => {
    s.emit('resize', { cols: 80, rows: 24 });
    s.emit('input', 'yes\n');
  });
  s.on('data', (d: string) => {
    count(d.length);
    s.emit('commit', d.length);
  });
  finish = () => s.disconnect();
} else {
  const p = plainPty('/usr/bin/yes', []);
  p.onData((d) => count((d as unknown as Buffer).length));
  finish = () => p.kill();
}
