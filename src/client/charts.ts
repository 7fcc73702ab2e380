// bpftrace's hist()/lhist() output and its map counts, drawn as bar charts
// beside the raw text. (C runs' maps get bars in their live table.)
import { ui } from '../lib/ui-strings.ts';

export interface Chart {
  name: string;
  kind: 'hist' | 'count';
  bars: Array<{ label: string; value: number }>;
}

/**
 * Finds histograms (`@ns:` then `[a, b)  N |@@@|` lines; the head is `@ns: ` up to bpftrace 0.22) and counts
 * (`@x[key]: N`) in bpftrace's output.
 */
export function parseBpftraceCharts(text: string): Chart[] {
  const lines = text
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
    .replace(/\r/g, '')
    .split('\n');
  const charts: Chart[] = [];
  let current: Chart | null = null;
  let header: string | null = null;
  const counts = new Map<string, Chart>();
  for (const line of lines) {
    const h = /^(@\w*):\s*$/.exec(line);
    if (h) {
      header = h[1];
      current = null;
      continue;
    }
    const bucket = /^\[([^\]\)]*)[\]\)]\s+(\d+)\s*\|/.exec(line);
    if (bucket && header) {
      if (!current) {
        current = { name: header, kind: 'hist', bars: [] };
        charts.push(current);
      }
      current.bars.push({ label: `[${bucket[1]})`, value: Number(bucket[2]) });
      continue;
    }
    const count = /^(@\w*)\[(.*)\]: (\d+)\s*$/.exec(line);
    if (count) {
      const c = counts.get(count[1]) ?? { name: count[1], kind: 'count' as const, bars: [] };
      counts.set(count[1], c);
      c.bars.push({ label: count[2], value: Number(count[3]) });
    }
    current = null;
  }
  for (const c of counts.values()) {
    c.bars.sort((a, b) => b.value - a.value);
    c.bars = c.bars.slice(0, 15);
    charts.push(c);
  }
  return charts;
}

export function renderCharts(block: HTMLElement, text: string): void {
  block.querySelector(':scope > .run-charts')?.remove();
  const charts = parseBpftraceCharts(text);
  if (charts.length === 0) return;
  const wrap = document.createElement('div');
  wrap.className = 'run-charts not-content';
  for (const c of charts) {
    const fig = document.createElement('figure');
    fig.className = 'run-chart';
    fig.dataset.chart = c.name;
    const cap = document.createElement('figcaption');
    cap.textContent = `${ui['chart.title']}: ${c.name}${c.kind === 'hist' ? ' (histograma)' : ''}`;
    fig.append(cap);
    const max = Math.max(1, ...c.bars.map((b) => b.value));
    for (const b of c.bars) {
      const row = document.createElement('div');
      row.className = 'run-chart-row';
      const label = document.createElement('span');
      label.className = 'run-chart-label';
      label.textContent = b.label;
      const track = document.createElement('span');
      track.className = 'run-chart-track';
      const bar = document.createElement('span');
      bar.className = 'run-chart-bar';
      bar.style.width = `${b.value === 0 ? 0 : Math.max(1, Math.round((b.value / max) * 100))}%`;
      track.append(bar);
      const value = document.createElement('span');
      value.className = 'run-chart-value';
      value.textContent = String(b.value);
      row.append(label, track, value);
      fig.append(row);
    }
    wrap.append(fig);
  }
  block.append(wrap);
}
