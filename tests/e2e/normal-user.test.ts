// A learner who is not root, as a real second account on this machine:
//  - with passwordless sudo, `npm start` builds as them, serves as root, and the
//    first C program and a bpftrace one-liner (written with `sudo`) run end to end;
//    nothing root-owned is left in their checkout or home;
//  - without sudo rights, `npm start` and every block say, in Spanish, that
//    administrator privileges are missing and how to get them; `npm test` refuses;
//  - `npm ci` installs without a C++ toolchain (node-pty comes prebuilt).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import * as pty from '@lydell/node-pty';
import { copyCheckout, createAccount, rootOwned, type Account } from '../helpers/accounts.ts';
import { TerminalClient } from '../helpers/terminal-client.ts';
import { authHeader, runningServer, waitForStartUrl, type RunningServer } from '../helpers/server.ts';
import { tracingProgIds, until } from '../helpers/system.ts';
import { ATTACHED_LINE } from '../../server/runs/bpftrace-output.ts';

const accounts: Account[] = [];
after(() => {
  for (const a of accounts) a.remove();
});

/** `npm start` as the account, until it prints its URL. */
async function npmStart(account: Account, cwd: string): Promise<{ proc: ChildProcess; server: RunningServer; output: () => string }> {
  const proc = account.spawn('npm', ['start'], { cwd, env: { PORT: '0' }, detached: true });
  const { url, output } = await waitForStartUrl(proc);
  return { proc, server: runningServer(proc, url, output, () => ctrlC(proc)), output };
}

/** Ctrl-C in the learner's terminal: SIGINT to the whole foreground process group. */
async function ctrlC(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return;
  const exited = once(proc, 'exit');
  process.kill(-proc.pid!, 'SIGINT');
  await exited;
}

function serverPids(): number[] {
  return spawnSync('pgrep', ['-f', 'setup/launch.mjs start'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number);
}

test(
  'a learner whose sudo needs a password: one Spanish prompt in their terminal, then the site; Ctrl-C stops it all',
  { timeout: 240_000 },
  async () => {
    const password = `clave-${randomBytes(6).toString('hex')}`;
    const learner = createAccount({ sudo: false, password });
    accounts.push(learner);
    const checkout = copyCheckout(learner, ['node_modules', 'dist', 'bpf/.output']);
    // A real terminal: runuser gives the account its groups (sudo), the pty is where sudo asks.
    const term = pty.spawn('/usr/sbin/runuser', ['-u', learner.name, '--', 'env', `HOME=${learner.home}`, 'PORT=0', 'npm', 'start'], {
      cwd: checkout,
      cols: 120,
      rows: 30,
      env: { PATH: `${join(process.execPath, '..')}:/usr/bin:/bin`, LANG: 'C.UTF-8', TERM: 'xterm' },
    });
    let out = '';
    let prompts = 0;
    const exited = new Promise<void>((resolve) => term.onExit(() => resolve()));
    term.onData((d) => {
      out += d;
      const n = out.match(/Contraseña de sudo para/g)?.length ?? 0;
      if (n > prompts) {
        prompts = n;
        term.write(`${password}\r`);
      }
    });
    try {
      await until(() => /\?token=\S+/.test(out), 'the URL after the password', 120_000);
      assert.equal(prompts, 1, out);
      assert.match(out, /sudo te pedirá tu contraseña una sola vez, aquí \(nunca en la página\)/);
      assert.match(out, new RegExp(`\\[taller\\] Contraseña de sudo para ${learner.name}: `));
      const res = await fetch(new URL(/(http:\/\/\S+\?token=\S+)/.exec(out)![1]).origin + '/');
      assert.equal(res.status, 200);
    } finally {
      term.write('\x03'); // Ctrl-C, as the learner would press it
      await exited;
    }
    assert.match(out, /SIGINT recibido: cerrando/);
    assert.equal(out.match(/Contraseña de sudo para/g)?.length, 1, 'still one prompt');
    assert.deepEqual(serverPids(), []);
    assert.deepEqual(rootOwned(learner.home), []);
  },
);

test(
  'a learner with sudo: npm start asks sudo once, runs the first C program and a bpftrace one-liner, leaves nothing root-owned',
  { timeout: 240_000 },
  async () => {
    const learner = createAccount({ sudo: true });
    accounts.push(learner);
    // node_modules comes along (npm ci is the next test's subject); the site and bpf/ are built by the learner here.
    const checkout = copyCheckout(learner, ['node_modules']);
    const progsBefore = tracingProgIds();
    const { proc, server, output } = await npmStart(learner, checkout);
    try {
      assert.match(
        output(),
        /El servidor correrá como root; lo que se construye \(node_modules, dist, bpf\/\.output\) seguirá siendo tuyo/,
      );
      assert.match(output(), /Construyendo el sitio/, 'the site was built (as the learner)');
      assert.doesNotMatch(output(), /password|contraseña:/i, 'passwordless sudo: no prompt');

      // The first C program: compiled, loaded, attached; an exec shows up.
      const c = new TerminalClient(server);
      await c.opened;
      c.send({ type: 'run', id: 'trace', cols: 100, rows: 30 });
      await c.waitFor((x) => x.messages.some((m) => m.type === 'attached'), 'the C program attached', 30_000);
      await until(() => {
        spawnSync('/bin/true');
        return /execve called/.test(c.output);
      }, '"execve called" in the terminal');
      c.send({ type: 'stop' });
      await c.waitFor((x) => x.exitMessage() !== undefined, 'exit of the C run');

      // A bpftrace one-liner written with `sudo`, as the lesson shows it.
      const b = new TerminalClient(server);
      await b.opened;
      b.send({ type: 'run', id: 'abrir-ficheros', cols: 100, rows: 30 });
      await b.waitFor((x) => ATTACHED_LINE.test(x.output), 'bpftrace attached', 30_000);
      const name = `/tmp/taller-usuario-${randomBytes(4).toString('hex')}`;
      await until(() => {
        closeSync(openSync(name, 'w'));
        return b.output.includes(name);
      }, `${name} in the bpftrace output`);
      rmSync(name, { force: true });
      b.send({ type: 'stop' });
      await b.waitFor((x) => x.exitMessage() !== undefined, 'exit of bpftrace');
      assert.doesNotMatch(b.output, /sudo: /, 'sudo as written works');
    } finally {
      await ctrlC(proc);
    }
    assert.deepEqual(rootOwned(learner.home), [], 'nothing root-owned in the checkout or the home');
    // npm test as the learner (one file of it): runs as root through sudo, leaves nothing root-owned either.
    const t = learner.run('npm', ['test', '--', 'tests/unit/content-schema'], {
      cwd: checkout,
      env: { TALLER_KERNEL_LOCK: process.env.TALLER_KERNEL_LOCK ?? '' },
    });
    assert.equal(t.status, 0, t.out);
    assert.match(t.out, /Resumen: 2 pasadas, 0 fallidas/);
    assert.deepEqual(rootOwned(learner.home), [], 'nothing root-owned after npm test');
    assert.ok(existsSync(join(checkout, 'dist', 'index.html')) && existsSync(join(checkout, 'bpf', '.output', 'runner')));
    assert.deepEqual(serverPids(), [], 'the server is gone after Ctrl-C');
    await until(() => tracingProgIds().every((id) => progsBefore.includes(id)), 'no program of the run left loaded');
  },
);

test(
  'a learner without sudo: Spanish explanation at start, on every block and in the free terminal; npm test refuses',
  { timeout: 240_000 },
  async () => {
    const learner = createAccount({ sudo: false });
    accounts.push(learner);
    const checkout = copyCheckout(learner, ['node_modules', 'dist', 'bpf/.output']);
    const { proc, server, output } = await npmStart(learner, checkout);
    try {
      const words = `Necesitas privilegios de administrador: tu cuenta (${learner.name}) no puede usar sudo`;
      assert.ok(output().includes(words), output());
      assert.match(output(), /Puedes leer las lecciones, pero ningún bloque se podrá ejecutar/);

      const res = await fetch(`${server.origin}/api/readiness`, { headers: authHeader(server.token) });
      const { blocks } = (await res.json()) as { blocks: Record<string, { ready: boolean; reasons: string[]; missing: string[] }> };
      const ids = Object.keys(blocks);
      assert.ok(ids.length > 20, `${ids.length} blocks`);
      for (const id of ['trace', 'abrir-ficheros', 'contar-execve']) {
        assert.equal(blocks[id].ready, false, id);
        assert.ok(blocks[id].reasons[0].startsWith(words), `${id}: ${blocks[id].reasons[0]}`);
        assert.ok(blocks[id].missing.includes('privileges'), id);
      }
      for (const [id, r] of Object.entries(blocks)) {
        for (const reason of r.reasons) assert.doesNotMatch(reason, /No disponible en este kernel: Privilegios/i, id);
      }

      // The free terminal: `sudo` answers with the same words, and never asks for a password.
      const shell = new TerminalClient(server);
      await shell.opened;
      shell.send({ type: 'shell', cols: 200, rows: 30 });
      await shell.waitFor((x) => /taller/.test(x.output), 'the prompt');
      shell.send({ type: 'input', data: 'sudo bpftool prog show; echo "fin=$?"\r' });
      await shell.waitFor((x) => /fin=1/.test(x.output), 'sudo refused');
      assert.ok(shell.output.includes(words), shell.output);
      assert.doesNotMatch(shell.output, /password|contraseña/i);
      shell.ws.close();
    } finally {
      await ctrlC(proc);
    }
    const t = learner.run('npm', ['test'], { cwd: checkout });
    assert.notEqual(t.status, 0);
    assert.match(t.out, /Las pruebas cargan programas en tu kernel: necesitas privilegios de administrador\. Tu cuenta/);
    assert.deepEqual(rootOwned(learner.home), []);
  },
);

test('npm ci installs without a C++ toolchain or Node headers (node-pty from prebuilds)', { timeout: 240_000 }, async () => {
  const learner = createAccount({ sudo: false });
  accounts.push(learner);
  const checkout = copyCheckout(learner);
  // A PATH with node, npm and a shell (install scripts run through sh) and nothing else:
  // no g++, cc, make or python3 can be found.
  const bin = join(learner.home, 'solo-node');
  mkdirSync(bin);
  for (const tool of ['node', 'npm']) symlinkSync(join(process.execPath, '..', tool), join(bin, tool));
  symlinkSync('/bin/sh', join(bin, 'sh'));
  spawnSync('chown', ['-R', `${learner.uid}:${learner.gid}`, bin]);
  assert.notEqual(
    learner.run('/bin/sh', ['-c', 'command -v g++ || command -v c++ || command -v cc || command -v make || command -v python3'], {
      env: { PATH: bin },
    }).status,
    0,
  );
  const r = learner.run(join(bin, 'npm'), ['ci', '--no-audit', '--no-fund'], { cwd: checkout, env: { PATH: bin } });
  assert.equal(r.status, 0, r.out);
  assert.doesNotMatch(r.out, /gyp|EBADENGINE/, r.out);
  const pty = learner.run(
    join(bin, 'node'),
    ['-e', 'require("@lydell/node-pty").spawn("/bin/echo",["pty-ok"],{}).onData(d=>process.stdout.write(d))'],
    { cwd: checkout, env: { PATH: bin } },
  );
  assert.match(pty.out, /pty-ok/);
  assert.deepEqual(readdirSync(join(checkout, 'node_modules', '@lydell')).sort(), ['node-pty', `node-pty-linux-${process.arch}`]);
});

test("sudo never runs another account's checkout as root", { timeout: 120_000 }, async () => {
  const owner = createAccount({ sudo: false });
  const learner = createAccount({ sudo: true });
  accounts.push(owner, learner);
  const checkout = copyCheckout(owner);
  const r = learner.run('npm', ['start'], { cwd: checkout });
  assert.notEqual(r.status, 0, r.out);
  assert.ok(r.out.includes(`pertenece a otra cuenta (${owner.name}): como root ejecutaría su código`), r.out);
  assert.doesNotMatch(r.out, /Instalando dependencias|token=/);
});
