// bpftrace's hist()/lhist() output and its map counts, drawn as bar charts
// beside the raw text. (C runs' maps get bars in their live table; a C map
// named as a log2 histogram is drawn as one: mapHistogram below.)
import type { BpfMapDump } from '../../lib/protocol.ts';
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

// A C map drawn as a log2 histogram (CONTRIBUTING.md, «Histogramas»): an array (or per-CPU array) whose
// name is `hist` or ends in `_hist`, with numeric keys (the slots) and counts. The word before `_hist`
// may name the unit: `read_ns_hist`, `lat_us_hist`, `lat_ms_hist`. Slot k counts the values from 2^k to
// 2^(k+1) - 1 (slot 0 also counts 0).

/** Units a histogram map's name may carry, and how they are written. */
const HIST_UNITS: Record<string, string> = { ns: 'ns', us: 'µs', ms: 'ms' };
const HIST_NAME = /^(?:(?:\w*_)?(ns|us|ms)_hist|hist|\w+_hist)$/;
/** More slots than a u64 has bits means these keys are not log2 slots. */
const MAX_SLOT = 63;

export interface Histogram {
  name: string;
  /** The unit as shown (µs for `us`), or '' when the name names none. */
  unit: string;
  /** From the lowest slot with a count to the highest, the empty ones between included. */
  bars: Array<{ slot: number; label: string; value: number }>;
  total: number;
}

/** 2^k written like bpftrace's hist(): 512, 1K, 2M, 4G. */
export function powerLabel(k: number): string {
  const units = ['', 'K', 'M', 'G', 'T', 'P', 'E'];
  const step = Math.min(Math.floor(k / 10), units.length - 1);
  return `${2 ** (k - step * 10)}${units[step]}`;
}

/** «512 – 1K ns»: the values slot k counts (slot 0 starts at 0). */
export function slotLabel(k: number, unit: string): string {
  const low = k === 0 ? '0' : powerLabel(k);
  return `${low} – ${powerLabel(k + 1)}${unit ? ` ${unit}` : ''}`;
}

/** A map value as a count: a number, or per-CPU numbers to add up (the runner already sums integer ones). */
function count(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0)) {
    return (v as number[]).reduce((a, b) => a + b, 0);
  }
  return null;
}

/** The map as a histogram, or null when it is not one (by name, type or contents). */
export function mapHistogram(map: BpfMapDump): Histogram | null {
  const name = HIST_NAME.exec(map.name);
  if (!name || (map.type !== 'array' && map.type !== 'percpu_array')) return null;
  const counts = new Map<number, number>();
  for (const e of map.entries) {
    const c = count(e.value);
    if (typeof e.key !== 'number' || !Number.isInteger(e.key) || e.key < 0 || e.key > MAX_SLOT || c === null) return null;
    counts.set(e.key, (counts.get(e.key) ?? 0) + c);
  }
  const unit = name[1] ? HIST_UNITS[name[1]] : '';
  const used = [...counts.keys()].filter((k) => (counts.get(k) ?? 0) > 0);
  const bars: Histogram['bars'] = [];
  if (used.length > 0) {
    for (let k = Math.min(...used); k <= Math.max(...used); k++)
      bars.push({ slot: k, label: slotLabel(k, unit), value: counts.get(k) ?? 0 });
  }
  return { name: map.name, unit, bars, total: bars.reduce((a, b) => a + b.value, 0) };
}
