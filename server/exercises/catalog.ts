// The exercises: starting code, solution, the events the check generates, and
// how the learner's output is judged. The page only names an exercise; the
// judge runs here, on the real kernel.
import type { BpfMapDump } from '../protocol.ts';
import type { WorkloadKind, WorkloadResult } from '../sandbox/workloads.ts';

export interface Observation {
  /** bpf_printk messages (C programs). */
  printk: Array<{ comm: string; pid: number; message: string }>;
  /** Last map dump (C programs). */
  maps: BpfMapDump[];
  /** Everything shown in the terminal, without colours (bpftrace prints its maps here). */
  text: string;
  workload: WorkloadResult | null;
}

export interface Verdict {
  ok: boolean;
  /** What was expected and what was seen, in Spanish. */
  message: string;
}

export interface Exercise {
  id: string;
  /** Spanish title, shown on the exercise and on /progreso/. */
  title: string;
  lesson: string;
  kind: 'c' | 'bpftrace';
  fileName: string;
  start: string;
  solution: string;
  workload: WorkloadKind;
  /** True once the output already proves the answer right (the check can stop early). */
  satisfied(o: Observation): boolean;
  judge(o: Observation): Verdict;
}

const quote = (s: string, n = 120) => `«${s.length > n ? s.slice(0, n) + '…' : s}»`;

/** A Spanish list: «a», «a y b», «a, b y c». */
export function joinEs(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} y ${items[items.length - 1]}`;
}

/** Names at most `shown` items, each quoted, and counts the rest: «a», «b» y 3 más. */
export function namedList(items: string[], shown = 4): string {
  const named = items.slice(0, shown).map((s) => quote(s, 60));
  const rest = items.length - named.length;
  return rest > 0 ? `${named.join(', ')} y ${rest} más` : joinEs(named);
}

/** The workload's PIDs after «el PID de tallerej»: (fue 2116), or every run's: (se lanzó 3 veces: sus PID fueron …). */
export function pidsNote(pids: number[]): string {
  if (pids.length === 0) return '';
  if (pids.length === 1) return ` (fue ${pids[0]})`;
  return ` (se lanzó ${pids.length} veces: sus PID fueron ${joinEs(pids.map(String))})`;
}

/** «otro proceso («bash»)», «otros 6 procesos («bash», «ls», «cat», «sh» y 2 más)». */
export function otherProcesses(names: string[]): string {
  const what = names.length === 1 ? 'otro proceso' : `otros ${names.length} procesos`;
  return `${what} (${namedList(names)})`;
}

/** Every string inside a JSON value (struct keys hold char arrays as strings). */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

/** bpftrace's map lines, `@name[key]: value`. */
export function bpftraceMapLines(text: string): Array<{ map: string; key: string; value: number }> {
  return [...text.matchAll(/^(@\w*)\[(.*)\]: (\d+)\s*$/gm)].map((m) => ({ map: m[1], key: m[2], value: Number(m[3]) }));
}

const pidComm: Exercise = {
  id: 'pid-y-comando',
  title: 'El PID y el nombre de quien llama a execve',
  lesson: 'primer-programa',
  kind: 'c',
  fileName: 'pid_comm.bpf.c',
  start: 'bpf/exercises/pid_comm.start.bpf.c',
  solution: 'bpf/exercises/pid_comm.solution.bpf.c',
  workload: 'exec',
  satisfied: (o) => pidCommLine(o) !== undefined,
  judge(o) {
    const hit = pidCommLine(o);
    const w = o.workload;
    if (hit) return { ok: true, message: `¡Correcto! Tu programa imprimió ${quote(hit.message)}: el PID ${hit.pid} y el comando «${w?.name}».` };
    const example = w ? `el PID de ${w.name}${pidsNote(w.pids)} y su nombre, «${w.name}»` : 'el PID y el nombre del proceso';
    const seen = o.printk.filter((p) => p.comm.includes('tallerej') || (w?.pids ?? []).includes(p.pid)).map((p) => p.message);
    return {
      ok: false,
      message:
        `Se esperaba una línea de bpf_printk con ${example}. ` +
        (seen.length ? `Se vio ${quote(seen[0])}. Usa bpf_get_current_pid_tgid() >> 32 y bpf_get_current_comm() y pásalos a bpf_printk con %d y %s.` : 'No llegó ninguna línea de tallerej: ¿sigue enganchado a sys_enter_execve y llama a bpf_printk?'),
    };
  },
};

function pidCommLine(o: Observation) {
  const pids = (o.workload?.pids ?? []).map(String);
  return o.printk
    .map((p) => ({ ...p, pidInMessage: pids.find((pid) => new RegExp(`\\b${pid}\\b`).test(p.message)) }))
    .find((p) => p.pidInMessage && p.message.includes(o.workload!.name));
}

const openatFilter: Exercise = {
  id: 'openat-filtrado',
  title: 'Contar openat de un solo comando',
  lesson: 'bpftrace',
  kind: 'bpftrace',
  fileName: 'openat_filter.bt',
  start: 'bpf/exercises/openat_filter.start.bt',
  solution: 'bpf/exercises/openat_filter.solution.bt',
  workload: 'open',
  // bpftrace prints its maps only at exit: judge then.
  satisfied: () => false,
  judge(o) {
    const lines = bpftraceMapLines(o.text);
    const mine = lines.filter((l) => l.key.includes('tallerej'));
    const others = lines.filter((l) => !l.key.includes('tallerej'));
    if (mine.length === 0) {
      return {
        ok: false,
        message: lines.length
          ? `Se esperaba una entrada para «tallerej» (abrió /etc/hostname 5 veces en cada ronda); el mapa tiene ${lines.length === 1 ? 'una entrada, que no es' : `${lines.length} entradas, ninguna`} de tallerej: ${namedList(lines.map((l) => `${l.map}[${l.key}]: ${l.value}`), 5)}.`
          : 'Se esperaba un mapa con una entrada para «tallerej» al detenerse, y no se imprimió ninguno. Usa @[comm] = count().',
      };
    }
    if (others.length > 0) {
      return {
        ok: false,
        message: `Cuentas bien a tallerej (${mine[0].value}), pero también a ${otherProcesses(others.map((l) => l.key))}: falta el filtro /comm == "tallerej"/.`,
      };
    }
    if (mine[0].value < 5) return { ok: false, message: `Se esperaban al menos 5 openat de tallerej y se contaron ${mine[0].value}.` };
    return { ok: true, message: `¡Correcto! Solo tallerej, con ${mine[0].value} llamadas a openat.` };
  },
};

const commMap: Exercise = {
  id: 'mapa-por-comando',
  title: 'Un mapa con el nombre del comando como clave',
  lesson: 'mapas',
  kind: 'c',
  fileName: 'comm_map.bpf.c',
  start: 'bpf/exercises/comm_map.start.bpf.c',
  solution: 'bpf/exercises/comm_map.solution.bpf.c',
  workload: 'exec',
  satisfied: (o) => commCount(o) >= 3,
  judge(o) {
    const n = commCount(o);
    if (n >= 3) return { ok: true, message: `¡Correcto! Tu mapa cuenta ${n} execve de «tallerej» (se lanzó 3 veces).` };
    if (o.maps.length === 0) return { ok: false, message: 'Se esperaba un mapa hash con el nombre del proceso como clave, y el programa no tiene ninguno (o no se pudo leer).' };
    const entries = o.maps.flatMap((m) => m.entries.map((e) => `${m.name}: ${JSON.stringify(e.key)} → ${JSON.stringify(e.value)}`));
    return {
      ok: false,
      message:
        n > 0
          ? `Se esperaban al menos 3 execve de «tallerej» y tu mapa cuenta ${n}.`
          : `Se esperaba una entrada con la clave «tallerej» y un valor ≥ 3. Se vio: ${entries.length ? namedList(entries) : 'el mapa vacío'}.`,
    };
  },
};

function commCount(o: Observation): number {
  let best = 0;
  for (const m of o.maps) for (const e of m.entries) if (strings(e.key).some((s) => s === 'tallerej') && typeof e.value === 'number') best = Math.max(best, e.value);
  return best;
}

export const EXERCISES: ReadonlyMap<string, Exercise> = new Map([pidComm, openatFilter, commMap].map((e) => [e.id, e]));

/** The runnable-block id of an exercise's editor. */
export const exerciseBlockId = (id: string) => `ej-${id}`;
