// CO-RE end to end: the real server generates this kernel's vmlinux.h (once), a lesson block that includes it
// compiles, loads and prints through the page, edited code that includes it runs, and the live diagnostics
// find it. Skipped where the kernel has no BTF.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pageSession, terminalText, waitForTerminal } from '../helpers/browser.ts';
import { authHeader } from '../helpers/server.ts';
import { TerminalClient } from '../helpers/terminal-client.ts';
import { BTF_PATH, HEADER_NAME } from '../../server/processes/vmlinux-header.ts';

const skip = existsSync(BTF_PATH) ? false : 'no BTF on this kernel';
const cacheDir = mkdtempSync(join(tmpdir(), 'taller-core-test-'));
const app = pageSession({ env: { TALLER_BUILD_CACHE: cacheDir } });
after(() => rmSync(cacheDir, { recursive: true, force: true }));

const block = (id: string) => `.runnable[data-run-id="${id}"]`;

/** The generated header and its precompiled form in the server's cache, with their modification times. */
function headerFiles(): Record<string, number> {
  const dirs = readdirSync(cacheDir).filter((d) => d.startsWith('vmlinux-'));
  assert.equal(dirs.length, 1, `one vmlinux folder per kernel: ${dirs}`);
  const dir = join(cacheDir, dirs[0]);
  return Object.fromEntries(readdirSync(dir).map((f) => [f, statSync(join(dir, f)).mtimeMs]));
}

const CORE_EDIT = `// SPDX-License-Identifier: GPL-2.0
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

SEC("tracepoint/syscalls/sys_enter_execve")
int edited_core(void *ctx)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();

	bpf_printk("editado: padre %d", BPF_CORE_READ(task, real_parent, tgid));
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
`;

test('the CO-RE lesson block compiles with vmlinux.h, loads, prints the parent PID and unloads', { skip, timeout: 90_000 }, async () => {
  await app.page.goto(`${app.server.origin}/co-re/`);
  const term = `${block('core-padre')} .run-terminal`;
  await app.page.locator(`${block('core-padre')} .run-btn`).click();
  await app.page.waitForSelector(`${block('core-padre')}[data-attached="true"]`, { timeout: 60_000 });
  const files = headerFiles();
  assert.ok(HEADER_NAME in files, `generated: ${Object.keys(files)}`);
  assert.ok(
    Object.keys(files).some((f) => f.endsWith('.pch')),
    `precompiled: ${Object.keys(files)}`,
  );
  execFileSync('/bin/true');
  const text = await waitForTerminal(app.page, term, /execve, padre \d+/);
  assert.doesNotMatch(text, /file not found/);
  await app.page.locator(`${block('core-padre')} .run-btn`).click();
  await app.page.waitForSelector(`${block('core-padre')}[data-run-state="idle"]`);
  assert.match(await terminalText(app.page, term), /Desenganchado y descargado/);
});

test('edited code with #include "vmlinux.h" runs, and the header is not generated again', { skip, timeout: 60_000 }, async () => {
  const before = headerFiles();
  const c = new TerminalClient(app.server);
  await c.opened;
  c.send({ type: 'run', id: 'trace', cols: 100, rows: 30, source: CORE_EDIT });
  await c.waitFor((x) => x.messages.some((m) => m.type === 'attached'), 'attach', 40_000);
  execFileSync('/bin/true');
  await c.waitFor((x) => /editado: padre \d+/.test(x.output), 'the edited program prints');
  assert.doesNotMatch(c.output, /file not found/);
  c.send({ type: 'stop' });
  await c.waitFor((x) => !!x.exitMessage(), 'exit');
  assert.deepEqual(headerFiles(), before, 'vmlinux.h and its PCH are reused, not written again');
});

test('the tp_btf block reads typed arguments directly', { skip, timeout: 60_000 }, async () => {
  const c = new TerminalClient(app.server);
  await c.opened;
  c.send({ type: 'run', id: 'core-exec-btf', cols: 100, rows: 30 });
  await c.waitFor((x) => x.messages.some((m) => m.type === 'attached'), 'attach', 40_000);
  execFileSync('/bin/true');
  await c.waitFor((x) => /exec \/bin\/true: pid \d+, padre \d+/.test(x.output), 'the tp_btf program prints');
  c.send({ type: 'stop' });
  await c.waitFor((x) => !!x.exitMessage(), 'exit');
});

test('the live diagnostics find vmlinux.h (no «file not found»), and still report real errors', { skip }, async () => {
  const post = async (source: string) => {
    const r = await fetch(`${app.server.origin}/api/diagnostics`, {
      method: 'POST',
      headers: { ...authHeader(app.server.token), origin: app.server.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'c', source, fileName: 'core.bpf.c' }),
    });
    assert.equal(r.status, 200);
    return ((await r.json()) as { diagnostics: Array<{ line: number; message: string }> }).diagnostics;
  };
  assert.deepEqual(await post(CORE_EDIT), []);
  const broken = await post(CORE_EDIT.replace('real_parent, tgid', 'real_parent, no_such_field'));
  assert.ok(
    broken.some((d) => /no_such_field/.test(d.message)),
    JSON.stringify(broken),
  );
});

test('no console errors', () => {
  assert.deepEqual(app.errors, []);
});
