// The loader lesson, end to end: the learner's own user-space program (built
// with its skeleton) runs in the page, prints the exec workload's events and
// ends on Detener; a loader that crashes, ignores Detener, does not compile,
// forgets its skeleton or pins something ends with a Spanish sentence and leaves
// nothing in the kernel.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pageSession, terminalText, waitForTerminal } from '../helpers/browser.ts';
import { TerminalClient } from '../helpers/terminal-client.ts';
import { bpfLinks, pidsMatching, until, leftovers } from '../helpers/system.ts';
import { WORKLOAD_NAME } from '../../server/processes/workloads.ts';

const LOADER = readFileSync('bpf/execsnoop.c', 'utf8');
const ID = 'cargador-execsnoop';

const snapshot = () => leftovers(/execsnoop/);

const cacheDir = mkdtempSync(join(tmpdir(), 'taller-cache-test-'));
// A short run timeout, so that a loader nobody stops is seen to be ended by it.
const RUN_TIMEOUT_MS = 15_000;
const app = pageSession({ env: { TALLER_BUILD_CACHE: cacheDir, TALLER_RUN_TIMEOUT_MS: String(RUN_TIMEOUT_MS) } });
after(() => rmSync(cacheDir, { recursive: true, force: true }));

const block = `.runnable[data-run-id="${ID}"]`;

test('cargador: Ejecutar builds the skeleton and the loader, the exec button makes lines, Detener ends it and frees everything', async () => {
  const before = snapshot();
  await app.page.goto(`${app.server.origin}/cargador/`);
  await app.page.locator(`${block} .run-btn`).click();
  await app.page.waitForSelector(`${block}[data-attached="true"]`, { timeout: 60_000 });
  const term = `${block} .run-terminal`;
  assert.match(await terminalText(app.page, term), /bpftool gen skeleton execsnoop\.bpf\.o name execsnoop_bpf > execsnoop\.skel\.h/);
  assert.ok(pidsMatching(/execsnoop/).length > 0, 'the loader runs while the block runs');
  await app.page.locator(`${block} .workload-btn[data-workload="exec"]`).click();
  await waitForTerminal(app.page, term, new RegExp(`^\\d+ +\\S+ +\\S*${WORKLOAD_NAME}`, 'm'), 20_000);
  await app.page.locator(`${block} .run-btn`).click();
  await app.page.waitForSelector(`${block}[data-run-state="idle"]`);
  assert.match(await terminalText(app.page, term), /Fin\. Eventos perdidos: \d+/);
  await until(() => snapshot() === before, 'no loader, program or link left');
});

/** Runs the loader block with `source` over a raw WebSocket; `stop` sends Detener once it is attached. */
async function runEdited(source: string, opts: { stop?: boolean } = {}): Promise<TerminalClient> {
  const c = new TerminalClient(app.server);
  await c.opened;
  c.send({ type: 'run', id: ID, cols: 120, rows: 40, source });
  if (opts.stop) {
    await c.waitFor((x) => x.messages.some((m) => m.type === 'attached'), 'attached', 60_000);
    c.send({ type: 'stop' });
  }
  await c.waitFor((x) => x.messages.some((m) => m.type === 'exit' || m.type === 'error'), 'exit', 60_000);
  await c.closed;
  return c;
}

const message = (c: TerminalClient) =>
  c.messages
    .filter((m) => m.type === 'exit' || m.type === 'error' || m.type === 'notice')
    .map((m) => ('message' in m ? m.message : ''))
    .join('\n');

test('a loader that writes rodata after load dies with SIGSEGV: Spanish sentence, nothing left loaded', async () => {
  const before = snapshot();
  const crash = LOADER.replace('\t/* 4. Attach', '\tskel->rodata->min_pid = 1; /* too late: read-only after load */\n\n\t/* 4. Attach');
  assert.notEqual(crash, LOADER);
  const c = await runEdited(crash);
  assert.match(message(c), /fallo de segmentación \(SIGSEGV\)/);
  await until(() => snapshot() === before, 'nothing left after the crash');
});

test('a loader that ignores SIGINT and SIGTERM is killed by Detener; its program goes with it', async () => {
  const before = snapshot();
  const stubborn = LOADER.replace(
    '\tsignal(SIGINT, on_signal);\n\tsignal(SIGTERM, on_signal);',
    '\tsignal(SIGINT, SIG_IGN);\n\tsignal(SIGTERM, SIG_IGN);',
  );
  assert.notEqual(stubborn, LOADER);
  const started = Date.now();
  const c = await runEdited(stubborn, { stop: true });
  assert.match(message(c), /SIGKILL|matado/);
  assert.ok(Date.now() - started < 30_000);
  await until(() => snapshot() === before, 'nothing left after SIGKILL');
});

test('a loader that ignores its signals and that nobody stops is ended by the run timeout, and nothing stays loaded', async () => {
  const before = snapshot();
  const stubborn = LOADER.replace(
    '\tsignal(SIGINT, on_signal);\n\tsignal(SIGTERM, on_signal);',
    '\tsignal(SIGINT, SIG_IGN);\n\tsignal(SIGTERM, SIG_IGN);',
  );
  const c = new TerminalClient(app.server);
  await c.opened;
  c.send({ type: 'run', id: ID, cols: 120, rows: 40, source: stubborn });
  await c.waitFor((x) => x.messages.some((m) => m.type === 'attached'), 'attached', 60_000);
  assert.ok(bpfLinks().length > 0);
  await c.waitFor((x) => !!x.exitMessage(), 'exit by the run timeout', RUN_TIMEOUT_MS + 20_000);
  assert.match(message(c), /SIGKILL|matado/);
  await until(() => snapshot() === before, 'nothing left after the timeout');
});

test('a loader that does not compile: the compiler error with a Spanish summary, the stage named, exit 1', async () => {
  const c = await runEdited(LOADER.replace('err = execsnoop_bpf__load(skel);', 'err = execsnoop_bpf__load(skel)'));
  const text = c.output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
  assert.match(text, /Error de compilación en execsnoop\.c, línea \d+/);
  assert.match(text, /execsnoop\.c:\d+:\d+: error/);
  assert.match(text, /No se pudo compilar el cargador execsnoop\.c/);
  assert.doesNotMatch(text, new RegExp(cacheDir));
  assert.equal(c.exitMessage()?.code, 1);
});

test('a loader without its skeleton include is refused before compiling', async () => {
  const c = await runEdited(LOADER.replace('#include "execsnoop.skel.h"', ''));
  assert.match(message(c), /#include "execsnoop\.skel\.h"/);
});

test('a loader that pins its map: the pin is removed when it ends, and the learner is told', async () => {
  const pin = `/sys/fs/bpf/taller_prueba_${process.pid}`;
  const pinning = LOADER.replace('\t/* 4. Attach', `\tbpf_map__pin(skel->maps.events, "${pin}");\n\n\t/* 4. Attach`);
  const c = await runEdited(pinning, { stop: true });
  assert.match(message(c), new RegExp(`fijó en /sys/fs/bpf: ${pin}`));
  assert.equal(existsSync(pin), false);
});
