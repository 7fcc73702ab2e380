// Judge: the map «por_comando» (filled only by the tail-called maneja_openat) has an entry for the
// workload's command with at least one run's openat() calls.
import { OPENS_PER_RUN, WORKLOAD_FILE, WORKLOAD_NAME } from '../../../server/processes/workloads.ts';
import { namedList, strings, type Judge, type Observation } from '../../../server/exercises/judge-kit.ts';

/** The workload's count in any map keyed by the command name, or null. */
function count(o: Observation): number | null {
  for (const map of o.maps)
    for (const e of map.entries) if (strings(e.key).includes(WORKLOAD_NAME) && Number.isFinite(Number(e.value))) return Number(e.value);
  return null;
}

export default {
  satisfied: (o) => (count(o) ?? 0) >= OPENS_PER_RUN,
  judge(o) {
    const n = count(o);
    if (n !== null && n >= OPENS_PER_RUN) {
      return {
        ok: true,
        message: `¡Correcto! El despachador pasó las llamadas a openat() a maneja_openat, que contó ${n} de ${WORKLOAD_NAME} (abrió ${WORKLOAD_FILE} ${OPENS_PER_RUN} veces, más sus bibliotecas).`,
      };
    }
    if (n !== null) {
      return { ok: false, message: `Se esperaban al menos ${OPENS_PER_RUN} llamadas a openat() de ${WORKLOAD_NAME} y se contaron ${n}.` };
    }
    const keys = o.maps.flatMap((m) => m.entries.flatMap((e) => strings(e.key)));
    return {
      ok: false,
      message: keys.length
        ? `Se esperaba en por_comando una entrada para «${WORKLOAD_NAME}» (abrió ${WORKLOAD_FILE} ${OPENS_PER_RUN} veces) y solo se vieron ${namedList(keys)}.`
        : `Se esperaba en por_comando una entrada para «${WORKLOAD_NAME}» (abrió ${WORKLOAD_FILE} ${OPENS_PER_RUN} veces), y el mapa está vacío: maneja_openat no llegó a ejecutarse. ¿Está en el mapa manejadores, y salta a él el despachador cuando ctx->id es __NR_openat?`,
    };
  },
} satisfies Judge;
