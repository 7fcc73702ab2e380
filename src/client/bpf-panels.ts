// The panels beside a C run's terminal: live map tables and the verifier's
// verdict explained. Built with DOM APIs (textContent), never innerHTML:
// map contents come from the kernel and may hold anything.
import type { BpfMapDump, ServerMessage } from '../../lib/protocol.ts';
import { ui } from '../lib/ui-strings.ts';
import { showValue } from '../../lib/protocol.ts';
import { markEditorLine } from './edits.ts';
import { mapHistogram, type Histogram } from './charts.ts';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function panel(block: HTMLElement, cls: string): HTMLElement {
  let p = block.querySelector<HTMLElement>(`:scope > .${cls}`);
  if (p) delete p.dataset.stale;
  else {
    p = el('div', `${cls} not-content`);
    block.append(p);
  }
  return p;
}

/** Rows shown per map; the rest are counted under the table («y N más»). */
export const MAP_ROWS = 20;

/** Renders (or updates in place) one table per map, sorted by value, largest first. */
export function renderMaps(block: HTMLElement, m: Extract<ServerMessage, { type: 'maps' }>): void {
  const p = panel(block, 'run-maps');
  // A live update replaces the tables: keep the learner's place in a scrolled one.
  const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('.run-map-scroll');
  const keep = new Map(
    [...p.querySelectorAll<HTMLElement>('.run-map')].map((f) => [f.dataset.map, f.querySelector('.run-map-scroll')?.scrollTop ?? 0]),
  );
  const focusedMap = focused && p.contains(focused) ? focused.closest<HTMLElement>('.run-map')?.dataset.map : undefined;
  p.dataset.final = String(m.final);
  p.replaceChildren(
    el('p', 'run-maps-title', `${ui['maps.title']} — ${m.final ? ui['maps.final'] : ui['maps.live']}`),
    ...m.maps.map((map) => mapTable(map)),
  );
  for (const f of p.querySelectorAll<HTMLElement>('.run-map')) {
    const scroll = f.querySelector<HTMLElement>('.run-map-scroll');
    if (!scroll) continue;
    scroll.scrollTop = keep.get(f.dataset.map) ?? 0;
    if (f.dataset.map === focusedMap) scroll.focus({ preventScroll: true });
  }
}

function mapTable(map: BpfMapDump): HTMLElement {
  const hist = mapHistogram(map);
  if (hist) return histogramChart(map, hist);
  const wrap = el('figure', 'run-map');
  wrap.dataset.map = map.name;
  wrap.append(el('figcaption', undefined, `${map.name} (${map.type})`));
  if (map.entries.length === 0) {
    wrap.append(el('p', 'run-map-empty', ui['maps.empty']));
    return wrap;
  }
  const numeric = map.entries.every((e) => typeof e.value === 'number');
  const sorted = numeric ? [...map.entries].sort((a, b) => (b.value as number) - (a.value as number)) : map.entries;
  const rows = sorted.slice(0, MAP_ROWS);
  const max = numeric ? Math.max(1, ...rows.map((e) => e.value as number)) : 1;
  const table = el('table');
  const head = el('tr');
  head.append(el('th', undefined, ui['maps.key']), el('th', undefined, ui['maps.value']));
  table.append(el('thead'), el('tbody'));
  table.tHead!.append(head);
  for (const e of rows) {
    const tr = el('tr');
    const key = showValue(e.key);
    tr.dataset.key = key;
    const value = el('td', 'run-map-value');
    value.append(el('span', 'run-map-number', showValue(e.value)));
    if (numeric) {
      const bar = el('span', 'run-map-bar');
      bar.style.width = `${Math.max(1, Math.round(((e.value as number) / max) * 100))}%`;
      value.append(bar);
    }
    tr.append(el('td', 'run-map-key', key), value);
    table.tBodies[0].append(tr);
  }
  // Long keys can still make the rows tall: the table scrolls within a capped
  // height, and a scrolled region must be reachable from the keyboard.
  const scroll = el('div', 'run-map-scroll');
  scroll.tabIndex = 0;
  scroll.setAttribute('role', 'region');
  scroll.setAttribute('aria-label', `${ui['maps.title']}: ${map.name}`);
  scroll.append(table);
  wrap.append(scroll);
  const rest = sorted.length - rows.length;
  if (rest > 0) {
    const more = el('p', 'run-map-more', ui['maps.more'].replace('{n}', String(rest)));
    more.dataset.rest = String(rest);
    wrap.append(more);
  }
  if (map.truncated) wrap.append(el('p', 'run-map-empty', ui['maps.truncated']));
  return wrap;
}

/**
 * A log2 histogram map as a bar chart, slots in order. It is a table (interval, bar, count), so a screen
 * reader reads the values; the bars are decoration and hidden from it.
 */
function histogramChart(map: BpfMapDump, hist: Histogram): HTMLElement {
  const wrap = el('figure', 'run-map run-hist');
  wrap.dataset.map = map.name;
  wrap.dataset.total = String(hist.total);
  wrap.append(el('figcaption', undefined, `${map.name} (${map.type}) — ${ui['hist.caption'].replace('{total}', String(hist.total))}`));
  if (hist.bars.length === 0) {
    wrap.append(el('p', 'run-map-empty', ui['maps.empty']));
    return wrap;
  }
  const max = Math.max(1, ...hist.bars.map((b) => b.value));
  const table = el('table');
  const head = el('tr');
  const barHead = el('th', 'run-hist-bar-cell');
  barHead.append(el('span', 'sr-only', ui['hist.bar']));
  head.append(el('th', undefined, ui['hist.interval']), barHead, el('th', undefined, ui['hist.count']));
  table.append(el('thead'), el('tbody'));
  table.tHead!.append(head);
  for (const b of hist.bars) {
    const tr = el('tr');
    tr.dataset.slot = String(b.slot);
    const label = el('th', 'run-hist-label', b.label);
    label.scope = 'row';
    const track = el('td', 'run-hist-bar-cell');
    const bar = el('span', 'run-hist-bar');
    bar.setAttribute('aria-hidden', 'true');
    bar.style.width = `${b.value === 0 ? 0 : Math.max(1, Math.round((b.value / max) * 100))}%`;
    track.append(bar);
    tr.append(label, track, el('td', 'run-hist-count', String(b.value)));
    table.tBodies[0].append(tr);
  }
  const scroll = el('div', 'run-map-scroll');
  scroll.tabIndex = 0;
  scroll.setAttribute('role', 'region');
  scroll.setAttribute('aria-label', `${ui['hist.title']}: ${map.name}`);
  scroll.append(table);
  wrap.append(scroll);
  if (map.truncated) wrap.append(el('p', 'run-map-empty', ui['maps.truncated']));
  return wrap;
}

export function renderVerifier(block: HTMLElement, v: Extract<ServerMessage, { type: 'verifier' }>): void {
  const p = panel(block, 'run-verifier');
  p.setAttribute('role', 'alert');
  const parts: HTMLElement[] = [
    el('p', 'run-verifier-title', `${ui['verifier.title']} «${v.program}»`),
    el('p', 'run-verifier-summary', v.summary),
  ];
  const dl = el('dl');
  dl.append(el('dt', undefined, ui['verifier.decisive']), el('dd', 'run-verifier-decisive'));
  dl.lastElementChild!.append(el('code', undefined, v.decisive));
  if (v.source) {
    const dd = el('dd', 'run-verifier-source');
    dd.dataset.line = String(v.source.line);
    dd.append(el('code', undefined, v.source.code), el('span', undefined, ` — ${v.source.file}:${v.source.line}`));
    dl.append(el('dt', undefined, ui['verifier.source']), dd);
  }
  dl.append(el('dt', undefined, ui['verifier.why']), el('dd', 'run-verifier-why', v.explanation));
  parts.push(dl);
  const details = el('details');
  details.append(
    el('summary', undefined, `${ui['verifier.log']}${v.truncated ? ` ${ui['verifier.truncated']}` : ''}`),
    el('pre', undefined, v.log),
  );
  parts.push(details);
  p.replaceChildren(...parts);
  highlightSourceLine(block, v.source?.line);
}

/** Marks the rejected line in the block's own code (static or in the editor), when the block shows the whole file. */
function highlightSourceLine(block: HTMLElement, line: number | undefined): void {
  block.querySelectorAll('.ec-line.verifier-mark').forEach((l) => l.classList.remove('verifier-mark'));
  if (markEditorLine(block, line ?? null) || !line) return;
  const lines = block.querySelectorAll<HTMLElement>('pre .ec-line');
  lines[line - 1]?.classList.add('verifier-mark');
}

/** Ver bytecode: the verified instructions, with source lines, behind an expander. */
export function renderBytecode(block: HTMLElement, m: Extract<ServerMessage, { type: 'bytecode' }>): void {
  const details = el('details', 'run-bytecode not-content');
  details.dataset.program = m.program;
  details.append(el('summary', undefined, `${ui['bytecode.title']} «${m.program}» (id ${m.id})`), el('pre', undefined, m.text));
  block.querySelector(`:scope > .run-bytecode[data-program="${CSS.escape(m.program)}"]`)?.remove();
  block.append(details);
}

const PANELS = ':scope > .run-maps, :scope > .run-events, :scope > .run-verifier, :scope > .run-bytecode, :scope > .run-charts';

/**
 * A new run starts: the last run's panels stay where they are, marked stale (greyed), until the new run
 * replaces each one or ends (dropStale). Removing them on the click made the lesson below jump up, and down
 * again when the new ones came: two layout shifts, and ~25 ms of the click's main thread on this page.
 */
export function stalePanels(block: HTMLElement): void {
  for (const p of block.querySelectorAll<HTMLElement>(PANELS)) {
    p.dataset.stale = 'true';
    delete p.dataset.final;
  }
  block.querySelectorAll('.ec-line.verifier-mark').forEach((l) => l.classList.remove('verifier-mark'));
  markEditorLine(block, null);
}

/** Removes the stale panels the run did not replace (`which`: only these, e.g. the verifier's once attached). */
export function dropStale(block: HTMLElement, which = ''): void {
  block.querySelectorAll(`:scope > ${which}[data-stale]`).forEach((p) => p.remove());
}
