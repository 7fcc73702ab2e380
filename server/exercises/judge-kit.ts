// What a judge sees and says, and the Spanish phrasing helpers the judges share.
// Each exercise's judge (`content/ejercicios/<id>/juez.ts`) is a pure module:
// observations in, verdict out; no files, no processes, no clock.
import type { BpfMapDump, EventRow } from '../../lib/protocol.ts';
import type { WorkloadResult } from '../processes/workloads.ts';
import { fill } from '../../lib/messages/fill.mjs';
import { exercises as X } from '../../lib/messages/es/exercises.mjs';

export interface Observation {
  /** bpf_printk messages (C programs). */
  printk: Array<{ comm: string; pid: number; message: string }>;
  /** Last map dump (C programs). */
  maps: BpfMapDump[];
  /** Ring buffer and perf buffer records (C programs), oldest first: the map and the row, field by field from BTF.
   * Absent in observations recorded before there were any. */
  events?: Array<{ map: string; row: EventRow }>;
  /** Everything shown in the terminal, without colours (bpftrace prints its maps here). */
  text: string;
  workload: WorkloadResult | null;
}

export interface Verdict {
  ok: boolean;
  /** What was expected and what was seen, in Spanish. */
  message: string;
}

/** What `juez.ts` exports by default. */
export interface Judge {
  /** True once the output already proves the answer right (the check can stop early). */
  satisfied(o: Observation): boolean;
  judge(o: Observation): Verdict;
}

/** A value as the terminal and the tables show it (an event row: `{ pid: 12, comm: "cat" }`). */
export { showValue } from '../../lib/protocol.ts';

/** A text in «», cut at `n` characters. */
export const quote = (s: string, n = 120) => fill(X['judge.quote'], { text: s.length > n ? s.slice(0, n) + '…' : s });

/** A Spanish list: «a», «a y b», «a, b y c». */
export function joinEs(items: string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : fill(X['judge.list.last'], { items: items.slice(0, -1).join(', '), last: items[items.length - 1] });
}

/** Names at most `shown` items, each quoted, and counts the rest: «a», «b» y 3 más. */
export function namedList(items: string[], shown = 4): string {
  const named = items.slice(0, shown).map((s) => quote(s, 60));
  const rest = items.length - named.length;
  return rest > 0 ? fill(X['judge.list.more'], { items: named.join(', '), rest }) : joinEs(named);
}

/** The workload's PIDs after «el PID de …»: (fue 2116), or every run's: (se lanzó 3 veces: sus PID fueron …). */
export function pidsNote(pids: number[]): string {
  if (pids.length === 0) return '';
  if (pids.length === 1) return fill(X['judge.pid.one'], { pid: pids[0] });
  return fill(X['judge.pid.many'], { count: pids.length, pids: joinEs(pids.map(String)) });
}

/** «otro proceso («bash»)», «otros 6 procesos («bash», «ls», «cat», «sh» y 2 más)». */
export function otherProcesses(names: string[]): string {
  const list = namedList(names);
  return names.length === 1
    ? fill(X['judge.other.one'], { names: list })
    : fill(X['judge.other.many'], { count: names.length, names: list });
}

/** Every string inside a JSON value (struct keys hold char arrays as strings). */
export function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

/** bpftrace's map lines, `@name[key]: value` (the same in every version; tests/unit/bpftrace-versions.test.ts). */
export function bpftraceMapLines(text: string): Array<{ map: string; key: string; value: number }> {
  return [...text.matchAll(/^(@\w*)\[(.*)\]: (\d+)\s*$/gm)].map((m) => ({ map: m[1], key: m[2], value: Number(m[3]) }));
}
