// Shows, of each snippet written in several forms (fence meta `variant="grupo"`), the form the
// learner's bpftrace understands: the newest `bpftrace-min` their version reaches. The build marks
// the forms (src/lib/remark-runnable.ts); the readiness response says the version. Without it
// (no server, no bpftrace) every form stays visible with its label.
import { versionAtLeast } from '../../lib/protocol.ts';
import { readyUi as ui } from '../lib/ui-strings-ready.ts';

/** The index of the form to show: the highest minimum `version` reaches (no minimum = any version); -1 if none. */
export function chooseVariant(mins: Array<string | null>, version: string): number {
  let best = -1;
  for (const [i, min] of mins.entries()) {
    if (min !== null && !versionAtLeast(version, min)) continue;
    if (best === -1 || versionAtLeast(min ?? '0', mins[best] ?? '0')) best = i;
  }
  return best;
}

export function showVariants(version: string | null): void {
  if (!version) return;
  const groups = new Map<string, HTMLElement[]>();
  for (const el of document.querySelectorAll<HTMLElement>('[data-variant]')) {
    const key = el.dataset.variant ?? '';
    groups.set(key, [...(groups.get(key) ?? []), el]);
  }
  for (const forms of groups.values()) {
    const chosen =
      forms[
        chooseVariant(
          forms.map((f) => f.dataset.bpftraceMin ?? null),
          version,
        )
      ];
    if (!chosen) continue;
    const others = forms.filter((f) => f !== chosen);
    for (const f of others) f.hidden = true;
    chosen.dataset.variantChosen = '';
    const label = chosen.querySelector<HTMLElement>('[data-variant-label]');
    if (!label) continue;
    const note = chosen.dataset.variantNote;
    label.textContent = (note ? ui['variant.yoursWithNote'] : ui['variant.yours'])
      .replace('{version}', version)
      .replace('{note}', note ?? '');
    const more = document.createElement('button');
    more.type = 'button';
    more.className = 'variant-more';
    more.textContent = ui['variant.showOthers'];
    more.addEventListener('click', () => {
      for (const f of others) f.hidden = false;
      more.remove();
    });
    label.append(' ', more);
  }
}
