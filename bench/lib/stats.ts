// Small numeric helpers for the benchmarks: medians, percentiles, ratios, and
// the record every figure ends up in (printed as a table, saved as JSON).

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length)));
  return s[rank - 1];
}

export interface Figure {
  /** Section of the table (page weight, click→output…). */
  section: string;
  /** What was measured, in a few words. */
  name: string;
  unit: string;
  /** The median over `runs` (or the single value of a deterministic measure). */
  value: number;
  runs: number[];
  /** The baseline measured in the same bench run, when there is one. */
  baseline?: { name: string; value: number; runs: number[] };
  /** value / baseline.value. */
  ratio?: number;
  /** How many samples the figure summarises (default: runs.length). */
  n?: number;
  note?: string;
}

export function figure(
  section: string,
  name: string,
  unit: string,
  runs: number[],
  opts: { baseline?: { name: string; runs: number[] }; note?: string; value?: number; n?: number } = {},
): Figure {
  const value = opts.value ?? median(runs);
  const f: Figure = { section, name, unit, value, runs };
  if (opts.baseline && opts.baseline.runs.length > 0) {
    const b = median(opts.baseline.runs);
    f.baseline = { name: opts.baseline.name, value: b, runs: opts.baseline.runs };
    f.ratio = b === 0 ? NaN : value / b;
  }
  if (opts.note) f.note = opts.note;
  if (opts.n !== undefined) f.n = opts.n;
  return f;
}

export function fmt(v: number, unit: string): string {
  if (!Number.isFinite(v)) return '—';
  switch (unit) {
    case 'ms':
      return v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`;
    case 'B':
      return v >= 1024 * 1024 ? `${(v / 1024 / 1024).toFixed(2)} MiB` : v >= 1024 ? `${(v / 1024).toFixed(1)} KiB` : `${v.toFixed(0)} B`;
    case 'KiB':
      return v >= 1024 ? `${(v / 1024).toFixed(1)} MiB` : `${v.toFixed(0)} KiB`;
    case 'MB/s':
      return `${v.toFixed(1)} MB/s`;
    case '%':
      return `${v.toFixed(0)} %`;
    default:
      return `${Number.isInteger(v) ? v : v.toFixed(2)} ${unit}`.trim();
  }
}

/** The table the bench prints (Markdown, so that it can be pasted into docs/benchmarks.md). */
export function table(figures: Figure[]): string {
  const rows: string[][] = [['measure', 'Taller eBPF (median)', 'baseline (median)', 'ratio', 'n']];
  let section = '';
  for (const f of figures) {
    if (f.section !== section) {
      section = f.section;
      rows.push([`**${section}**`, '', '', '', '']);
    }
    rows.push([
      f.name,
      fmt(f.value, f.unit),
      f.baseline ? `${fmt(f.baseline.value, f.unit)} (${f.baseline.name})` : '',
      f.ratio !== undefined && Number.isFinite(f.ratio) ? `${f.ratio.toFixed(2)}×` : '',
      String(f.n ?? f.runs.length),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}
