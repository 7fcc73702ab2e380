// The kernel lab's findings (src/data/compatibility.json, written by the lab)
// as the pages show them: the short line under each runnable block
// (src/components/BlockCompat.astro) and the matrix of the requirements lesson
// (src/components/CompatibilityMatrix.astro). Read at build time only: the
// pages carry static HTML, no script and no fetch.
import data from '../data/compatibility.json';
import type { CompatEnvironment, Compatibility, Outcome } from '../../lib/compatibility.ts';
import { fill } from '../../lib/messages/fill.mjs';
import { staticUi as ui } from './ui-strings.ts';

export const compatibility = data as unknown as Compatibility;

/** Where the matrix lives: the requirements lesson, and the id of the matrix's wrapper there. */
export const MATRIX_LESSON = 'requisitos';
export const MATRIX_ID = 'compatibilidad';
export const MATRIX_HREF = `/${MATRIX_LESSON}/#${MATRIX_ID}`;

/** The element id of a runnable block on its lesson page (set by remark-runnable.ts). */
export const blockAnchor = (id: string) => `bloque-${id}`;

/** The tools whose versions matter for a block, as the environment record names them. */
export type Tool = 'clang' | 'libbpf' | 'bpftrace' | 'bpftool';

/**
 * Which tools a block uses, the main one first: C programs are compiled by clang and
 * loaded by libbpf; bpftrace programs need bpftrace; shell blocks, whatever they call.
 */
export function toolsOf(kind: string, code = ''): Tool[] {
  if (kind === 'c' || kind === 'loader') return ['clang', 'libbpf'];
  if (kind === 'bpftrace') return ['bpftrace'];
  // A plain user-space program (cc): none of the BPF tools.
  if (kind === 'program') return [];
  return (['bpftrace', 'bpftool', 'clang'] as const).filter((t) => new RegExp(`(^|[\\s;|&(])${t}\\b`, 'm').test(code));
}

/** `Debian GNU/Linux 13 (trixie)` → `Debian 13`; `Ubuntu 24.04.1 LTS` → `Ubuntu 24.04.1 LTS`. */
export function shortDistro(distro: string): string {
  return distro
    .replace(/\s*\([^)]*\)\s*$/, '')
    .replace(/\bGNU\/Linux\s+/, '')
    .trim();
}

/** The first `parts` numbers of a version: `6.18.44-fc-v669` → `6.18`; `19.1.7` (1) → `19`. */
export function shortVersion(version: string, parts = 2): string {
  const m = /^\d+(?:\.\d+)*/.exec(version.trim());
  return m ? m[0].split('.').slice(0, parts).join('.') : version;
}

/** How many numbers of each tool's version the short line shows. */
const SHORT_PARTS: Record<Tool, number> = { clang: 1, libbpf: 2, bpftrace: 2, bpftool: 2 };

/** `Debian 13 · kernel 6.18`, plus the first tool given: `· bpftrace 0.23`. */
export function shortLabel(env: CompatEnvironment, tools: Tool[] = []): string {
  const base = fill(ui['compat.env'], { distro: shortDistro(env.distro), kernel: shortVersion(env.kernel) });
  const main = tools[0];
  return main ? `${base} · ${main} ${shortVersion(env[main], SHORT_PARTS[main])}` : base;
}

/**
 * The tool the short line names: the block's first tool whose version differs between
 * the environments that ran it (the same version everywhere is only noise there; the
 * opened line names every version).
 */
export function lineTools(results: Pick<EnvResult, 'env'>[], tools: Tool[]): Tool[] {
  const differs = tools.find((t) => new Set(results.map((r) => r.env[t])).size > 1);
  return differs ? [differs] : [];
}

/** `Debian GNU/Linux 13 (trixie) · kernel 6.18.44-fc-v669 · clang 19.1.7 · libbpf 1.5.0`. */
export function fullLabel(env: CompatEnvironment, tools: Tool[] = []): string {
  return [fill(ui['compat.env'], { distro: env.distro, kernel: env.kernel }), ...tools.map((t) => `${t} ${env[t]}`)].join(' · ');
}

/** What one environment says about one block or exercise; `none`: not run there. */
export type Cell = Outcome | 'none';

export interface EnvResult {
  env: CompatEnvironment;
  outcome: Cell;
  /** The lab's Spanish reason, for `unavailable` (empty when it gave none). */
  reason: string;
}

type Entry = Compatibility['blocks'][string];

/** One result per environment, in the lab's order (`none` where it did not run). */
export function resultsOf(entry: Entry | undefined, compat: Compatibility = compatibility): EnvResult[] {
  return compat.environments.map((env) => ({
    env,
    outcome: entry?.results[env.id] ?? 'none',
    reason: entry?.reasons[env.id] ?? '',
  }));
}

/** The results of a lesson block or an exercise where it ran; empty when the lab never ran it. */
export function ranResults(target: { block: string } | { exercise: string }, compat: Compatibility = compatibility): EnvResult[] {
  const entry = 'block' in target ? compat.blocks[target.block] : compat.exercises[target.exercise];
  return resultsOf(entry, compat).filter((r) => r.outcome !== 'none');
}

/** The mark of a cell: seen by the eye; the words (`cellWords`) are for screen readers and titles. */
export const MARK: Record<Cell, string> = { ok: '✓', unavailable: '—', fail: '✗', none: '·' };

/**
 * A cell in words: «funciona», «falla», «sin probar en este entorno», or for an
 * unavailable one the lab's reason, which says it (readiness's words: «No disponible
 * en este kernel: …», «Falta una herramienta: …»), else «no disponible».
 */
export function cellWords(r: Pick<EnvResult, 'outcome' | 'reason'>): string {
  if (r.outcome === 'unavailable' && r.reason) return r.reason;
  return ui[`compat.${r.outcome}`];
}

/** `2026-11-30` → `30 de noviembre de 2026` (the page's language). */
export function longDate(date: string): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return new Intl.DateTimeFormat('es', { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

/** `host`, `chroot`, `qemu` in words; an unknown kind as written. */
export function kindWords(kind: string): string {
  const key = `compat.kind.${kind}` as keyof typeof ui;
  return key in ui ? ui[key] : kind;
}
