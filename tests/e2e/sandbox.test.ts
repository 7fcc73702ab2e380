// The sandbox of networking and enforcement runs, through the real server and the real kernel
// (blocks in tests/fixtures/content-sandbox): each run gets its own pair of namespaces joined by a
// veth pair and its own cgroup; the runner attaches XDP, tc, socket and cgroup programs there; the
// workloads' traffic shows what the programs do; Detener, a closed tab, the server's exit and a
// crash (at the next start) remove all of it; the host's interfaces, routes, firewall and cgroups
// never change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authHeader, startServer, type RunningServer } from '../helpers/server.ts';
import { TerminalClient } from '../helpers/terminal-client.ts';
import { leftovers, pidsMatching, until } from '../helpers/system.ts';
import { hostCgroups, hostNetwork, sandboxesOf } from '../helpers/host-network.ts';
import { READINESS_PATH, type ReadinessBody, type ServerMessage, type WorkloadKind } from '../../lib/protocol.ts';
import { loadRunTable } from '../../server/runs/table.ts';
import { needsSandbox } from '../../server/runs/sandbox-needs.ts';
import { ATTACHED_LINE } from '../../server/runs/bpftrace-output.ts';

const CONTENT = 'tests/fixtures/content-sandbox';
const cache = mkdtempSync(join(tmpdir(), 'taller-cache-sandbox-'));
let server: RunningServer;

before(async () => {
  server = await startServer({ TALLER_CONTENT_DIR: CONTENT, TALLER_BUILD_CACHE: cache });
});
after(async () => {
  await server?.stop();
  rmSync(cache, { recursive: true, force: true });
});

const host = () => JSON.stringify({ net: hostNetwork(), cgroups: hostCgroups() });
const none = { namespaces: [], cgroups: [] };
const notices = (c: TerminalClient) => c.messages.filter((m): m is Extract<ServerMessage, { type: 'notice' }> => m.type === 'notice');
const ended = (c: TerminalClient) => c.messages.some((m) => m.type === 'exit' || m.type === 'error');

/** Runs a block until attached (or its shell output), with each workload waited for by its notice. */
async function runBlock(id: string, workloads: WorkloadKind[], s = server): Promise<TerminalClient> {
  const c = new TerminalClient(s);
  await c.opened;
  c.send({ type: 'run', id, cols: 120, rows: 30 });
  await c.waitFor(
    (x) => x.messages.some((m) => m.type === 'attached') || ATTACHED_LINE.test(x.output) || ended(x),
    `${id} attached`,
    60_000,
  );
  for (const kind of workloads) {
    if (ended(c)) break; // a block the verifier rejects, or a shell block, has ended by itself
    const n = notices(c).length;
    c.send({ type: 'workload', kind });
    await c.waitFor((x) => notices(x).length > n, `${kind} done`);
  }
  return c;
}

async function stop(c: TerminalClient): Promise<void> {
  c.send({ type: 'stop' });
  await c.waitFor(ended, 'exit', 20_000);
}

test('XDP on the sandbox veth: the ping workload is counted, and the traffic really crosses the pair', async () => {
  const before = host();
  const c = await runBlock('xdp-icmp', ['ping']);
  const pid = server.proc.pid!;
  const sb = sandboxesOf(pid);
  assert.equal(sb.namespaces.length, 2, `two namespaces: ${sb.namespaces}`);
  assert.equal(sb.cgroups.length, 1);
  assert.match(c.output, /Enganchado «cuenta_icmp» \(xdp\) a xdp srv0/);
  assert.match(notices(c)[0].message, /Red de pruebas de esta ejecución: taller-\d+-\d+-cli \(192\.0\.2\.1\)/);
  assert.match(notices(c).at(-1)!.message, /✔ ping a 192\.0\.2\.2: 3\/3 respuestas/);
  await stop(c);
  // Three echo requests reached srv0's XDP hook (and the map says so at exit).
  assert.match(c.output, /mapa icmp \(array\): 1 entrada[\s\S]*0 → [3-9]/);
  await until(() => JSON.stringify(sandboxesOf(pid)) === JSON.stringify(none), 'sandbox removed after Detener');
  assert.equal(host(), before, 'the host network and cgroups are as before');
});

test('socket filter, tc ingress and egress, cgroup connect4: attached in the sandbox; 8080 refused with EPERM, 9090 and UDP pass', async () => {
  const before = host();
  const progsBefore = leftovers();
  const c = await runBlock('todo-junto', ['tcp', 'udp']);
  for (const [prog, where] of [
    ['deja_todo', 'socket srv0'],
    ['entrada', 'tc ingress srv0'],
    ['salida_egress', 'tc egress srv0'],
    ['sin_8080', 'cgroup'],
  ])
    assert.match(c.output, new RegExp(`Enganchado «${prog}» \\([^)]+\\) a ${where}\\.`));
  const traffic = notices(c)
    .map((n) => n.message)
    .join('\n');
  assert.match(traffic, /✘ TCP a 192\.0\.2\.2:8080: no conectó \(EPERM: operación no permitida\)/);
  assert.match(traffic, /✔ TCP a 192\.0\.2\.2:9090: conectado, respondió «hola»/);
  assert.match(traffic, /✔ UDP a 192\.0\.2\.2:5000: llegaron 10\/10 datagramas/);
  await stop(c);
  assert.match(c.output, /Filtro «deja_todo»: paquetes entregados al socket hasta ahora: [1-9]/);
  await until(() => JSON.stringify(sandboxesOf(server.proc.pid!)) === JSON.stringify(none), 'sandbox removed');
  await until(() => leftovers() === progsBefore, 'no program left');
  assert.equal(host(), before);
});

test('a shell block runs inside the server-side namespace and names both ends', async () => {
  const c = new TerminalClient(server);
  await c.opened;
  c.send({ type: 'run', id: 'dentro', cols: 120, rows: 30 });
  await c.waitFor(ended, 'exit');
  assert.match(c.output, /^srv0@\S+\s+\S+\s+192\.0\.2\.2\/24/m);
  assert.doesNotMatch(c.output, /^cli0/m);
  assert.match(c.output, /cliente: taller-\d+-\d+-cli/);
  await until(() => JSON.stringify(sandboxesOf(server.proc.pid!)) === JSON.stringify(none), 'sandbox removed');
});

test('the network workloads of a block without a sandbox do nothing and say so', async () => {
  // The fixture's shell block ends by itself; the free shell has no sandbox.
  const c = new TerminalClient(server);
  await c.opened;
  c.send({ type: 'shell', cols: 100, rows: 30 });
  await c.waitFor((x) => x.output.includes('taller'), 'prompt');
  c.send({ type: 'workload', kind: 'ping' });
  await c.waitFor((x) => notices(x).length > 0, 'notice');
  assert.match(notices(c)[0].message, /no tiene red de pruebas/);
  c.ws.close();
});

test('a closed tab during a run removes the sandbox, its listeners and the runner', async () => {
  const before = host();
  const c = await runBlock('todo-junto', ['tcp']);
  const pid = server.proc.pid!;
  assert.equal(sandboxesOf(pid).namespaces.length, 2);
  assert.ok(pidsMatching(/net-peer\.mjs serve/).length > 0, 'the listeners run');
  c.ws.close();
  await until(() => JSON.stringify(sandboxesOf(pid)) === JSON.stringify(none), 'sandbox removed after the tab closed');
  await until(() => pidsMatching(/net-peer\.mjs|^\S*\/runner --json/).length === 0, 'no listener, no runner');
  assert.equal(host(), before);
});

test('the server’s exit removes a running sandbox; after a crash, the next start removes what it left', async () => {
  const before = host();
  // Exit (SIGTERM) during a run.
  const s1 = await startServer({ TALLER_CONTENT_DIR: CONTENT, TALLER_BUILD_CACHE: cache });
  await runBlock('xdp-icmp', [], s1);
  const pid1 = s1.proc.pid!;
  assert.equal(sandboxesOf(pid1).namespaces.length, 2);
  await s1.stop();
  await until(() => sandboxesOf(pid1).namespaces.length === 0, 'namespaces removed at exit');
  // A crash (SIGKILL) during a run leaves its namespaces and cgroup; the next server removes them.
  const s2 = await startServer({ TALLER_CONTENT_DIR: CONTENT, TALLER_BUILD_CACHE: cache });
  await runBlock('todo-junto', ['tcp'], s2);
  const pid2 = s2.proc.pid!;
  s2.proc.kill('SIGKILL');
  await new Promise((r) => s2.proc.once('exit', r));
  assert.equal(sandboxesOf(pid2).namespaces.length, 2, 'a crash leaves the namespaces');
  const s3 = await startServer({ TALLER_CONTENT_DIR: CONTENT, TALLER_BUILD_CACHE: cache });
  try {
    assert.deepEqual(sandboxesOf(pid2).namespaces, [], 'the next start removed them');
    await until(() => sandboxesOf(pid2).cgroups.length === 0, 'and its cgroup');
    await until(() => pidsMatching(/net-peer\.mjs|^\S*\/runner --json/).length === 0, 'and what ran in it');
  } finally {
    await s3.stop();
  }
  assert.equal(host(), before);
});

test('every lesson block that gets a sandbox: run with its workloads and stopped, the host network and cgroups unchanged', async () => {
  const sandboxed = [...loadRunTable('content').values()].filter(needsSandbox);
  assert.ok(sandboxed.length > 0, 'the networking and security lessons have sandboxed blocks');
  const s = await startServer({ TALLER_BUILD_CACHE: cache });
  try {
    const res = await fetch(`${s.origin}${READINESS_PATH}`, { headers: { ...authHeader(s.token), origin: s.origin } });
    const { blocks } = (await res.json()) as ReadinessBody;
    const before = host();
    for (const block of sandboxed) {
      const ready = blocks[block.id];
      const c = await runBlock(block.id, ready.ready ? ready.workloads : [], s);
      if (!ended(c)) await stop(c);
      await until(() => JSON.stringify(sandboxesOf(s.proc.pid!)) === JSON.stringify(none), `${block.id}: sandbox removed`);
      assert.equal(host(), before, `${block.id}: the host network and cgroups are as before`);
    }
  } finally {
    await s.stop();
  }
});
