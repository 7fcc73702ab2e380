// Attacks on the terminal server with a raw WebSocket client, and what a
// session must survive. Real server, real processes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { authHeader, startServer, terminalProtocols, type RunningServer } from '../helpers/server.ts';
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

test('upgrades without the token, with a wrong token, with the token anywhere but its subprotocol, or with a bad Origin or Host are refused', async () => {
  const other = `http://127.0.0.1:${server.port === 65535 ? 1 : server.port + 1}`;
  const t = server.token;
  const cases: Array<[string, ConstructorParameters<typeof TerminalClient>[1], number]> = [
    ['no token', { token: null }, 401],
    ['wrong token', { token: 'x'.repeat(43) }, 401],
    ['token of another length', { token: t.slice(1) }, 401],
    ['token in the old cookie only', { token: null, headers: { cookie: `taller_token=${t}` } }, 401],
    ['old cookie beside only taller.v1', { protocols: ['taller.v1'], headers: { cookie: `taller_token=${t}` } }, 401],
    ['token in an Authorization header only', { protocols: ['taller.v1'], headers: authHeader(t) }, 401],
    ['token as a bare subprotocol', { protocols: ['taller.v1', t] }, 401],
    ['token under another prefix', { protocols: ['taller.v1', `clave.${t}`] }, 401],
    ['token subprotocol without taller.v1', { protocols: [`token.${t}`] }, 401],
    ['token subprotocol beside another protocol', { protocols: ['taller.v2', `token.${t}`] }, 401],
    ['the token offered twice, once wrong', { protocols: ['taller.v1', `token.${t}`, `token.${'x'.repeat(43)}`] }, 401],
    ['token in the query string', { token: null, path: `/api/terminal?token=${t}` }, 401],
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

/** The raw bytes a WebSocket handshake gets back (status line, headers, and a refusal's body). */
function rawHandshake(protocols: string[], headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect(server.port, '127.0.0.1');
    let got = '';
    const lines = [
      'GET /api/terminal HTTP/1.1',
      `Host: 127.0.0.1:${server.port}`,
      `Origin: ${server.origin}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      ...(protocols.length ? [`Sec-WebSocket-Protocol: ${protocols.join(', ')}`] : []),
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    sock.on('data', (d) => {
      got += d.toString('latin1');
      // An accepted handshake ends at the blank line; the socket stays open for frames.
      if (got.startsWith('HTTP/1.1 101') && got.includes('\r\n\r\n')) sock.destroy();
    });
    sock.on('close', () => resolve(got));
    sock.on('error', reject);
    sock.setTimeout(10_000, () => sock.destroy(new Error(`no handshake answer; got ${JSON.stringify(got)}`)));
    sock.write(`${lines.join('\r\n')}\r\n\r\n`);
  });
}

test('the WebSocket handshake answers only taller.v1 and never carries the token back', async () => {
  const accepted = await rawHandshake(terminalProtocols(server.token));
  assert.match(accepted, /^HTTP\/1\.1 101 /);
  assert.match(accepted, /^Sec-WebSocket-Protocol: taller\.v1\r$/im);
  assert.equal(accepted.match(/^Sec-WebSocket-Protocol:/gim)?.length, 1, accepted);
  assert.ok(!accepted.includes(server.token), `the token came back:\n${accepted}`);
  assert.doesNotMatch(accepted, /^Set-Cookie:/im);
  // The token offered first: still only the fixed protocol comes back.
  const reversed = await rawHandshake([...terminalProtocols(server.token)].reverse());
  assert.match(reversed, /^Sec-WebSocket-Protocol: taller\.v1\r$/im);
  assert.ok(!reversed.includes(server.token));
  // Refusals say nothing about the token either, right or wrong.
  for (const refused of [
    await rawHandshake([`token.${server.token}`]),
    await rawHandshake(['taller.v1', server.token]),
    await rawHandshake(['taller.v1'], { Cookie: `taller_token=${server.token}` }),
  ]) {
    assert.match(refused, /^HTTP\/1\.1 401 /);
    assert.ok(!refused.includes(server.token), refused);
  }
  // And the ws client sees the same: the socket's protocol is the fixed one.
  const c = new TerminalClient(server);
  await c.opened;
  assert.equal(c.ws.protocol, 'taller.v1');
  c.ws.close();
});

test('localhost and [::1] hosts with their own origins are accepted', async () => {
  assert.equal(await refusedWith({ host: `localhost:${server.port}`, origin: `http://localhost:${server.port}` }), 101);
  assert.equal(await refusedWith({ host: `[::1]:${server.port}`, origin: `http://[::1]:${server.port}` }), 101);
});

test('API routes need the token as a Bearer header (never a cookie) and a good Host; the token never appears in what is served', async () => {
  const session = `${server.origin}/api/session`;
  const noToken = await fetch(session);
  assert.equal(noToken.status, 401);
  const good = await fetch(session, { headers: authHeader(server.token) });
  assert.equal(good.status, 200);
  assert.ok(!(await good.text()).includes(server.token));
  const refused: Array<[string, Record<string, string>]> = [
    ['the old cookie only', { cookie: `taller_token=${server.token}` }],
    ['a wrong Bearer token', authHeader('x'.repeat(43))],
    ['the token without the Bearer scheme', { authorization: server.token }],
    ['the token under another scheme', { authorization: `Basic ${server.token}` }],
    ['the token in another header', { 'x-taller-token': server.token }],
  ];
  for (const [name, headers] of refused) {
    const res = await fetch(session, { headers });
    assert.equal(res.status, 401, name);
    assert.match((await res.json()).error, /Falta el token de esta sesión/, name);
  }
  assert.equal((await fetch(`${session}?token=${server.token}`)).status, 401, 'the token in an API URL');
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
  assert.match(await wrong.text(), /Token no válido/);
  // The start URL serves the page itself (the page keeps the token); no cookie, no redirect, no cache.
  const start = await fetch(server.url, { redirect: 'manual' });
  assert.equal(start.status, 200);
  assert.equal(start.headers.get('set-cookie'), null);
  assert.equal(start.headers.get('cache-control'), 'no-store');
  assert.equal(start.headers.get('referrer-policy'), 'no-referrer');
  assert.ok(!(await start.text()).includes(server.token));
  // Lessons are readable without the token, and nothing the server answers sets a cookie.
  for (const [path, init] of [
    ['/bpftrace/', {}],
    ['/', {}],
    ['/api/session', { headers: authHeader(server.token) }],
    ['/api/readiness', { headers: authHeader(server.token) }],
    ['/api/session', {}],
    ['/no-existe/', {}],
  ] as Array<[string, RequestInit]>) {
    const res = await fetch(server.origin + path, init);
    assert.equal(res.headers.get('set-cookie'), null, path);
    assert.ok(!(await res.text()).includes(server.token), path);
  }
  assert.equal((await fetch(`${server.origin}/bpftrace/`)).status, 200);
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
    // The limit applies when a socket starts a process (an open socket that starts nothing holds no slot).
    const fourth = new TerminalClient(small);
    await fourth.opened;
    fourth.send({ type: 'shell', cols: 80, rows: 24 });
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
  for (const c of clients) c.send({ type: 'shell', cols: 80, rows: 24 });
  await Promise.all(clients.map((c) => c.waitFor((x) => x.messages.some((m) => m.type === 'started'), 'started')));
  const ninth = new TerminalClient(server);
  await ninth.opened;
  ninth.send({ type: 'shell', cols: 80, rows: 24 });
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
  const res = await fetch(`${server.origin}/api/session`, { headers: authHeader(server.token) });
  assert.equal(res.status, 200);
  // No process of ours is left (the marker is in every session's environment).
  const left = execFileSync('sh', ['-c', 'grep -l TALLER_EBPF_SESSION= /proc/[0-9]*/environ 2>/dev/null | wc -l']).toString().trim();
  await until(
    () => Number(execFileSync('sh', ['-c', 'grep -l TALLER_EBPF_SESSION= /proc/[0-9]*/environ 2>/dev/null | wc -l']).toString()) === 0,
    `no session process left (was ${left})`,
  );
});
