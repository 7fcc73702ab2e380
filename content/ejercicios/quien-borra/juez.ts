// Judge: every file the unlink workload removes is named in a bpf_printk line of the workload's own
// process (its PID, or its command name when the PID is not known).
import { UNLINK_FILES, WORKLOAD_NAME } from '../../../server/processes/workloads.ts';
import { joinEs, quote, type Judge, type Observation } from '../../../server/exercises/judge-kit.ts';

/** The workload's own lines. */
function lines(o: Observation): string[] {
  const pids = o.workload?.pids ?? [];
  return o.printk.filter((p) => pids.includes(p.pid) || p.comm === WORKLOAD_NAME).map((p) => p.message);
}

const named = (o: Observation) => UNLINK_FILES.filter((f) => lines(o).some((l) => l.includes(f)));

export default {
  satisfied: (o) => named(o).length === UNLINK_FILES.length,
  judge(o) {
    const seen = lines(o);
    const found = named(o);
    if (found.length === UNLINK_FILES.length) {
      return {
        ok: true,
        message: `¡Correcto! ${WORKLOAD_NAME} borró ${joinEs(UNLINK_FILES.map((f) => quote(f)))} y tu programa lo vio: ${quote(seen.find((l) => l.includes(UNLINK_FILES[0])) ?? '')}.`,
      };
    }
    const missing = UNLINK_FILES.filter((f) => !found.includes(f));
    return {
      ok: false,
      message:
        `Se esperaba una línea de ${WORKLOAD_NAME} con el nombre de cada fichero que borra: ${joinEs(UNLINK_FILES.map((f) => quote(f)))}. ` +
        (seen.length
          ? `Se vio ${quote(seen[seen.length - 1])}, sin ${joinEs(missing.map((f) => quote(f)))}. El nombre es el segundo argumento de unlinkat(): añade const char *pathname a BPF_KSYSCALL y cópialo con bpf_probe_read_user_str().`
          : `No llegó ninguna línea de ${WORKLOAD_NAME}: ¿sigue enganchado a ksyscall/unlinkat y llama a bpf_printk?`),
    };
  },
} satisfies Judge;
