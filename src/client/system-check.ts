// "Comprobar mi sistema": fetches the checks from the local server and renders them.
import { REQUIREMENTS_PATH, type RequirementsBody } from '../../lib/protocol.ts';
import { ui } from '../lib/ui-strings.ts';
import { apiFetch } from './session.ts';

const LABEL = { ok: ui['check.ok'], warn: ui['check.warn'], fail: ui['check.fail'] };

function cell(tag: 'td' | 'th', text: string, cls?: string): HTMLElement {
  const c = document.createElement(tag);
  c.textContent = text;
  if (cls) c.className = cls;
  return c;
}

export async function runSystemCheck(button: HTMLButtonElement): Promise<void> {
  const root = button.closest<HTMLElement>('[data-system-check]');
  const result = root?.querySelector<HTMLElement>('[data-system-check-result]');
  const status = root?.querySelector<HTMLElement>('[data-system-check-status]');
  if (!root || !result || !status) return;
  button.disabled = true;
  status.textContent = ui['check.running'];
  try {
    const res = await apiFetch(REQUIREMENTS_PATH);
    if (!res || res.status === 401) throw new Error(ui['term.noToken']);
    if (!res.ok) throw new Error(ui['term.noServer']);
    const body = (await res.json()) as RequirementsBody;
    const table = document.createElement('table');
    table.className = 'system-check-table';
    const head = document.createElement('tr');
    head.append(cell('th', ui['check.status']), cell('th', ui['check.what']), cell('th', ui['check.detail']), cell('th', ui['check.fix']));
    table.createTHead().append(head);
    const body_ = table.createTBody();
    for (const c of body.checks) {
      const tr = document.createElement('tr');
      tr.dataset.check = c.id;
      tr.dataset.status = c.status;
      tr.append(cell('td', LABEL[c.status], `check-${c.status}`), cell('td', c.title), cell('td', c.detail));
      const fix = cell('td', '');
      if (c.fix) {
        const code = document.createElement('code');
        code.textContent = c.fix;
        fix.append(code);
      }
      tr.append(fix);
      body_.append(tr);
    }
    result.replaceChildren(table);
    status.textContent = body.summary;
    root.dataset.done = 'true';
  } catch (e) {
    status.textContent = e instanceof Error ? e.message : String(e);
  } finally {
    button.disabled = false;
  }
}
