// The events lesson end to end: Chromium, the real server, the real kernel. A ring buffer's
// records become rows of a live table (one column per field of struct event) and lines in the
// terminal; a program that floods keeps the page and the server responsive, counts what the
// workshop drops, and Detener leaves nothing behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { pageSession, terminalText } from '../helpers/browser.ts';
import { rssKiB, until, leftovers } from '../helpers/system.ts';
import { EDIT_KEY_PREFIX } from '../../lib/protocol.ts';
import { EVENT_ROWS } from '../../src/client/event-table.ts';

const snapshot = () => leftovers();

const app = pageSession({ privateBuildCache: true });

const block = (id: string) => `.runnable[data-run-id="${id}"]`;
const table = (id: string) => `${block(id)} .run-events-map[data-map="events"]`;

test('ring buffer: Ejecutar, the exec workload, rows in the table and lines in the terminal; Detener leaves nothing', async () => {
  const before = snapshot();
  const b = block('eventos-ringbuf');
  await app.page.goto(`${app.server.origin}/eventos/`);
  await app.page.locator(`${b} .run-btn`).click();
  await app.page.waitForSelector(`${b}[data-attached="true"]`, { timeout: 60_000 });
  await app.page.locator(`${b} .workload-btn[data-workload="exec"]`).click();
  // A row of the workload: its command and the program it runs, each in its own column.
  const row = app.page.locator(`${table('eventos-ringbuf')} tbody tr`, { hasText: '"/bin/true"' }).filter({ hasText: '"tallerej"' });
  await row.first().waitFor({ timeout: 20_000 });
  assert.deepEqual(await app.page.locator(`${table('eventos-ringbuf')} thead th`).allInnerTexts(), ['pid', 'comm', 'filename']);
  const cells = await row.first().locator('td').allInnerTexts();
  assert.match(cells[0], /^\d+$/);
  assert.deepEqual(cells.slice(1), ['"tallerej"', '"/bin/true"']);
  assert.match(await app.page.locator(`${table('eventos-ringbuf')} figcaption`).innerText(), /events \(ring buffer, struct event\)/);
  assert.match(
    await app.page.locator(`${table('eventos-ringbuf')} .run-events-counts`).innerText(),
    /^Descartados por el taller: 0 · perdidos por el kernel: 0$/,
  );
  // The table passes WCAG A/AA (headers, contrast, the scrollable region reachable from the keyboard).
  const axe = await new AxeBuilder({ page: app.page }).include(`${b} .run-events`).analyze();
  assert.deepEqual(
    axe.violations.filter((v) => v.tags.some((t) => /^wcag\d+a+$/.test(t))).map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`),
    [],
  );
  const term = `${b} .run-terminal`;
  assert.match(await terminalText(app.page, term), /^events: pid=\d+ comm="tallerej" filename="\/bin\/true"/m);
  await app.page.locator(`${b} .run-btn`).click();
  await app.page.waitForSelector(`${b}[data-run-state="idle"]`);
  assert.match(await terminalText(app.page, term), /Desenganchado y descargado/);
  await until(() => snapshot() === before, 'everything as before');
});

/** An edit of the ring buffer block: a record per system call of every process. */
const FLOOD = `#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct event {
	__u32 pid;
	__u64 id;
};

struct event *unused_event __attribute__((unused));

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

SEC("tracepoint/raw_syscalls/sys_enter")
int flood(struct trace_event_raw_sys_enter *ctx)
{
	struct event e = { .pid = bpf_get_current_pid_tgid() >> 32, .id = ctx->id };

	bpf_ringbuf_output(&events, &e, sizeof(e), 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
`;

test('a program that sends an event per system call: bounded server memory and table, a growing dropped count, Detener ends it', async () => {
  const before = snapshot();
  const b = block('eventos-ringbuf');
  await app.page.evaluate(([k, v]) => localStorage.setItem(k, v), [`${EDIT_KEY_PREFIX}eventos-ringbuf`, FLOOD]);
  try {
    await app.page.goto(`${app.server.origin}/eventos/`);
    await app.page.locator(`${b} .run-btn`).click();
    await app.page.waitForSelector(`${b}[data-attached="true"]`, { timeout: 60_000 });
    const fig = app.page.locator(table('eventos-ringbuf'));
    await fig.waitFor({ timeout: 20_000 });
    const dropped = async () => Number(await fig.getAttribute('data-dropped'));
    const base = rssKiB(app.server.proc.pid!);
    let peak = base;
    // Sample while the dropped count keeps growing (each sample waits for it to grow, not for a timer).
    for (let i = 0; i < 8; i++) {
      const seen = await dropped();
      await until(async () => (await dropped()) > seen, 'more dropped', 10_000);
      peak = Math.max(peak, rssKiB(app.server.proc.pid!));
    }
    assert.ok((await dropped()) > 1000, `dropped: ${await dropped()}`);
    const growthMiB = (peak - base) / 1024;
    assert.ok(growthMiB < 64, `server RSS grew ${growthMiB.toFixed(1)} MiB during the flood`);
    assert.ok((await fig.locator('tbody tr').count()) <= EVENT_ROWS, 'the table keeps only the last rows');
    assert.match(await terminalText(app.page, `${b} .run-terminal`), /El mapa events envía más de \d+ eventos por segundo/);
    // The page still answers: Detener ends the run promptly.
    const stopAt = Date.now();
    await app.page.locator(`${b} .run-btn`).click();
    await app.page.waitForSelector(`${b}[data-run-state="idle"]`, { timeout: 10_000 });
    assert.ok(Date.now() - stopAt < 5_000, `Detener took ${Date.now() - stopAt} ms`);
    // Our sentence, wrapped at the terminal's width; only its end is looked at.
    const end = (await terminalText(app.page, `${b} .run-terminal`)).slice(-600).replace(/\s+/g, ' ');
    assert.match(end, /Mapa events: \d+ eventos descartados por el taller y 0 perdidos por el kernel\./, end);
    await until(() => snapshot() === before, 'everything as before');
  } finally {
    await app.page.evaluate((k) => localStorage.removeItem(k), `${EDIT_KEY_PREFIX}eventos-ringbuf`);
  }
});
