// Attacks on the terminal server with a raw WebSocket client, and what a
// session must survive. Real server, real processes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { TerminalClient } from '../helpers/terminal-client.ts';
import { until, pidsMatching } from '../helpers/system.ts';

let server: RunningServer;

before(async () => {
  server = await startServer({ TALLER_MAX_TERMINALS: '8' });
});
after(async () => {
  await server?.stop();
});

async function refusedWith(opts: ConstructorParameters<typeof TerminalClient>[1]): Promise<number> {
  const c = new TerminalClient(server, opts);
  try {
    await c.opened;
  } catch (e) {
    return (e as { status?: number }).status ?? -1;
  }
  c.ws.close();
  return 101;
}

test('the legitimate client is accepted (control case)', async () => {
  assert.equal(await refusedWith({}), 101);
});

test('upgrades without the token, with a wrong token, or with a bad Origin or Host are refused', async () => {
  const other = `http://127.0.0.1:${server.port === 65535 ? 1 : server.port + 1}`;
  const cases: Array<[string, ConstructorParameters<typeof TerminalClient>[1], number]> = [
    ['no token', { token: null }, 401],
    ['wrong token', { token: 'x'.repeat(43) }, 401],
    ['token of another length', { token: server.token.slice(1) }, 401],
    ['Origin: http://evil.example', { origin: 'http://evil.example' }, 403],
    ['Origin: null', { origin: 'null' }, 403],
    ['no Origin', { origin: null }, 403],
    ['Origin on another port', { origin: other }, 403],
    ['Origin https on our port', { origin: `https://127.0.0.1:${server.port}` }, 403],
    ['Host: evil.example:PORT', { host: `evil.example:${server.port}` }, 403],
    ['Host on another port', { host: `127.0.0.1:${server.port + 1}` }, 403],
    ['another path', { path: '/api/otro' }, 404],
  ];
  for (const [name, opts, status] of cases) {
    assert.equal(await refusedWith(opts), status, name);
  }
});

test('localhost and [::1] hosts with their own origins are accepted', async () => {
  assert.equal(await refusedWith({ host: `localhost:${server.port}`, origin: `http://localhost:${server.port}` }), 101);
  assert.equal(await refusedWith({ host: `[::1]:${server.port}`, origin: `http://[::1]:${server.port}` }), 101);
});

test('API routes need the token and a good Host; the token never appears in what is served', async () => {
  const noToken = await fetch(`${server.origin}/api/session`);
  assert.equal(noToken.status, 401);
  const good = await fetch(`${server.origin}/api/session`, { headers: { cookie: `taller_token=${server.token}` } });
  assert.equal(good.status, 200);
  assert.ok(!(await good.text()).includes(server.token));
  // fetch() cannot forge Host; a raw request can (DNS rebinding).
  const rebinding = await new Promise<number>((resolve, reject) =>
    request({ port: server.port, host: '127.0.0.1', path: '/', headers: { host: `evil.example:${server.port}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end(),
  );
  assert.equal(rebinding, 403);
  const wrong = await fetch(`${server.origin}/?token=nope`, { redirect: 'manual' });
  assert.equal(wrong.status, 401);
  const exchange = await fetch(server.url, { redirect: 'manual' });
  assert.equal(exchange.status, 303);
  assert.equal(exchange.headers.get('location'), '/');
  assert.match(exchange.headers.get('set-cookie') ?? '', /HttpOnly; SameSite=Strict/);
  const page = await (await fetch(`${server.origin}/bpftrace/`, { headers: { cookie: `taller_token=${server.token}` } })).text();
  assert.ok(!page.includes(server.token));
  assert.ok(!server.output().replace(server.url, '').includes(server.token), 'token logged besides the start URL');
});

test('an unknown block id gets a Spanish error; a command string is never run', async () => {
  const c = new TerminalClient(server);
  await c.opened;
  c.send({ type: 'run', id: 'no-existe', cols: 80, rows: 24 });
  c.send({ type: 'run', id: 'touch /tmp/pwned', cols: 80, rows: 24 });
  await c.closed;
  const err = c.messages.find((m) => m.type === 'error');
  assert.ok(err && /No existe ningún bloque ejecutable/.test(err.message), JSON.stringify(c.messages));
});

test('malformed messages, invalid UTF-8, unknown types and bad resizes are ignored; the session lives on', async () => {
  const c = new TerminalClient(server);
  await c.opened;
  c.send({ type: 'shell', cols: 80, rows: 24 });
  await c.waitFor((x) => x.output.includes('taller'), 'prompt');
  c.send('{ not json');
  c.send({ type: 'nope' });
  c.send({ type: 'resize', cols: -1, rows: 1e9 });
  c.send({ type: 'resize', cols: 'x' });
  c.send({ type: 'input', data: 42 });
  c.ws.send(Buffer.from([0xff, 0xfe, 0xc3, 0x28]), { binary: false });
  c.ws.send(Buffer.from([0xff, 0x00]), { binary: true });
  c.send({ type: 'input', data: 'echo vivo-$((6*7))\n' });
  await c.waitFor((x) => x.output.includes('vivo-42'), 'echo after garbage');
  c.ws.close();
  await c.closed;
});

test('a 2 MiB frame is refused and the server stays up; a 1 MiB paste in chunks is delivered', async () => {
  const big = new TerminalClient(server);
  await big.opened;
  big.ws.send(JSON.stringify({ type: 'input', data: 'a'.repeat(2 * 1024 * 1024) }));
  const { code } = await big.closed;
  assert.equal(code, 1009);

  const c = new TerminalClient(server);
  await c.opened;
  c.send({ type: 'shell', cols: 80, rows: 24 });
  await c.waitFor((x) => x.output.includes('taller'), 'prompt');
  // `wc -c` counts what arrives on stdin; the paste is 1 MiB of digits in 16 KiB messages.
  c.send({ type: 'input', data: 'stty -icanon -echo; head -c 1048576 | wc -c\n' });
  await c.waitFor((x) => x.output.includes('wc -c'), 'command echo');
  const chunk = '0123456789abcdef'.repeat(1024);
  for (let i = 0; i < 64; i++) c.send({ type: 'input', data: chunk });
  await c.waitFor((x) => /\b1048576\b/.test(x.output), 'wc to count the whole paste', 30_000);
  c.ws.close();
  await c.closed;
});

test('a command that prints 64 KiB and exits at once reaches the client whole', async () => {
  const c = new TerminalClient(server);
  await c.opened;
  c.send({ type: 'shell', cols: 80, rows: 24 });
  await c.waitFor((x) => x.output.includes('taller'), 'prompt');
  const before = c.outputBytes;
  c.send({ type: 'input', data: 'exec sh -c "head -c 65536 /dev/zero | tr \'\\\\0\' x"\n' });
  await c.waitFor((x) => !!x.exitMessage(), 'exit');
  const xs = (c.output.match(/x/g) ?? []).length;
  assert.ok(c.outputBytes - before >= 65536);
  assert.ok(xs >= 65536, `received ${xs} x`);
});

test('closing the socket mid-run kills the whole session, background and setsid children included', async () => {
  const c = new TerminalClient(server);
  await c.opened;
  c.send({ type: 'shell', cols: 80, rows: 24 });
  await c.waitFor((x) => x.output.includes('taller'), 'prompt');
  c.send({ type: 'input', data: 'sleep 4242 & setsid sleep 4243 & (trap "" HUP; sleep 4244) & echo listo-$((1+1))\n' });
  await c.waitFor((x) => x.output.includes('listo-2'), 'children started');
  await until(() => pidsMatching(/^sleep 424[234]$/).length === 3, 'three sleeps running');
  c.ws.close();
  await until(() => pidsMatching(/^sleep 424[234]$/).length === 0, 'every sleep gone after close');
});

test('3 terminals at once work; past the limit a terminal is refused with a Spanish message', async () => {
  const small = await startServer({ TALLER_MAX_TERMINALS: '3' });
  try {
    const clients = [0, 1, 2].map(() => new TerminalClient(small));
    await Promise.all(clients.map((c) => c.opened));
    clients.forEach((c, i) => c.send({ type: 'shell', cols: 80, rows: 24 }));
    for (const [i, c] of clients.entries()) {
      await c.waitFor((x) => x.output.includes('taller'), 'prompt');
      c.send({ type: 'input', data: `echo t${i}-$((${i}+100))\n` });
      await c.waitFor((x) => x.output.includes(`t${i}-${i + 100}`), `terminal ${i}`);
    }
    const fourth = new TerminalClient(small);
    await fourth.opened;
    const { code } = await fourth.closed;
    assert.equal(code, 1013);
    const err = fourth.messages.find((m) => m.type === 'error');
    assert.match(err?.type === 'error' ? err.message : '', /demasiados terminales abiertos \(máximo 3\)/);
    for (const c of clients) c.ws.close();
    await Promise.all(clients.map((c) => c.closed));
  } finally {
    await small.stop();
  }
});

test('the default limit is 8: the 9th terminal is refused', async () => {
  const clients = Array.from({ length: 8 }, () => new TerminalClient(server));
  await Promise.all(clients.map((c) => c.opened));
  const ninth = new TerminalClient(server);
  await ninth.opened;
  await ninth.closed;
  assert.ok(ninth.messages.some((m) => m.type === 'error' && /máximo 8/.test(m.message)));
  for (const c of clients) c.ws.close();
  await Promise.all(clients.map((c) => c.closed));
  // Once they are closed, a new one is accepted again.
  const again = new TerminalClient(server);
  await again.opened;
  again.send({ type: 'shell', cols: 80, rows: 24 });
  await again.waitFor((x) => x.output.includes('taller'), 'prompt after the others closed');
  again.ws.close();
});

test('the server process is still healthy after all of the above', async () => {
  assert.equal(server.proc.exitCode, null);
  const res = await fetch(`${server.origin}/api/session`, { headers: { cookie: `taller_token=${server.token}` } });
  assert.equal(res.status, 200);
  // No process of ours is left (the marker is in every session's environment).
  const left = execFileSync('sh', ['-c', 'grep -l TALLER_EBPF_SESSION= /proc/[0-9]*/environ 2>/dev/null | wc -l']).toString().trim();
  await until(
    () => Number(execFileSync('sh', ['-c', 'grep -l TALLER_EBPF_SESSION= /proc/[0-9]*/environ 2>/dev/null | wc -l']).toString()) === 0,
    `no session process left (was ${left})`,
  );
});
