// Another local user on the same machine, as a real second account, plants
// what it can in the shared temporary folder before the (root) server starts:
// the old fixed work and cache folders, a compiled object where a cached one
// would be, a symlink into a root-owned folder, tsx's fixed cache folder. None
// of it may be written through, read as ours or loaded into the kernel. Also:
// the private folder refuses to be someone else's, and two servers on one
// machine never touch each other's files or pins.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccount, type Account } from '../helpers/accounts.ts';
import { TerminalClient } from '../helpers/terminal-client.ts';
import { runningServer, waitForStartUrl, type RunningServer } from '../helpers/server.ts';
import { until } from '../helpers/system.ts';
import { bpfCflags } from '../../server/workspace/c-build.ts';
import { ROOT_BASE, ensurePrivateDir, PrivateDirError } from '../../server/workspace/private-dir.mjs';

let mallory: Account;
const work = mkdtempSync(join(tmpdir(), 'taller-ataque-'));
const victim = mkdtempSync('/etc/taller-victima-');

before(() => {
  mallory = createAccount({ sudo: false });
  chmodSync(work, 0o755);
});
after(() => {
  mallory?.remove();
  for (const p of [work, victim, '/tmp/taller-ebpf-cache', '/tmp/taller-ebpf-trabajo', '/tmp/tsx-0'])
    rmSync(p, { recursive: true, force: true });
  spawnSync('rm', ['-f', '/sys/fs/bpf/trace']);
});

/** The root server, started as `npm start` starts it (the launcher), on a free port. */
async function startViaLauncher(): Promise<{ proc: ChildProcess; server: RunningServer; stop: () => Promise<void> }> {
  const proc = spawn(process.execPath, ['setup/launch.mjs', 'start'], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { url, output } = await waitForStartUrl(proc);
  const stop = async () => {
    if (proc.exitCode !== null) return;
    const exited = once(proc, 'exit');
    proc.kill('SIGINT');
    await exited;
  };
  return { proc, server: runningServer(proc, url, output, stop), stop };
}

async function runToExit(server: RunningServer, id: string): Promise<TerminalClient> {
  const c = new TerminalClient(server);
  await c.opened;
  c.send({ type: 'run', id, cols: 120, rows: 30 });
  await c.waitFor((x) => x.exitMessage() !== undefined, `exit of ${id}`, 30_000);
  return c;
}

/** Runs a shell line as the other user; fails the test if it fails. */
function asMallory(script: string): void {
  const r = mallory.run('/bin/sh', ['-c', script]);
  assert.equal(r.status, 0, r.out);
}

const listing = (dir: string): string[] =>
  existsSync(dir) ? execFileSync('find', [dir, '-printf', '%p %u %s %T@\\n']).toString().split('\n').filter(Boolean).sort() : [];

test(
  'planted folders, objects, symlinks and a tsx cache in /tmp are never used, written through or loaded',
  { timeout: 120_000 },
  async () => {
    // A program of the other user's, compiled where the lesson's object would be cached.
    const planted = join(work, 'planted.bpf.c');
    writeFileSync(
      planted,
      '#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\nSEC("tracepoint/syscalls/sys_enter_execve")\nint planted_prog(void *ctx) { bpf_printk("PLANTED"); return 0; }\nchar LICENSE[] SEC("license") = "GPL";\n',
    );
    execFileSync('clang', [...bpfCflags(), '-c', planted, '-o', join(work, 'planted.bpf.o')]);
    chmodSync(join(work, 'planted.bpf.o'), 0o644);
    const code = readFileSync('bpf/trace.bpf.c', 'utf8');
    const hashes = [code, code.trimEnd(), `${code}\n`].map((c) =>
      createHash('sha256')
        .update(bpfCflags().join(' '))
        .update('\0')
        .update('trace.bpf.c')
        .update('\0')
        .update(c)
        .digest('hex')
        .slice(0, 32),
    );
    for (const p of ['/tmp/taller-ebpf-cache', '/tmp/taller-ebpf-trabajo', '/tmp/tsx-0']) rmSync(p, { recursive: true, force: true });
    asMallory(
      [
        ...hashes.map((h) => `mkdir -p /tmp/taller-ebpf-cache/${h} && cp ${work}/planted.bpf.o /tmp/taller-ebpf-cache/${h}/trace.bpf.o`),
        'chmod -R 777 /tmp/taller-ebpf-cache',
        `ln -s ${victim} /tmp/taller-ebpf-trabajo`,
        'mkdir -m 777 /tmp/tsx-0',
      ].join(' && '),
    );
    const plantedBefore = listing('/tmp/taller-ebpf-cache');

    const { server, stop } = await startViaLauncher();
    try {
      const c = new TerminalClient(server);
      await c.opened;
      c.send({ type: 'run', id: 'trace', cols: 120, rows: 30 });
      await c.waitFor((x) => x.messages.some((m) => m.type === 'attached'), 'attached', 30_000);
      const attached = c.messages.find((m) => m.type === 'attached') as { program: string };
      assert.equal(attached.program, 'trace_execve', 'our program, not the planted one');
      c.send({ type: 'stop' });
      await c.waitFor((x) => x.exitMessage() !== undefined, 'exit');

      const load = await runToExit(server, 'cargar-trace');
      assert.match(load.output, /name trace_execve/, load.output);
      assert.doesNotMatch(load.output, /planted_prog/);
    } finally {
      await stop();
    }
    assert.deepEqual(readdirSync(victim), [], 'nothing written through the symlink');
    assert.deepEqual(readdirSync('/tmp/tsx-0'), [], "tsx's fixed cache folder is neither read nor written");
    assert.deepEqual(listing('/tmp/taller-ebpf-cache'), plantedBefore, 'the planted cache is untouched');
    assert.ok(!existsSync('/sys/fs/bpf/trace'), 'the lesson pin is removed at exit');
  },
);

test("the private folder refuses another user's folder or symlink, with a Spanish reason", () => {
  const shared = mkdtempSync(join(tmpdir(), 'taller-compartida-'));
  try {
    chmodSync(shared, 0o1777);
    asMallory(`mkdir ${shared}/carpeta && ln -s /etc ${shared}/enlace`);
    assert.throws(
      () => ensurePrivateDir(join(shared, 'carpeta'), 0),
      (e: Error) => e instanceof PrivateDirError && /pertenece a otro usuario/.test(e.message),
    );
    assert.throws(
      () => ensurePrivateDir(join(shared, 'enlace'), 0),
      (e: Error) => e instanceof PrivateDirError && /es un enlace simbólico/.test(e.message),
    );
    // Ours and fresh: created 0700.
    const mine = ensurePrivateDir(join(shared, 'nueva'), 0);
    assert.equal(execFileSync('stat', ['-c', '%a %U', mine]).toString().trim(), '700 root');
  } finally {
    rmSync(shared, { recursive: true, force: true });
  }
});

test("two servers on one machine: separate folders; one never removes the other's folder or pins", { timeout: 120_000 }, async () => {
  const a = await startViaLauncher();
  const b = await startViaLauncher();
  try {
    const dirOf = async (s: RunningServer) => {
      const t = new TerminalClient(s);
      await t.opened;
      t.send({ type: 'shell', cols: 200, rows: 30 });
      t.send({ type: 'input', data: 'echo "dir=$PWD"\r' });
      await t.waitFor((x) => /dir=\/\S+\r?\n/.test(x.output), 'pwd');
      t.ws.close();
      return /dir=(\/\S+?)\r?\n/.exec(t.output)![1];
    };
    const [dirA, dirB] = [await dirOf(a.server), await dirOf(b.server)];
    assert.notEqual(dirA, dirB);
    assert.ok(dirA.startsWith(`${ROOT_BASE}/`) && dirB.startsWith(`${ROOT_BASE}/`), `${dirA} ${dirB}`);
    // A's learner pins the lesson's program; B stopping must not remove it.
    const load = await runToExit(a.server, 'cargar-trace');
    assert.match(load.output, /name trace_execve/);
    await b.stop();
    assert.ok(existsSync('/sys/fs/bpf/trace'), "B's exit leaves A's pin");
    assert.ok(existsSync(dirA), "B's exit leaves A's folder");
    assert.ok(!existsSync(dirB), "B's folder is gone");
    await a.stop();
    await until(() => !existsSync('/sys/fs/bpf/trace'), "the last server's exit removes the pin");
    assert.ok(!existsSync(dirA));
  } finally {
    await b.stop();
    await a.stop();
  }
});

test('no server, setup or lib code names a fixed path in the temporary folder', () => {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'server', 'setup', 'lib', 'bench'])
    .toString()
    .split('\n')
    .filter((f) => /\.(ts|mjs)$/.test(f) && existsSync(f));
  const offenders: string[] = [];
  for (const f of files) {
    for (const [i, line] of readFileSync(f, 'utf8').split('\n').entries()) {
      if (/tmpdir\(\)|['"`]\/tmp\//.test(line) && !/mkdtempSync\(|^\s*\/\/|^\s*\*/.test(line))
        offenders.push(`${f}:${i + 1}: ${line.trim()}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('closing the terminal (SIGHUP) cleans up like Ctrl-C: the private folder goes', { timeout: 60_000 }, async () => {
  const { proc, server } = await startViaLauncher();
  const t = new TerminalClient(server);
  await t.opened;
  t.send({ type: 'shell', cols: 200, rows: 30 });
  t.send({ type: 'input', data: 'echo "dir=$PWD"\r' });
  await t.waitFor((x) => /dir=\/\S+\r?\n/.test(x.output), 'pwd');
  const dir = /dir=(\/\S+?)\r?\n/.exec(t.output)![1].replace(/\/trabajo$/, '');
  const exited = once(proc, 'exit');
  proc.kill('SIGHUP');
  const [code] = await exited;
  assert.equal(code, 0, server.output());
  assert.match(server.output(), /SIGHUP recibido: cerrando/);
  assert.ok(!existsSync(dir), `${dir} removed`);
});

test("a cache folder given from outside must be private: another user's folder is refused in Spanish", { timeout: 60_000 }, async () => {
  const shared = mkdtempSync(join(tmpdir(), 'taller-cache-ajena-'));
  try {
    chmodSync(shared, 0o1777);
    asMallory(`mkdir -m 777 ${shared}/cache`);
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', '0'], {
      env: { ...process.env, TALLER_BUILD_CACHE: join(shared, 'cache') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout!.on('data', (d) => (out += d));
    proc.stderr!.on('data', (d) => (out += d));
    const [code] = await once(proc, 'exit');
    assert.notEqual(code, 0);
    assert.match(out, /no es de confianza: pertenece a otro usuario/);
  } finally {
    rmSync(shared, { recursive: true, force: true });
  }
});
