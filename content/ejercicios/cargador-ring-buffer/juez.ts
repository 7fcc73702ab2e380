// Judge: the loader prints one line per execve read from the ring buffer; for each run of the
// workload there must be a line that starts with its PID and names the workload (the command or the
// file it executes). The loader's own text is all there is to observe: no printk, no maps.
import { WORKLOAD_NAME } from '../../../server/processes/workloads.ts';
import { pidsNote, quote, type Judge, type Observation } from '../../../server/exercises/judge-kit.ts';

/** The loader's event lines: `PID COMM FILE` (not the compiler's source excerpts, `  22 | code`). */
function eventLines(o: Observation): Array<{ pid: number; line: string }> {
  const out: Array<{ pid: number; line: string }> = [];
  for (const line of o.text.split('\n')) {
    const m = /^\s*(\d+)\s+[^\s|]\S*\s+\S/.exec(line);
    if (m) out.push({ pid: Number(m[1]), line: line.trim() });
  }
  return out;
}

/** The workload's PIDs that have a line of their own naming the workload. */
function seenRuns(o: Observation): number[] {
  const w = o.workload;
  if (!w) return [];
  const lines = eventLines(o);
  return w.pids.filter((pid) => lines.some((l) => l.pid === pid && l.line.includes(w.name)));
}

export default {
  satisfied: (o) => !!o.workload && o.workload.pids.length > 0 && seenRuns(o).length === o.workload.pids.length,
  judge(o) {
    const w = o.workload;
    const seen = seenRuns(o);
    if (w && w.pids.length > 0 && seen.length === w.pids.length) {
      const line = eventLines(o).find((l) => l.pid === seen[0] && l.line.includes(w.name));
      return {
        ok: true,
        message: `¡Correcto! Tu cargador leyó del ring buffer una línea por cada ejecución de ${w.name}${pidsNote(w.pids)}, por ejemplo ${quote(line?.line ?? '')}.`,
      };
    }
    const expected = `una línea por cada ejecución de ${WORKLOAD_NAME}${w ? pidsNote(w.pids) : ''} que empiece por su PID`;
    const lines = eventLines(o);
    if (lines.length === 0) {
      return {
        ok: false,
        message: `Se esperaba ${expected}, pero tu cargador no imprimió ningún evento: los eventos se quedan en el ring buffer si nadie lo lee. Crea el lector con ring_buffer__new(bpf_map__fd(skel->maps.events), handle_event, NULL, NULL) y llama a ring_buffer__poll en el bucle.`,
      };
    }
    return {
      ok: false,
      message: `Se esperaba ${expected}; llegaron ${seen.length} de ${w?.pids.length ?? 0}. La última línea fue ${quote(lines[lines.length - 1].line)}. ¿Sigues llamando a ring_buffer__poll hasta Ctrl-C?`,
    };
  },
} satisfies Judge;
