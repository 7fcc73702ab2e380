// Snippet forms per bpftrace version, in the real page with the real server: the page shows the form
// the installed bpftrace understands (its version from GET /api/readiness), hides the others behind a
// button, a form for a newer bpftrace says why it cannot run, and the shown form runs on this kernel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { pageSession, waitForTerminal } from '../helpers/browser.ts';
import { authHeader } from '../helpers/server.ts';
import { ATTACHED_LINE } from '../../server/runs/bpftrace-output.ts';
import { READINESS_PATH, versionAtLeast, type ReadinessBody } from '../../lib/protocol.ts';
import { bpftraceVersion } from '../../server/requirements/checks/tools.ts';

const app = pageSession();
const installed = bpftraceVersion(execFileSync('bpftrace', ['--version'], { encoding: 'utf8' }))!;
const dotSyntax = versionAtLeast(installed, '0.19');
const form = (id: string) => `.variant:has(.runnable[data-run-id="${id}"])`;
const block = (id: string) => `.runnable[data-run-id="${id}"]`;

test('readiness says the installed bpftrace, and the args. form is «no disponible» only before 0.19', async () => {
  const res = await fetch(`${app.server.origin}${READINESS_PATH}`, {
    headers: { ...authHeader(app.server.token), origin: app.server.origin },
  });
  const body = (await res.json()) as ReadinessBody;
  assert.equal(body.bpftrace, installed);
  for (const id of ['abrir-ficheros-punto', 'columnas-printf-punto']) {
    assert.equal(body.blocks[id].ready, dotSyntax, id);
    if (!dotSyntax)
      assert.match(
        body.blocks[id].reasons.join(),
        new RegExp(`necesita bpftrace 0\\.19 o posterior y tienes la ${installed.replace(/\./g, '\\.')}`),
      );
  }
  assert.equal(body.blocks['columnas-printf'].ready, true);
});

test(
  'the page shows the form for the installed version, its block runs, and the other form is one click away',
  { timeout: 90_000 },
  async () => {
    const [shown, hidden] = dotSyntax ? ['columnas-printf-punto', 'columnas-printf'] : ['columnas-printf', 'columnas-printf-punto'];
    await app.page.goto(`${app.server.origin}/bpftrace-a-fondo/`);
    await app.page.waitForSelector(`${form(shown)}[data-variant-chosen]`);
    assert.equal(await app.page.locator(form(hidden)).isHidden(), true);
    const label = app.page.locator(`${form(shown)} [data-variant-label]`);
    assert.match(
      await label.innerText(),
      new RegExp(`^Tu bpftrace es la ${installed.replace(/\./g, '\\.')}: esta es la forma que entiende \\(usa args(->|\\.)filename\\)`),
    );
    // The other group of the page (not runnable: kfunc: or fentry:) follows the same rule.
    const probe = dotSyntax && versionAtLeast(installed, '0.20') ? 'fentry:vfs_read' : 'kfunc:vfs_read';
    const probeForm = app.page.locator('.variant[data-variant="sonda-funcion"][data-variant-chosen]');
    assert.match(await probeForm.innerText(), new RegExp(probe));

    await app.page.locator(`${block(shown)} .run-btn[data-run-id]`).click();
    await waitForTerminal(app.page, `${block(shown)} .run-terminal`, ATTACHED_LINE, 30_000);
    await app.page.locator(`${block(shown)} .workload-btn[data-workload="open"]`).click();
    const text = await waitForTerminal(app.page, `${block(shown)} .run-terminal`, /^tallerej +\d+ \/etc\/hostname/m);
    assert.match(text, /^COMANDO +PID FICHERO/m);
    await app.page.locator(`${block(shown)} .run-btn[data-run-id]`).click();
    await app.page.waitForSelector(`${block(shown)}[data-run-state="idle"]`, { timeout: 15_000 });

    await label.getByRole('button', { name: 'Ver también la otra forma' }).click();
    assert.equal(await app.page.locator(form(hidden)).isVisible(), true);
    // Before 0.19 the args. form says why it cannot run, in Spanish, on its own status line.
    if (!dotSyntax) {
      assert.equal(await app.page.locator(`${block(hidden)} .run-btn`).isDisabled(), true);
      assert.match(
        await app.page.locator(`${block(hidden)} [data-run-status]`).innerText(),
        /^Falta una herramienta: esta forma necesita bpftrace 0\.19/,
      );
    }
  },
);

test('lesson 3 picks its openat form the same way', async () => {
  await app.page.goto(`${app.server.origin}/bpftrace/`);
  const shown = dotSyntax ? 'abrir-ficheros-punto' : 'abrir-ficheros';
  await app.page.waitForSelector(`${form(shown)}[data-variant-chosen]`);
  assert.equal(await app.page.locator('.variant[data-variant="abrir-ficheros"]:visible').count(), 1);
});
