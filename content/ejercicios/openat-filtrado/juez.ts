// Judge: bpftrace's map at exit has one entry, the workload's, with at least one run's openat calls.
import { OPENS_PER_RUN, WORKLOAD_FILE, WORKLOAD_NAME } from '../../../server/processes/workloads.ts';
import { bpftraceMapLines, namedList, otherProcesses, type Judge } from '../../../server/exercises/judge-kit.ts';

export default {
  // bpftrace prints its maps only at exit: judge then.
  satisfied: () => false,
  judge(o) {
    const lines = bpftraceMapLines(o.text);
    const mine = lines.filter((l) => l.key.includes(WORKLOAD_NAME));
    const others = lines.filter((l) => !l.key.includes(WORKLOAD_NAME));
    if (mine.length === 0) {
      return {
        ok: false,
        message: lines.length
          ? `Se esperaba una entrada para «${WORKLOAD_NAME}» (abrió ${WORKLOAD_FILE} ${OPENS_PER_RUN} veces en cada ronda); el mapa tiene ${lines.length === 1 ? 'una entrada, que no es' : `${lines.length} entradas, ninguna`} de ${WORKLOAD_NAME}: ${namedList(lines.map((l) => `${l.map}[${l.key}]: ${l.value}`), 5)}.`
          : `Se esperaba un mapa con una entrada para «${WORKLOAD_NAME}» al detenerse, y no se imprimió ninguno. Usa @[comm] = count().`,
      };
    }
    if (others.length > 0) {
      return {
        ok: false,
        message: `Cuentas bien a ${WORKLOAD_NAME} (${mine[0].value}), pero también a ${otherProcesses(others.map((l) => l.key))}: falta el filtro /comm == "${WORKLOAD_NAME}"/.`,
      };
    }
    if (mine[0].value < OPENS_PER_RUN) return { ok: false, message: `Se esperaban al menos ${OPENS_PER_RUN} openat de ${WORKLOAD_NAME} y se contaron ${mine[0].value}.` };
    return { ok: true, message: `¡Correcto! Solo ${WORKLOAD_NAME}, con ${mine[0].value} llamadas a openat.` };
  },
} satisfies Judge;
