// Judge: for each run of the workload, a bpf_printk line with its PID, its name and its parent's PID.
// The parent (the workshop server, which launches every run) is not in the observation, so the judge
// checks what is observable: a number besides the PID, not one of the workload's PIDs, and the same
// in every run's line (one parent launched them all).
import { EXEC_RUNS, WORKLOAD_NAME } from '../../../server/processes/workloads.ts';
import { pidsNote, quote, type Judge, type Observation } from '../../../server/exercises/judge-kit.ts';

const numbers = (s: string) => (s.match(/\d+/g) ?? []).map(Number);

/** Per workload PID, the candidate parent PIDs of its lines that name the PID and the command. */
function candidates(o: Observation): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  const w = o.workload;
  if (!w) return out;
  for (const p of o.printk) {
    if (!w.pids.includes(p.pid) || !p.message.includes(w.name)) continue;
    const nums = numbers(p.message);
    if (!nums.includes(p.pid)) continue;
    const others = nums.filter((n) => n > 1 && n !== p.pid && !w.pids.includes(n));
    if (others.length === 0) continue;
    const set = out.get(p.pid) ?? new Set<number>();
    for (const n of others) set.add(n);
    out.set(p.pid, set);
  }
  return out;
}

/** The parent PID common to the lines of every run seen (at least two runs, or all of them). */
function commonParent(o: Observation): number | undefined {
  const w = o.workload;
  if (!w) return undefined;
  const seen = [...candidates(o).values()];
  if (seen.length < Math.min(2, w.pids.length, EXEC_RUNS)) return undefined;
  return [...seen[0]].find((n) => seen.every((s) => s.has(n)));
}

export default {
  satisfied: (o) => commonParent(o) !== undefined,
  judge(o) {
    const w = o.workload;
    const parent = commonParent(o);
    if (w && parent !== undefined) {
      const line = o.printk.find((p) => w.pids.includes(p.pid) && p.message.includes(w.name) && numbers(p.message).includes(parent));
      return {
        ok: true,
        message: `¡Correcto! Tu programa imprimió ${quote(line?.message ?? '')}: el PID de ${w.name}, su nombre y el PID de su padre, ${parent}, el mismo en cada ejecución.`,
      };
    }
    const example = w ? `el PID de ${w.name}${pidsNote(w.pids)}, su nombre, «${w.name}», y el PID de su padre` : 'el PID, el nombre y el PID del padre';
    const seen = o.printk.filter((p) => p.comm.includes(WORKLOAD_NAME) || (w?.pids ?? []).includes(p.pid)).map((p) => p.message);
    return {
      ok: false,
      message:
        `Se esperaba, en cada ejecución, una línea de bpf_printk con ${example} (el mismo padre las ${EXEC_RUNS} veces). ` +
        (seen.length
          ? `Se vio ${quote(seen[seen.length - 1])}. Lee el PID del padre con BPF_CORE_READ(task, real_parent, tgid), el nombre con bpf_get_current_comm(), y pásalos a bpf_printk con %d y %s.`
          : `No llegó ninguna línea de ${WORKLOAD_NAME}: ¿sigue enganchado a sys_enter_execve y llama a bpf_printk?`),
    };
  },
} satisfies Judge;
