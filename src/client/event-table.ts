// The live table of a ring buffer or perf buffer map under a C run: one row per record,
// one column per field (names decoded from BTF by the runner), newest at the bottom,
// the last EVENT_ROWS kept. Built with DOM APIs (textContent), never innerHTML:
// records come from the kernel and may hold anything.
import type { EventRow, ServerMessage } from '../../lib/protocol.ts';
import { showValue } from '../../lib/protocol.ts';
import { ui } from '../lib/ui-strings.ts';

/** Rows kept per map; older ones are removed from the top. */
export const EVENT_ROWS = 200;

type EventsMessage = Extract<ServerMessage, { type: 'events' }>;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));

/** The panel that holds one table per map, created under the block on the first batch. */
function eventsPanel(block: HTMLElement): HTMLElement {
  let p = block.querySelector<HTMLElement>(':scope > .run-events');
  // The last run's table (stale, see stalePanels) is not continued: this run's rows start a new one.
  if (p?.dataset.stale) {
    p.remove();
    p = null;
  }
  if (!p) {
    p = el('div', 'run-events not-content');
    p.append(el('p', 'run-events-title', ui['events.title']));
    block.append(p);
  }
  return p;
}

/** One map's table, created on its first batch. */
function mapFigure(panel: HTMLElement, m: EventsMessage): HTMLElement {
  const existing = [...panel.querySelectorAll<HTMLElement>(':scope > .run-events-map')].find((f) => f.dataset.map === m.map);
  if (existing) return existing;
  const fig = el('figure', 'run-events-map');
  fig.dataset.map = m.map;
  fig.dataset.received = '0';
  const kind = m.kind === 'ringbuf' ? ui['events.kind.ringbuf'] : ui['events.kind.perfbuf'];
  const type = m.struct ? fill(ui['events.struct'], { struct: m.struct }) : ui['events.noStruct'];
  fig.append(el('figcaption', undefined, `${m.map} (${kind}, ${type})`));
  const counts = el('p', 'run-events-counts');
  counts.setAttribute('aria-live', 'polite');
  const received = el('p', 'run-events-received');
  const table = el('table');
  table.append(el('thead'), el('tbody'));
  table.tHead!.append(el('tr'));
  const scroll = el('div', 'run-events-scroll');
  scroll.tabIndex = 0;
  scroll.setAttribute('role', 'region');
  scroll.setAttribute('aria-label', `${ui['events.title']}: ${m.map}`);
  scroll.append(table);
  fig.append(received, counts, scroll);
  panel.append(fig);
  return fig;
}

/** The header's columns, extended with the fields a row brings that it lacks; returns them all. */
function columns(table: HTMLTableElement, row: EventRow): string[] {
  const head = table.tHead!.rows[0];
  const have = [...head.cells].map((c) => c.textContent ?? '');
  for (const k of Object.keys(row)) {
    if (have.includes(k)) continue;
    const th = el('th', undefined, k);
    th.scope = 'col';
    head.append(th);
    have.push(k);
    for (const tr of table.tBodies[0].rows) tr.append(el('td'));
  }
  return have;
}

/** Adds a batch of records to its map's table and updates the counts. */
export function renderEvents(block: HTMLElement, m: EventsMessage): void {
  const fig = mapFigure(eventsPanel(block), m);
  const table = fig.querySelector('table')!;
  const scroll = fig.querySelector<HTMLElement>('.run-events-scroll')!;
  const atBottom = scroll.scrollHeight - scroll.scrollTop - scroll.clientHeight < 4;
  const body = table.tBodies[0];
  for (const row of m.rows) {
    const tr = el('tr');
    for (const k of columns(table, row)) tr.append(el('td', undefined, k in row ? showValue(row[k]) : ''));
    body.append(tr);
  }
  while (body.rows.length > EVENT_ROWS) body.rows[0].remove();
  const received = Number(fig.dataset.received) + m.rows.length;
  fig.dataset.received = String(received);
  fig.dataset.dropped = String(m.dropped);
  fig.dataset.lost = String(m.lost);
  fig.querySelector('.run-events-received')!.textContent = fill(ui['events.received'], {
    received,
    shown: Math.min(received, EVENT_ROWS),
  });
  const counts = fill(ui['events.counts'], { dropped: m.dropped, lost: m.lost });
  const countsEl = fig.querySelector('.run-events-counts')!;
  if (countsEl.textContent !== counts) countsEl.textContent = counts;
  if (atBottom) scroll.scrollTop = scroll.scrollHeight;
}
