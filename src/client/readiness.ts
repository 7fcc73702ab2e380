// Marks every runnable block, before it is clicked, with whether this machine
// can run it (from the local server's requirements checks). Without the
// session token the page stays as it is.
import { READINESS_PATH, type ReadinessBody, type Readiness } from '../../lib/protocol.ts';
import { readyUi as ui } from '../lib/ui-strings-ready.ts';
import { apiFetch } from './session.ts';
import { showVariants } from './variants.ts';

/** Workload buttons, shown while the block runs (see run-block.ts). */
function addWorkloads(el: HTMLElement, kinds: Readiness['workloads']): void {
  const bar = el.querySelector('.run-bar');
  if (!bar || bar.querySelector('.workload-btn')) return;
  for (const kind of kinds) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'bar-btn workload-btn';
    b.dataset.workload = kind;
    b.hidden = el.dataset.runState !== 'running';
    b.textContent = ui[`workload.${kind}`];
    bar.append(b);
  }
}

export async function showReadiness(): Promise<void> {
  let blocks: Record<string, Readiness>;
  try {
    const res = await apiFetch(READINESS_PATH);
    if (!res?.ok) return;
    const body = (await res.json()) as ReadinessBody;
    blocks = body.blocks;
    showVariants(body.bpftrace);
  } catch {
    return;
  }
  for (const el of document.querySelectorAll<HTMLElement>('.runnable[data-run-id]')) {
    const r = blocks[el.dataset.runId ?? ''];
    if (!r) continue;
    el.dataset.ready = String(r.ready);
    if (r.ready) addWorkloads(el, r.workloads);
    const status = el.querySelector<HTMLElement>('[data-run-status]');
    if (r.ready) {
      if (status && !status.textContent) status.textContent = ui['ready.yes'];
      continue;
    }
    // An exercise's Comprobar cannot run here either.
    for (const b of el.querySelectorAll<HTMLButtonElement>('.run-btn, .check-btn')) {
      b.disabled = true;
      b.title = r.reasons.join('; ');
    }
    if (status) {
      status.textContent = r.reasons.join(' · ');
      status.classList.add('run-status-blocked');
      el.dataset.missing = r.missing.join(' ');
    }
  }
}
