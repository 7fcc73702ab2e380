// Judge: a bpf_printk line from the workload that holds its PID and its name.
import { WORKLOAD_NAME } from '../../../server/processes/workloads.ts';
import { pidsNote, quote, type Judge, type Observation } from '../../../server/exercises/judge-kit.ts';

/** The first printk line that names one of the workload's PIDs and its command name. */
function pidCommLine(o: Observation) {
  const w = o.workload;
  if (!w) return undefined;
  const pids = w.pids.map(String);
  return o.printk.find((p) => pids.some((pid) => new RegExp(`\\b${pid}\\b`).test(p.message)) && p.message.includes(w.name));
}

export default {
  satisfied: (o) => pidCommLine(o) !== undefined,
  judge(o) {
    const hit = pidCommLine(o);
    const w = o.workload;
    if (hit) return { ok: true, message: `¡Correcto! Tu programa imprimió ${quote(hit.message)}: el PID ${hit.pid} y el comando «${w?.name}».` };
    const example = w ? `el PID de ${w.name}${pidsNote(w.pids)} y su nombre, «${w.name}»` : 'el PID y el nombre del proceso';
    const seen = o.printk.filter((p) => p.comm.includes(WORKLOAD_NAME) || (w?.pids ?? []).includes(p.pid)).map((p) => p.message);
    return {
      ok: false,
      message:
        `Se esperaba una línea de bpf_printk con ${example}. ` +
        (seen.length
          ? `Se vio ${quote(seen[0])}. Usa bpf_get_current_pid_tgid() >> 32 y bpf_get_current_comm() y pásalos a bpf_printk con %d y %s.`
          : `No llegó ninguna línea de ${WORKLOAD_NAME}: ¿sigue enganchado a sys_enter_execve y llama a bpf_printk?`),
    };
  },
} satisfies Judge;
